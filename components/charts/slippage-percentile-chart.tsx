"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatBps } from "@/lib/format";
import { niceTicks } from "@/components/execution/forecast-math";
import type { PercentileBar } from "@/components/execution/summary-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P50_COLOR, P90_COLOR, TOOLTIP_BOX } from "./chart-theme";

const BAR_COLOR: Record<PercentileBar["key"], string> = { p50: P50_COLOR, p75: "#475569", p90: P90_COLOR, p95: "#ea580c", p99: "#e11d48" };
const MEAN_COLOR = "#0284c7";
const LEGEND_HEIGHT = 20;

/**
 * Slippage vs arrival across the orders in range: one bar per percentile (P50…P99) and the
 * notional-weighted mean as a dashed line across them. Positive = cost.
 */
export function SlippagePercentileChart({ bars, mean, height = 240 }: { bars: readonly PercentileBar[]; mean: number | null; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const values = [...bars.map((b) => b.bps), ...(mean !== null && Number.isFinite(mean) ? [mean] : [])];
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const domain: [number, number] = [ticks[0] ?? 0, ticks.at(-1) ?? 1];
  return (
    <div ref={ref} className="w-full" data-bars={bars.length} data-mean={mean ?? ""}>
      {width > 0 && (
        <BarChart width={width} height={height - LEGEND_HEIGHT} data={bars as PercentileBar[]} margin={{ top: 18, right: 40, bottom: 4, left: 4 }} barCategoryGap="28%" accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
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
          <Tooltip isAnimationActive={false} cursor={{ fill: "rgba(148,163,184,0.12)" }} content={(props: TooltipContentProps) => <PercentileTooltip {...props} mean={mean} />} />
          <Bar dataKey="bps" isAnimationActive={false} minPointSize={1}>
            {bars.map((b) => (
              <Cell key={b.key} fill={BAR_COLOR[b.key]} />
            ))}
            <LabelList dataKey="bps" position="top" fontSize={10} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? formatBps(v, { unit: false }) : "")} />
          </Bar>
          {mean !== null && Number.isFinite(mean) && (
            <ReferenceLine
              y={mean}
              stroke={MEAN_COLOR}
              strokeWidth={2}
              strokeDasharray="6 3"
              ifOverflow="extendDomain"
              label={{ value: "mean", position: "right", fontSize: 10, fill: MEAN_COLOR }}
            />
          )}
        </BarChart>
      )}
      {width === 0 && <div style={{ height: height - LEGEND_HEIGHT }} />}
      {mean !== null && Number.isFinite(mean) && (
        <p className="num flex items-center justify-center gap-1.5 text-[11px] text-slate-600" style={{ height: LEGEND_HEIGHT }}>
          <span aria-hidden className="inline-block h-0 w-5 border-t-2 border-dashed" style={{ borderColor: MEAN_COLOR }} />
          notional-weighted mean {formatBps(mean)}
        </p>
      )}
    </div>
  );
}

function PercentileTooltip({ active, payload, mean }: TooltipContentProps & { mean: number | null }) {
  const b = payload[0]?.payload as PercentileBar | undefined;
  if (!active || !b) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="text-slate-500">{b.label} slippage vs arrival</p>
      <p className="num mt-0.5 font-semibold text-slate-900">{formatBps(b.bps)}</p>
      {mean !== null && <p className="num text-slate-500">notional-weighted mean {formatBps(mean)}</p>}
    </div>
  );
}
