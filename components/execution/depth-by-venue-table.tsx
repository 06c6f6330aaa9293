"use client";

import type { VenueId } from "@/lib/contracts/common";
import type { DepthResponse } from "@/lib/contracts/market";
import { formatUsdCompact } from "@/lib/format";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { cx } from "@/components/ui/cx";
import { depthVenues, findBand, type DepthBand } from "./market-math";

/**
 * USD notional within each band per venue: where the liquidity sits. The largest venue
 * in each column is emphasised.
 */
export function DepthByVenueTable({ depth }: { depth: DepthResponse }) {
  const venues = depthVenues(depth);
  const bands = [...depth.bands_bps].sort((a, b) => a - b);
  const max = new Map<string, number>();
  for (const band of bands) {
    for (const side of ["bid", "ask"] as const) {
      const values = venues.map((v) => value(findBand(depth.venues[v]?.bands ?? [], band), side));
      max.set(`${side}-${band}`, Math.max(0, ...values));
    }
  }
  const cell = (b: DepthBand | undefined, side: "bid" | "ask", band: number, emphasise: boolean) => {
    const v = value(b, side);
    const top = emphasise && v > 0 && v === max.get(`${side}-${band}`);
    return (
      <td
        key={`${side}-${band}`}
        className={cx(
          "px-2 py-1 text-right",
          side === "bid" ? "text-emerald-700" : "border-r border-slate-100 text-rose-700",
          top && "font-semibold",
        )}
      >
        {formatUsdCompact(v)}
      </td>
    );
  };

  return (
    <table className="num w-full border-collapse text-xs" data-testid="depth-table">
      <thead className="bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
        <tr className="border-b border-slate-200">
          <th rowSpan={2} className="px-2 py-1 text-left font-semibold">
            Venue
          </th>
          {bands.map((band) => (
            <th key={band} colSpan={2} className="border-r border-slate-200 px-2 pt-1 text-center font-semibold last:border-r-0">
              ±{band} bps
            </th>
          ))}
        </tr>
        <tr className="border-b border-slate-200">
          {bands.map((band) => (
            <BandSubHeader key={band} />
          ))}
        </tr>
      </thead>
      <tbody>
        {venues.map((v: VenueId) => (
          <tr key={v} className="border-b border-slate-100" data-testid={`depth-row-${v}`}>
            <td className="px-2 py-1 font-medium text-slate-800">
              <span className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[v] }} aria-hidden />
              {v}
            </td>
            {bands.flatMap((band) => {
              const b = findBand(depth.venues[v]?.bands ?? [], band);
              return [cell(b, "bid", band, true), cell(b, "ask", band, true)];
            })}
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold">
        <tr data-testid="depth-row-consolidated">
          <td className="px-2 py-1 text-slate-800">All venues</td>
          {bands.flatMap((band) => {
            const b = findBand(depth.consolidated.bands, band);
            return [cell(b, "bid", band, false), cell(b, "ask", band, false)];
          })}
        </tr>
      </tfoot>
    </table>
  );
}

function BandSubHeader() {
  return (
    <>
      <th className="px-2 pb-1 text-right font-medium text-emerald-700">Bid</th>
      <th className="border-r border-slate-200 px-2 pb-1 text-right font-medium text-rose-700">Ask</th>
    </>
  );
}

function value(b: DepthBand | undefined, side: "bid" | "ask"): number {
  if (!b) return 0;
  return side === "bid" ? b.bid_notional_usd : b.ask_notional_usd;
}
