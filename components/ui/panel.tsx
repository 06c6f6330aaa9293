import type { ReactNode } from "react";
import { cx } from "./cx";

/** A bordered white card with a compact title bar; the dashboard's basic container. */
export function Panel({
  title,
  subtitle,
  actions,
  children,
  className,
  bodyClassName,
  testId,
}: {
  title?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  bodyClassName?: string;
  testId?: string;
}) {
  return (
    <section className={cx("min-w-0 rounded-md border border-slate-200 bg-white shadow-sm", className)} data-testid={testId}>
      {(title || actions) && (
        <header className="flex min-h-9 items-center justify-between gap-3 border-b border-slate-200 px-3 py-1.5">
          <div className="flex min-w-0 items-baseline gap-2">
            {title && <h2 className="truncate text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h2>}
            {subtitle && <span className="truncate text-xs text-slate-400">{subtitle}</span>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={bodyClassName}>{children}</div>
    </section>
  );
}
