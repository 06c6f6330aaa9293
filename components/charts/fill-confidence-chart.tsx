"use client";

import { Area, CartesianGrid, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatBps } from "@/lib/format";
import { fillConfidenceData, formatQtyCompact, niceTicks, type FillConfidenceRow } from "@/components/execution/forecast-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P50_COLOR, P90_COLOR, TOOLTIP_BOX } from "./chart-theme";

const LINE = "#0369a1";

/**
 * Probability of completing the order within each cost level (a step CDF): read across
 * from a cost to see how sure the fill is, or up from a probability to see what it costs.
 * The P50 and P90 costs are marked.
 */
export function FillConfidenceChart({ forecast, height = 260 }: { forecast: ForecastResponse; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows = fillConfidenceData(forecast.fill_confidence);
  const costs = [...rows.map((r) => r.cost), forecast.expected_cost_bps, forecast.downside_cost_bps].filter(Number.isFinite);
  const xTicks = niceTicks(Math.min(...costs), Math.max(...costs), 5);
  const xDomain: [number, number] = [xTicks[0] ?? 0, xTicks.at(-1) ?? 1];
  // Carry the last level to the axis end so the step reads as "and beyond".
  const last = rows.at(-1);
  const data = last && last.cost < xDomain[1] ? [...rows, { cost: xDomain[1], pct: last.pct }] : rows;

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="fill-confidence-chart">
      {rows.length > 0 && rows.every((r) => r.pct === 0) && (
        <p className="pointer-events-none absolute inset-x-0 top-1/3 z-10 text-center text-xs font-medium text-slate-500" data-testid="fill-confidence-none">
          At no cost level can the visible books complete this order.
        </p>
      )}
      {width > 0 && rows.length > 0 && (
        <ComposedChart width={width} height={height} data={data} margin={{ top: 18, right: 16, bottom: 14, left: 0 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            dataKey="cost"
            type="number"
            domain={xDomain}
            ticks={xTicks}
            allowDataOverflow
            tickFormatter={(v: number) => formatQtyCompact(v)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={AXIS_LINE}
            label={{ value: "cost, bps vs mid", position: "insideBottom", offset: -12, fontSize: 10, fill: "#94a3b8" }}
          />
          <YAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: "#94a3b8", strokeDasharray: "3 3" }}
            content={(props: TooltipContentProps) => <FillTooltip {...props} />}
          />
          <ReferenceLine y={50} stroke="#cbd5e1" strokeDasharray="3 3" />
          <ReferenceLine y={90} stroke="#cbd5e1" strokeDasharray="3 3" />
          <Area
            dataKey="pct"
            name="Fill probability"
            type="stepAfter"
            stroke={LINE}
            strokeWidth={2}
            fill={LINE}
            fillOpacity={0.08}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
          />
          <ReferenceLine
            x={forecast.expected_cost_bps}
            stroke={P50_COLOR}
            strokeDasharray="4 3"
            label={{ value: "P50", position: "insideTopRight", fontSize: 10, fontWeight: 600, fill: P50_COLOR }}
          />
          <ReferenceLine
            x={forecast.downside_cost_bps}
            stroke={P90_COLOR}
            strokeDasharray="4 3"
            label={{ value: "P90", position: "insideTopLeft", fontSize: 10, fontWeight: 600, fill: P90_COLOR }}
          />
        </ComposedChart>
      )}
    </div>
  );
}

function FillTooltip({ active, payload }: TooltipContentProps) {
  const row = payload[0]?.payload as FillConfidenceRow | undefined;
  if (!active || !row) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="num text-slate-800">
        Within <span className="font-semibold">{formatBps(row.cost)}</span>
      </p>
      <p className="num mt-0.5 text-slate-600">
        fill probability <span className="font-semibold text-slate-900">{row.pct.toFixed(1)}%</span>
      </p>
    </div>
  );
}
