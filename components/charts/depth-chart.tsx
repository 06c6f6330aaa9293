"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { VenueId } from "@/lib/contracts/common";
import type { DepthResponse } from "@/lib/contracts/market";
import { formatQty, formatUsdCompact } from "@/lib/format";
import { depthBars, depthVenues, type DepthBar } from "@/components/execution/market-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { ASK_COLOR, BID_COLOR, VENUE_COLORS } from "./venue-colors";

export type DepthChartMode = "consolidated" | "venue";

const LEGEND_HEIGHT = 20;

type Row = DepthBar & { bid?: number; ask?: number } & Partial<Record<VenueId, number>>;

/**
 * Mirrored cumulative depth: USD notional resting within each band of mid, bids to the
 * left (green), asks to the right (red) — the familiar depth-chart "V" in discrete bands.
 * In venue mode each bar is stacked by venue instead, to show where the liquidity sits.
 */
export function DepthChart({ depth, mode, height = 260 }: { depth: DepthResponse; mode: DepthChartMode; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const venues = depthVenues(depth);
  const rows: Row[] = depthBars(depth).map((b) => ({
    ...b,
    ...(b.side === "bid" ? { bid: b.notional } : { ask: b.notional }),
    ...b.byVenue,
  }));
  const base = depth.symbol.split("-")[0] ?? "";

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="depth-chart" data-mode={mode}>
      <div className="pointer-events-none absolute inset-x-0 top-0 flex justify-between px-16 text-[11px] font-medium">
        <span style={{ color: BID_COLOR }}>◀ Bids</span>
        <span className="text-slate-400">bps from mid</span>
        <span style={{ color: ASK_COLOR }}>Asks ▶</span>
      </div>
      {width > 0 && (
        <BarChart
          width={width}
          height={mode === "venue" ? height - LEGEND_HEIGHT : height}
          data={rows}
          margin={{ top: 20, right: 8, bottom: 0, left: 0 }}
          barCategoryGap="14%"
          accessibilityLayer
        >
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} interval={0} />
          <YAxis
            tickFormatter={(v: number) => formatUsdCompact(v, { trim: true })}
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={58}
          />
          <Tooltip
            cursor={{ fill: "rgba(148, 163, 184, 0.15)" }}
            isAnimationActive={false}
            content={(props: TooltipContentProps) => <DepthTooltip {...props} base={base} venues={venues} />}
          />
          {mode === "consolidated" ? (
            <>
              <Bar dataKey="bid" name="Bids" stackId="d" fill={BID_COLOR} isAnimationActive={false} />
              <Bar dataKey="ask" name="Asks" stackId="d" fill={ASK_COLOR} isAnimationActive={false} />
            </>
          ) : (
            venues.map((v) => <Bar key={v} dataKey={v} name={v} stackId="d" fill={VENUE_COLORS[v]} isAnimationActive={false} />)
          )}
        </BarChart>
      )}
      {mode === "venue" && (
        <ul className="absolute inset-x-0 bottom-0 flex flex-wrap justify-center gap-x-3 gap-y-0.5 text-[11px] text-slate-600" data-testid="depth-legend">
          {venues.map((v) => (
            <li key={v} className="flex items-center gap-1">
              <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[v] }} />
              {v}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DepthTooltip({ active, payload, base, venues }: TooltipContentProps & { base: string; venues: VenueId[] }) {
  const row = payload[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  const parts = venues
    .map((v) => ({ venue: v, notional: row.byVenue[v] ?? 0 }))
    .filter((p) => p.notional > 0)
    .sort((a, b) => b.notional - a.notional);
  return (
    <div className="min-w-48 rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-semibold" style={{ color: row.side === "bid" ? BID_COLOR : ASK_COLOR }}>
        {row.side === "bid" ? "Bids" : "Asks"} within {row.band} bps of mid
      </p>
      <p className="num mt-1 text-slate-800">
        {formatUsdCompact(row.notional)} <span className="text-slate-500">· {formatQty(row.qty)} {base}</span>
      </p>
      {parts.length > 0 && (
        <table className="num mt-1.5 w-full">
          <tbody>
            {parts.map((p) => (
              <tr key={p.venue}>
                <td className="pr-3 text-slate-600">
                  <span className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[p.venue] }} />
                  {p.venue}
                </td>
                <td className="text-right text-slate-800">{formatUsdCompact(p.notional)}</td>
                <td className="w-10 text-right text-slate-400">{row.notional > 0 ? `${Math.round((p.notional / row.notional) * 100)}%` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
