"use client";

import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatBps, formatPrice, formatQty, formatUsd } from "@/lib/format";
import type { ApiClientError } from "@/lib/queries/api-fetch";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { VenueMix } from "./forecast-venues";
import type { TicketOrder } from "./order-ticket-state";

function Figure({ label, value, sub, tone, testId }: { label: string; value: string; sub?: string; tone?: "amber"; testId?: string }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 px-2.5 py-1.5" data-testid={testId}>
      <div className="truncate text-[10px] font-semibold uppercase tracking-wider text-slate-500">{label}</div>
      <div className={cx("num truncate text-base font-semibold leading-6", tone === "amber" ? "text-amber-700" : "text-slate-900")}>{value}</div>
      {sub !== undefined && <div className="num truncate text-[11px] text-slate-500">{sub}</div>}
    </div>
  );
}

/** A cost in USD; a negative cost reads as a gain. */
export function usd(value: number): string {
  return value < 0 ? `${formatUsd(-value)} gain` : formatUsd(value);
}

/** The forecast panel of the ticket: P50/P90 cost, fillable size, warnings and the venue mix. */
export function TicketForecast({
  forecast,
  error,
  loading,
  stale,
  order,
}: {
  forecast: ForecastResponse | undefined;
  error: ApiClientError | null;
  loading: boolean;
  stale: boolean;
  order: TicketOrder | null;
}) {
  return (
    <Panel
      title="Forecast before sending"
      subtitle={forecast ? `${forecast.model_version} · ${forecast.source.market} market` : "P50 / P90 cost vs arrival mid"}
      actions={stale && forecast ? <Badge tone="blue">updating…</Badge> : undefined}
      testId="ticket-forecast"
    >
      {!order ? (
        <EmptyState title="Enter a valid order to see its forecast" />
      ) : error && !forecast ? (
        <div className="p-3">
          <ErrorState error={error} title="Could not forecast this order" compact scope="ticket-forecast" />
        </div>
      ) : loading || !forecast ? (
        <div className="grid grid-cols-2 gap-2 p-3 md:grid-cols-4" role="status" aria-label="Loading forecast">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-14" />
          ))}
        </div>
      ) : (
        <div className={cx("grid grid-cols-1 gap-0 transition-opacity lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]", stale && "opacity-60")}>
          <div className="space-y-2 p-3">
            <div className="grid grid-cols-2 gap-2">
              <Figure testId="ticket-p50" label="P50 expected" value={formatBps(forecast.expected_cost_bps)} sub={usd(forecast.expected_cost_usd)} />
              <Figure testId="ticket-p90" label="P90 downside" value={formatBps(forecast.downside_cost_bps)} sub={usd(forecast.downside_cost_usd)} tone="amber" />
            </div>
            <p className="num text-[11px] leading-4 text-slate-500">
              mid {formatPrice(forecast.mid)} · {forecast.complete ? "the visible books fill the whole order" : `only ${formatQty(forecast.fillable_qty)} fillable now`}
              {order.pacing ? " · forecast for the whole size at once; pacing spreads it out" : ""}
            </p>
            {forecast.warnings.length > 0 && (
              <ul className="list-disc space-y-0.5 pl-4 text-[11px] text-amber-800">
                {forecast.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-100 lg:border-t-0 lg:border-l">
            <p className="px-3 pt-2 text-[10px] font-semibold uppercase tracking-wider text-slate-500">Venue mix</p>
            <VenueMix mix={forecast.venue_mix} />
          </div>
        </div>
      )}
    </Panel>
  );
}
