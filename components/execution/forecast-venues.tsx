"use client";

import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatAge, formatBps, formatQty } from "@/lib/format";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { COST_PART_COLORS } from "@/components/charts/chart-theme";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { venueMixRows } from "./forecast-math";
import { baseAsset } from "./order-form-state";
import { TH, TD } from "@/components/ui/table-cells";

function Part({ value, color }: { value: number; color: string }) {
  return (
    <td className={cx(TD, "text-right", value < 0 ? "text-emerald-700" : "text-slate-600")}>
      <span aria-hidden className="mr-1 inline-block size-1.5 rounded-full align-middle" style={{ background: color }} />
      {formatBps(value, { unit: false })}
    </td>
  );
}

/**
 * Venues ranked by landed cost for the whole order (book walk + taker fee + latency risk +
 * staleness, in bps vs mid), with visible quantity and whether the venue alone could fill
 * it, plus the share the router is expected to send there.
 */
export function VenueRankingTable({ forecast }: { forecast: ForecastResponse }) {
  const base = baseAsset(forecast.symbol);
  const mix = new Map(forecast.venue_mix.map((m) => [m.venue, m.fraction]));
  const venues = [...forecast.venues].sort((a, b) => a.rank - b.rank);
  return (
    <table className="num w-full border-collapse text-xs" data-testid="venue-ranking-table">
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th className={cx(TH, "w-8 text-right")}>#</th>
          <th className={cx(TH, "text-left")}>Venue</th>
          <th className={cx(TH, "text-right")} title="book + fee + latency + staleness">
            Landed
          </th>
          <th className={cx(TH, "text-right")} title="Book walk: average fill vs mid">
            Book
          </th>
          <th className={cx(TH, "text-right")} title="Taker fee at the desk's tier">
            Fee
          </th>
          <th className={cx(TH, "text-right")} title="Expected adverse move over the venue's ack latency">
            Latency
          </th>
          <th className={cx(TH, "text-right")} title="Allowance for the age of the venue's book">
            Stale
          </th>
          <th className={cx(TH, "text-right")} title="Visible quantity on the order's side of this venue's book">
            Available
          </th>
          <th className={cx(TH, "text-left")} title="Could this venue alone fill the whole order?">
            Alone
          </th>
          <th className={cx(TH, "text-right")} title="Expected share of the order routed here">
            Mix
          </th>
        </tr>
      </thead>
      <tbody>
        {venues.map((v) => {
          const share = mix.get(v.venue) ?? 0;
          return (
            <tr
              key={v.venue}
              data-testid={`venue-row-${v.venue}`}
              data-rank={v.rank}
              className={cx("border-b border-slate-100 last:border-b-0", v.rank === 1 && "bg-emerald-50/50 shadow-[inset_3px_0_0_0_#059669]")}
            >
              <td className={cx(TD, "text-right text-slate-400")}>{v.rank}</td>
              <td className={cx(TD, "font-medium text-slate-800")}>
                <span aria-hidden className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[v.venue] }} />
                {v.venue}
                {v.rank === 1 && (
                  <Badge tone="green" className="ml-1.5">
                    cheapest
                  </Badge>
                )}
              </td>
              <td className={cx(TD, "text-right font-semibold text-slate-900")}>{formatBps(v.landed_cost_bps, { unit: false })}</td>
              <Part value={v.book_cost_bps} color={COST_PART_COLORS.book} />
              <Part value={v.fee_bps} color={COST_PART_COLORS.fee} />
              <Part value={v.latency_cost_bps} color={COST_PART_COLORS.latency} />
              <Part value={v.staleness_bps} color={COST_PART_COLORS.staleness} />
              <td className={cx(TD, "text-right text-slate-600")}>
                {formatQty(v.available_qty)} <span className="text-slate-400">{base}</span>
              </td>
              <td className={TD}>{v.fillable ? <Badge tone="green">full</Badge> : <Badge tone="amber">partial</Badge>}</td>
              <td className={cx(TD, "text-right", share > 0 ? "text-slate-700" : "text-slate-300")}>{share > 0 ? `${(share * 100).toFixed(1)}%` : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Where the order is expected to go: one 100 % bar split by venue, then the shares. */
export function VenueMix({ mix }: { mix: ForecastResponse["venue_mix"] }) {
  const rows = venueMixRows(mix);
  if (rows.length === 0) return <p className="px-3 py-4 text-xs text-slate-500">No venue is expected to fill any of this order.</p>;
  const top = rows[0]?.fraction ?? 1;
  return (
    <div className="space-y-2 p-3" data-testid="venue-mix">
      <div className="flex h-3 overflow-hidden rounded-sm" role="img" aria-label={rows.map((r) => `${r.venue} ${(r.fraction * 100).toFixed(1)}%`).join(", ")}>
        {rows.map((r) => (
          <div key={r.venue} title={`${r.venue} ${(r.fraction * 100).toFixed(1)}%`} style={{ width: `${r.fraction * 100}%`, background: VENUE_COLORS[r.venue] }} />
        ))}
      </div>
      <ul className="num space-y-1 text-xs">
        {rows.map((r) => (
          <li key={r.venue} className="grid grid-cols-[5.5rem_minmax(0,1fr)_3.5rem] items-center gap-2" data-testid={`venue-mix-${r.venue}`}>
            <span className="flex items-center gap-1.5 truncate text-slate-700">
              <span aria-hidden className="inline-block size-2 shrink-0 rounded-sm" style={{ background: VENUE_COLORS[r.venue] }} />
              {r.venue}
            </span>
            <span className="h-1.5 rounded-full bg-slate-100">
              <span className="block h-1.5 rounded-full" style={{ width: `${(r.fraction / top) * 100}%`, background: VENUE_COLORS[r.venue] }} />
            </span>
            <span className="text-right font-medium text-slate-800">{(r.fraction * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The urgency trade-off as numbers, under its chart. The first row is executing now: the
 * P50 card, the figure every profile's saving is measured from (expected = now − saving).
 */
export function UrgencyTable({ points, nowCostBps }: { points: ForecastResponse["urgency_tradeoff"]; nowCostBps: number }) {
  const best = points.reduce<(typeof points)[number] | null>((b, p) => (b === null || p.expected_cost_bps < b.expected_cost_bps ? p : b), null);
  return (
    <table className="num w-full border-collapse text-xs" data-testid="urgency-table">
      <thead className="border-y border-slate-200 bg-slate-50">
        <tr>
          <th className={cx(TH, "text-left")}>Urgency</th>
          <th className={cx(TH, "text-right")}>Horizon</th>
          <th className={cx(TH, "text-right")}>Expected</th>
          <th className={cx(TH, "text-right")}>Risk 1σ</th>
          <th className={cx(TH, "text-right")}>Saving</th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-b border-slate-100" data-testid="urgency-now">
          <td className={cx(TD, "font-medium text-slate-800")} title="an immediate sweep: the P50 card">
            Now
          </td>
          <td className={cx(TD, "text-right text-slate-600")}>sweep</td>
          <td className={cx(TD, "text-right text-slate-900")}>{formatBps(nowCostBps, { unit: false })}</td>
          <td className={cx(TD, "text-right text-slate-400")}>—</td>
          <td className={cx(TD, "text-right text-slate-400")}>—</td>
        </tr>
        {points.map((p) => (
          <tr key={p.urgency} className="border-b border-slate-100 last:border-b-0">
            <td className={cx(TD, "font-medium capitalize text-slate-800")}>
              {p.urgency}
              {best?.urgency === p.urgency && points.length > 1 && (
                <Badge tone="green" className="ml-1.5 normal-case">
                  lowest cost
                </Badge>
              )}
            </td>
            <td className={cx(TD, "text-right text-slate-600")}>{formatHorizon(p.horizon_ms)}</td>
            <td className={cx(TD, "text-right text-slate-900")}>{formatBps(p.expected_cost_bps, { unit: false })}</td>
            <td className={cx(TD, "text-right text-amber-700")}>{formatBps(p.risk_bps, { unit: false })}</td>
            <td className={cx(TD, "text-right", p.savings_bps > 0 ? "text-emerald-700" : "text-slate-500")}>
              {p.savings_bps > 0 ? "+" : ""}
              {formatBps(p.savings_bps, { unit: false })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatHorizon(ms: number): string {
  return ms <= 0 ? "now" : formatAge(ms);
}
