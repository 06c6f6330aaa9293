"use client";

import { clockLabel, MID_COLOR, priceAxisProps, timeAxisProps } from "./time-price-axes";
import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis, ZAxis, type TooltipContentProps } from "recharts";
import { formatPrice, formatQty, priceDecimals } from "@/lib/format";
import { niceTicks } from "@/components/execution/forecast-math";
import { timeTicks } from "@/components/execution/live-math";
import type { TimelineChartData, TimelineFill, TimelineRef, TimelineSend } from "@/components/execution/review-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { GRID_STROKE, TOOLTIP_BOX } from "./chart-theme";
import { VENUE_COLORS } from "./venue-colors";

const SEND_COLOR = "#0f172a";
const LEGEND_HEIGHT = 20;

/** Benchmark reference lines: arrival amber, interval VWAP violet, TWAP teal. */
export const REF_STYLE: Record<TimelineRef["key"], { color: string; dash: string; position: "insideTopLeft" | "insideTopRight" | "insideBottomRight" }> = {
  arrival: { color: "#d97706", dash: "4 3", position: "insideTopLeft" },
  interval_vwap: { color: "#7c3aed", dash: "6 3", position: "insideTopRight" },
  twap: { color: "#0d9488", dash: "2 3", position: "insideBottomRight" },
};

/** A child send: a short vertical tick at its price, coloured by venue. */
function SendTick(props: unknown) {
  const { cx, cy, payload } = props as { cx?: number; cy?: number; payload?: TimelineSend };
  if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  const color = payload?.venue ? VENUE_COLORS[payload.venue] : SEND_COLOR;
  return (
    <g>
      <line x1={cx} x2={cx} y1={cy - 7} y2={cy + 7} stroke={color} strokeWidth={2} />
      <line x1={cx - 3} x2={cx + 3} y1={cy - 7} y2={cy - 7} stroke={color} strokeWidth={1.5} />
    </g>
  );
}

/**
 * The order's life on one chart: the mid (line), each child send as a tick at its limit
 * price (or the mid when it had none), each fill as a point coloured by venue and sized by
 * quantity, and the arrival, interval VWAP and TWAP benchmark prices as reference lines.
 */
export function ReviewTimelineChart({ data, base, height = 300 }: { data: TimelineChartData; base: string; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const reference = data.mids.at(-1)?.mid ?? data.fillsByVenue[0]?.fills[0]?.price ?? data.refs[0]?.price ?? 1;
  const decimals = priceDecimals(reference);
  const yTicks = niceTicks(data.yDomain[0], data.yDomain[1], 5);
  const yDomain: [number, number] = [yTicks[0] ?? data.yDomain[0], yTicks.at(-1) ?? data.yDomain[1]];
  const [lo, hi] = yDomain;
  const x = timeTicks(data.xDomain[0], data.xDomain[1], 8);
  const fillCount = data.fillsByVenue.reduce((n, g) => n + g.fills.length, 0);
  const sends = data.sends.filter((s) => s.price >= lo && s.price <= hi);
  const empty = data.mids.length === 0 && fillCount === 0 && data.sends.length === 0;

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-fills={fillCount} data-sends={data.sends.length} data-mids={data.mids.length} data-refs={data.refs.map((r) => r.key).join(",")}>
      {empty && <p className="absolute inset-x-0 top-1/3 text-center text-xs text-slate-500">No mid, child orders or fills to chart yet.</p>}
      {width > 0 && !empty && (
        <ComposedChart width={width} height={height - LEGEND_HEIGHT} margin={{ top: 10, right: 16, bottom: 4, left: 4 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis {...timeAxisProps(data.xDomain, x)} />
          <YAxis {...priceAxisProps(yDomain, yTicks, decimals)} />
          <ZAxis dataKey="qty" type="number" range={[28, 180]} />
          <Tooltip isAnimationActive={false} cursor={{ stroke: "#94a3b8", strokeDasharray: "3 3" }} content={(props: TooltipContentProps) => <TimelineTooltip {...props} decimals={decimals} base={base} />} />
          {data.refs
            .filter((r) => r.price >= lo && r.price <= hi)
            .map((r) => (
              <ReferenceLine
                key={r.key}
                y={r.price}
                stroke={REF_STYLE[r.key].color}
                strokeDasharray={REF_STYLE[r.key].dash}
                label={{ value: r.label, position: REF_STYLE[r.key].position, fontSize: 10, fill: REF_STYLE[r.key].color }}
              />
            ))}
          <Line data={data.mids} dataKey="mid" name="Mid" type="stepAfter" stroke={MID_COLOR} strokeWidth={1.5} dot={false} isAnimationActive={false} />
          {sends.length > 0 && <Scatter name="child sends" data={sends} dataKey="price" shape={SendTick} isAnimationActive={false} legendType="none" />}
          {data.fillsByVenue.map((g) => (
            <Scatter key={g.venue} name={g.venue} data={g.fills} dataKey="price" fill={VENUE_COLORS[g.venue]} fillOpacity={0.85} stroke="#fff" strokeWidth={1} isAnimationActive={false} />
          ))}
        </ComposedChart>
      )}
      <ul className="absolute inset-x-0 bottom-0 flex flex-wrap justify-center gap-x-4 gap-y-1 text-[11px] text-slate-600">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0 w-4 border-t-2" style={{ borderColor: MID_COLOR }} />
          Mid
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-0.5" style={{ background: SEND_COLOR }} />
          child sends
        </li>
        {data.fillsByVenue.map((g) => (
          <li key={g.venue} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ background: VENUE_COLORS[g.venue] }} />
            {g.venue} fills
          </li>
        ))}
        {data.refs.map((r) => (
          <li key={r.key} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-0 w-4 border-t-2 border-dashed" style={{ borderColor: REF_STYLE[r.key].color }} />
            {r.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function TimelineTooltip({ active, payload, decimals, base }: TooltipContentProps & { decimals: number; base: string }) {
  if (!active || payload.length === 0) return null;
  const rows = payload.map((p) => p.payload as Partial<TimelineFill & TimelineSend> & { mid?: number; t?: number });
  const fill = rows.find((p) => p.liquidity !== undefined);
  const send = rows.find((p) => p.limit !== undefined);
  const mid = rows.find((p) => p.mid !== undefined);
  const t = fill?.t ?? send?.t ?? mid?.t;
  return (
    <div className={TOOLTIP_BOX}>
      {t !== undefined && <p className="num text-slate-500">{clockLabel(t, true)} UTC</p>}
      {fill && fill.venue && (
        <p className="num mt-0.5 text-slate-800">
          <span aria-hidden className="mr-1 inline-block size-2 rounded-full" style={{ background: VENUE_COLORS[fill.venue] }} />
          fill <span className="font-semibold">{fill.venue}</span> {formatQty(fill.qty)} {base} @ {formatPrice(fill.price, { decimals })} <span className="text-slate-500">{fill.liquidity}</span>
        </p>
      )}
      {send && (
        <p className="num mt-0.5 text-slate-800">
          sent <span className="font-semibold">{send.venue ?? "—"}</span> {formatQty(send.qty)} {base} {send.limit ? `limit ${formatPrice(send.price, { decimals })}` : "(no limit)"}
        </p>
      )}
      {mid?.mid !== undefined && (
        <p className="num mt-0.5 text-slate-700">
          Mid <span className="font-semibold text-slate-900">{formatPrice(mid.mid, { decimals })}</span>
        </p>
      )}
    </div>
  );
}
