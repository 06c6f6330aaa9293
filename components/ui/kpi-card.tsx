import type { ReactNode } from "react";
import { cx } from "./cx";

export type KpiTone = "neutral" | "red" | "amber" | "green";

const TONE: Record<KpiTone, string> = {
  neutral: "border-slate-200",
  red: "border-rose-300 bg-rose-50/60",
  amber: "border-amber-300 bg-amber-50/60",
  green: "border-emerald-300 bg-emerald-50/50",
};

/**
 * A headline figure: small caps label, the value (children), an optional line under it
 * and optional extra content (footer). The KPI rows of Forecast, Live, Review and Summary.
 */
export function KpiCard({
  label,
  children,
  sub,
  tone = "neutral",
  testId,
  title,
  footer,
  truncateSub = false,
}: {
  label: ReactNode;
  children?: ReactNode;
  sub?: ReactNode;
  tone?: KpiTone;
  testId?: string | undefined;
  title?: string | undefined;
  footer?: ReactNode;
  /** Keep the line under the value to one line (cards in a dense row). */
  truncateSub?: boolean;
}) {
  return (
    <div data-testid={testId} title={title} className={cx("min-w-0 rounded-md border bg-white px-3 py-2 shadow-sm", TONE[tone])}>
      <div className="truncate text-[10px] font-semibold uppercase tracking-wider text-slate-500">{label}</div>
      {children !== undefined && <div className="num mt-0.5 truncate text-lg font-semibold leading-6 text-slate-900">{children}</div>}
      {sub !== undefined && <div className={cx("num mt-0.5 text-[11px] leading-4 text-slate-500", truncateSub && "truncate")}>{sub}</div>}
      {footer}
    </div>
  );
}
