"use client";

import type { PreviewResponse } from "@/lib/contracts/orders";
import { formatBps, formatPrice, formatQty, formatUsd, formatUsdCompact } from "@/lib/format";
import { isRetryable, type ApiClientError } from "@/lib/queries/api-fetch";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import type { TicketOrder } from "./order-ticket-state";
import { usd } from "./ticket-forecast";

const CHECK_STYLE = {
  pass: { icon: "✓", className: "bg-emerald-100 text-emerald-700" },
  warn: { icon: "!", className: "bg-amber-100 text-amber-800" },
  fail: { icon: "✕", className: "bg-rose-100 text-rose-700" },
} as const;

/** The pre-trade checks of the preview, with the estimated cost and the routing plan. */
export function TicketChecks({
  preview,
  error,
  loading,
  stale,
  order,
}: {
  preview: PreviewResponse | undefined;
  error: ApiClientError | null;
  loading: boolean;
  stale: boolean;
  order: TicketOrder | null;
}) {
  const failed = preview?.checks.filter((c) => c.status === "fail").length ?? 0;
  const warned = preview?.checks.filter((c) => c.status === "warn").length ?? 0;
  return (
    <Panel
      title="Pre-trade checks"
      subtitle={preview ? `${preview.routing === "sor" ? `SOR ${preview.router}` : "direct"} · ${preview.legs.length} leg${preview.legs.length === 1 ? "" : "s"}` : "POST /v1/orders/preview"}
      actions={
        preview && !stale ? (
          failed > 0 ? (
            <Badge tone="red">{failed} failed</Badge>
          ) : warned > 0 ? (
            <Badge tone="amber">{warned} warning{warned === 1 ? "" : "s"}</Badge>
          ) : (
            <Badge tone="green">all pass</Badge>
          )
        ) : stale && preview ? (
          <Badge tone="blue">checking…</Badge>
        ) : undefined
      }
      testId="ticket-checks"
    >
      <div data-would-accept={preview && !stale ? String(preview.would_accept) : undefined} data-failed={preview && !stale ? failed : undefined}>
        {!order ? (
          <EmptyState title="No order to check yet" />
        ) : error && (!preview || !isRetryable(error)) ? (
          <div className="p-3">
            <ErrorState error={error} title={error.status === 422 ? "The order does not validate" : "Could not check this order"} compact scope="ticket-checks" />
          </div>
        ) : loading || !preview ? (
          <div className="space-y-2 p-3" role="status" aria-label="Checking order">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-4" />
            ))}
          </div>
        ) : (
          <div className={cx("grid grid-cols-1 transition-opacity lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]", stale && "opacity-60")}>
            <ul className="grid grid-cols-1 content-start gap-x-2 sm:grid-cols-2">
              {preview.checks.map((c) => (
                <li key={c.check} className="flex items-start gap-2 border-b border-slate-100 px-3 py-1.5" data-testid={`ticket-check-${c.check}`} data-status={c.status}>
                  <span aria-label={c.status} className={cx("mt-px grid size-4 shrink-0 place-items-center rounded-full text-[10px] font-bold", CHECK_STYLE[c.status].className)}>
                    {CHECK_STYLE[c.status].icon}
                  </span>
                  <span className="min-w-0">
                    <span className="text-xs font-medium text-slate-800">{c.check.replace(/_/g, " ")}</span>
                    <span className="block text-[11px] leading-4 text-slate-500">{c.message}</span>
                  </span>
                </li>
              ))}
            </ul>
            <div className="border-t border-slate-100 p-3 lg:border-t-0 lg:border-l">
              <p className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">Estimated</p>
              <dl className="num mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
                <dt className="text-slate-500">Avg price</dt>
                <dd className="text-right text-slate-800">{formatPrice(preview.estimated.avg_price)}</dd>
                <dt className="text-slate-500">Cost</dt>
                <dd className="text-right text-slate-800">
                  {formatBps(preview.estimated.cost_bps)} · {usd(preview.estimated.cost_usd)}
                </dd>
                <dt className="text-slate-500">P90</dt>
                <dd className="text-right text-amber-700">{formatBps(preview.estimated.p90_cost_bps)}</dd>
                <dt className="text-slate-500">Fees</dt>
                <dd className="text-right text-slate-800">{formatUsd(preview.estimated.fees_usd)}</dd>
                <dt className="text-slate-500">Notional</dt>
                <dd className="text-right text-slate-800">{formatUsdCompact(preview.notional_usd)}</dd>
              </dl>
              <p className="mt-2 text-[10px] font-semibold uppercase tracking-wider text-slate-500">Routing plan</p>
              {preview.legs.length === 0 ? (
                <p className="mt-1 text-xs text-slate-500">No venue can take any of this order now.</p>
              ) : (
                <ul className="num mt-1 space-y-0.5 text-xs">
                  {preview.legs.map((l) => (
                    <li key={l.venue} className="flex items-center justify-between gap-2">
                      <span className="flex items-center gap-1.5 text-slate-700">
                        <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[l.venue] }} />
                        {l.venue}
                      </span>
                      <span className="text-slate-600">
                        {formatQty(l.qty)} · {(l.fraction * 100).toFixed(0)}% · {formatBps(l.est_cost_bps, { unit: false })} bps
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {preview.unfilled_qty > 0 && <p className="num mt-1 text-[11px] text-amber-700">{formatQty(preview.unfilled_qty)} left unfilled by the plan</p>}
            </div>
          </div>
        )}
      </div>
    </Panel>
  );
}
