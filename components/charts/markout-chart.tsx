"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatBps, formatUsd } from "@/lib/format";
import { niceTicks } from "@/components/execution/forecast-math";
import type { MarkoutPoint } from "@/components/execution/review-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, ORDER_COLOR, TOOLTIP_BOX } from "./chart-theme";

/**
 * Markouts: how the mid moved after the fills, in bps per horizon (evenly spaced, shortest
 * first). Horizons not yet reached are left out by the caller.
 */
export function MarkoutChart({ points, height = 220 }: { points: readonly MarkoutPoint[]; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const values = points.map((p) => p.bps);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const domain: [number, number] = [ticks[0] ?? 0, ticks.at(-1) ?? 1];
  return (
    <div ref={ref} className="w-full" style={{ height }} data-points={points.length}>
      {width > 0 && (
        <LineChart width={width} height={height} data={points as MarkoutPoint[]} margin={{ top: 12, right: 16, bottom: 4, left: 4 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={AXIS_LINE} interval={0} />
          <YAxis
            type="number"
            domain={domain}
            ticks={ticks}
            tickFormatter={(v: number) => String(+v.toFixed(2))}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={44}
            label={{ value: "bps", angle: -90, position: "insideLeft", fontSize: 10, fill: "#94a3b8" }}
          />
          <ReferenceLine y={0} stroke="#94a3b8" />
          <Tooltip isAnimationActive={false} content={(props: TooltipContentProps) => <MarkoutTooltip {...props} />} />
          <Line dataKey="bps" stroke={ORDER_COLOR} strokeWidth={2} dot={{ r: 3, fill: ORDER_COLOR }} isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
}

function MarkoutTooltip({ active, payload }: TooltipContentProps) {
  const p = payload[0]?.payload as MarkoutPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="text-slate-500">after {p.label}</p>
      <p className="num mt-0.5 font-semibold text-slate-900">{formatBps(p.bps)}</p>
      {p.usd !== null && <p className="num text-slate-600">{formatUsd(p.usd)}</p>}
    </div>
  );
}
