"use client";

import type { ReactNode } from "react";
import { isApiClientError } from "@/lib/queries/api-fetch";
import { cx } from "./cx";

/**
 * An API failure as the user needs it: what went wrong (the envelope message), the code
 * and status, field details, and the request id to quote to support.
 */
export function ErrorState({
  error,
  title = "Could not load data",
  onRetry,
  compact = false,
  className,
  scope,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  compact?: boolean;
  className?: string;
  /** Which data failed (e.g. "quotes", "depth"); exposed as data-scope for tests. */
  scope?: string;
}) {
  const api = isApiClientError(error) ? error : null;
  const message = api?.message ?? (error instanceof Error ? error.message : "Something went wrong");
  return (
    <div
      role="alert"
      data-testid="error-state"
      data-scope={scope}
      className={cx("rounded-md border border-rose-200 bg-rose-50 text-rose-900", compact ? "px-3 py-2" : "px-4 py-3", className)}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-rose-700">
            {title}
            {api && (
              <span className="ml-2 font-mono font-normal normal-case tracking-normal text-rose-600">
                {api.code}
                {api.status > 0 ? ` · HTTP ${api.status}` : ""}
              </span>
            )}
          </p>
          <p className="mt-0.5 text-sm" data-testid="error-message">
            {message}
          </p>
          {api && api.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-xs text-rose-800">
              {api.details.map((d, i) => (
                <li key={i}>
                  {d.field && <code className="font-mono">{d.field}</code>}
                  {d.field ? ": " : ""}
                  {d.message}
                </li>
              ))}
            </ul>
          )}
          {api?.requestId && (
            <p className="mt-1 text-xs text-rose-700">
              Request id <code className="select-all font-mono" data-testid="error-request-id">{api.requestId}</code>
            </p>
          )}
        </div>
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="shrink-0 rounded border border-rose-300 bg-white px-2 py-1 text-xs font-medium text-rose-700 hover:bg-rose-100"
          >
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

export function EmptyState({ title, children, className }: { title: string; children?: ReactNode; className?: string }) {
  return (
    <div data-testid="empty-state" className={cx("flex flex-col items-center justify-center px-4 py-8 text-center", className)}>
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children && <div className="mt-1 max-w-md text-xs text-slate-500">{children}</div>}
    </div>
  );
}
