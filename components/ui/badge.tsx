import type { ReactNode } from "react";
import { cx } from "./cx";

export type BadgeTone = "neutral" | "green" | "red" | "amber" | "blue" | "dark";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  red: "bg-rose-50 text-rose-700 ring-rose-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-300",
  blue: "bg-sky-50 text-sky-700 ring-sky-200",
  dark: "bg-slate-800 text-slate-100 ring-slate-700",
};

export function Badge({
  tone = "neutral",
  children,
  title,
  className,
  testId,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
  className?: string;
  testId?: string;
}) {
  return (
    <span
      title={title}
      data-testid={testId}
      className={cx(
        "inline-flex items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium leading-4 whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
