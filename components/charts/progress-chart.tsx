"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatAge } from "@/lib/format";
import { niceTicks } from "@/components/execution/forecast-math";
import type { ProgressRow } from "@/components/execution/live-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, TOOLTIP_BOX } from "./chart-theme";

export const PLANNED_COLOR = "#94a3b8";
export const ACTUAL_COLOR = "#0284c7";
const LEGEND_HEIGHT = 18;

/**
 * Fill % over the order's life: what the schedule planned by each moment (dashed) and what
 * had actually filled (solid). The points are the updates this page received, plus the
 * fills before the first one (where the plan is unknown).
 */
export function ProgressChart({ rows, height = 240 }: { rows: readonly ProgressRow[]; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const span = rows.at(-1)?.s ?? 0;
  const xTicks = niceTicks(0, Math.max(span, 1), 5);
  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="progress-chart" data-points={rows.length}>
      {width > 0 && rows.length > 0 && (
        <LineChart width={width} height={height - LEGEND_HEIGHT} data={[...rows]} margin={{ top: 10, right: 16, bottom: 14, left: 0 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            dataKey="s"
            type="number"
            domain={[0, xTicks.at(-1) ?? 1]}
            ticks={xTicks}
            tickFormatter={(v: number) => (v === 0 ? "0" : formatAge(v * 1000))}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={AXIS_LINE}
            label={{ value: "since the order started", position: "insideBottom", offset: -10, fontSize: 10, fill: "#94a3b8" }}
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
          <Tooltip isAnimationActive={false} cursor={{ stroke: "#94a3b8", strokeDasharray: "3 3" }} content={(props: TooltipContentProps) => <ProgressTooltip {...props} />} />
          <Line
            dataKey="planned"
            name="Planned"
            type="stepAfter"
            stroke={PLANNED_COLOR}
            strokeWidth={2}
            strokeDasharray="5 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line dataKey="actual" name="Filled" type="stepAfter" stroke={ACTUAL_COLOR} strokeWidth={2} dot={rows.length < 3} isAnimationActive={false} />
        </LineChart>
      )}
      <ul className="absolute inset-x-0 bottom-0 flex justify-center gap-4 text-[11px] text-slate-600">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0 w-4 border-t-2 border-dashed" style={{ borderColor: PLANNED_COLOR }} />
          Planned by the schedule
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0 w-4 border-t-2" style={{ borderColor: ACTUAL_COLOR }} />
          Filled
        </li>
      </ul>
    </div>
  );
}

function ProgressTooltip({ active, payload }: TooltipContentProps) {
  const row = payload[0]?.payload as ProgressRow | undefined;
  if (!active || !row) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="num text-slate-500">+{formatAge(row.s * 1000)}</p>
      <p className="num mt-0.5 text-slate-700">
        Filled <span className="font-semibold text-slate-900">{row.actual.toFixed(1)}%</span>
      </p>
      <p className="num text-slate-700">
        Planned <span className="font-semibold text-slate-900">{row.planned === null ? "—" : `${row.planned.toFixed(1)}%`}</span>
      </p>
    </div>
  );
}
