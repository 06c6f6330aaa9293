"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps, type XAxisTickContentProps } from "recharts";
import { formatAge, formatBps } from "@/lib/format";
import { formatQtyCompact } from "@/components/execution/forecast-math";
import { strategyCostTicks, type StrategyRow } from "@/components/execution/simulate-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P50_COLOR, P90_COLOR, SAVINGS_COLOR, TOOLTIP_BOX } from "./chart-theme";

const LEGEND_HEIGHT = 18;
const DIM_P50 = "#64748b";
const DIM_P90 = "#fcd34d";

/**
 * P50 and P90 cost per strategy as grouped bars, with each strategy's fill rate under its
 * name. The recommended strategy is drawn at full strength and starred; the others are
 * muted.
 */
export function StrategyChart({ rows, height = 260 }: { rows: readonly StrategyRow[]; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const ticks = strategyCostTicks(rows);
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  const anyRecommended = rows.some((r) => r.recommended);
  const strong = (r: StrategyRow) => r.recommended || !anyRecommended;

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="strategy-chart">
      {width > 0 && rows.length > 0 && (
        <BarChart
          width={width}
          height={height - LEGEND_HEIGHT}
          data={[...rows]}
          margin={{ top: 18, right: 8, bottom: 0, left: 0 }}
          barCategoryGap="28%"
          barGap={3}
          accessibilityLayer
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="label"
            interval={0}
            tickLine={false}
            axisLine={AXIS_LINE}
            height={36}
            tick={({ x, y, payload }: XAxisTickContentProps) => {
              const value = String(payload.value);
              const row = byLabel.get(value);
              return (
                <g transform={`translate(${x},${y})`}>
                  <text dy={12} textAnchor="middle" fontSize={11} fontWeight={700} fill={row?.recommended ? SAVINGS_COLOR : "#334155"}>
                    {row?.recommended ? `★ ${value}` : value}
                  </text>
                  <text dy={26} textAnchor="middle" fontSize={10} fill="#64748b">
                    {row ? `${row.fillPct.toFixed(row.fillPct >= 99.95 || row.fillPct === 0 ? 0 : 1)}% filled` : ""}
                  </text>
                </g>
              );
            }}
          />
          <YAxis
            domain={[ticks[0] ?? 0, ticks.at(-1) ?? 1]}
            ticks={ticks}
            tickFormatter={(v: number) => formatQtyCompact(v)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={40}
            label={{ value: "bps", position: "insideTopLeft", offset: 0, dy: -16, dx: 14, fontSize: 10, fill: "#94a3b8" }}
          />
          <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.15)" }} isAnimationActive={false} content={(props: TooltipContentProps) => <StrategyTooltip {...props} />} />
          <ReferenceLine y={0} stroke="#94a3b8" />
          <Bar dataKey="p50" name="P50" maxBarSize={56} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.strategy} fill={strong(r) ? P50_COLOR : DIM_P50} />
            ))}
            <LabelList dataKey="p50" position="top" fontSize={10} fill="#334155" formatter={(v: unknown) => (typeof v === "number" ? v.toFixed(2) : "")} />
          </Bar>
          <Bar dataKey="p90" name="P90" maxBarSize={56} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.strategy} fill={strong(r) ? P90_COLOR : DIM_P90} />
            ))}
            <LabelList dataKey="p90" position="top" fontSize={10} fill="#92400e" formatter={(v: unknown) => (typeof v === "number" ? v.toFixed(2) : "")} />
          </Bar>
        </BarChart>
      )}
      <ul className="absolute inset-x-0 bottom-0 flex justify-center gap-4 text-[11px] text-slate-600">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: P50_COLOR }} />
          P50 cost
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: P90_COLOR }} />
          P90 cost
        </li>
        {anyRecommended && (
          <li className="flex items-center gap-1.5 font-medium" style={{ color: SAVINGS_COLOR }}>
            ★ recommended
          </li>
        )}
      </ul>
    </div>
  );
}

function StrategyTooltip({ active, payload }: TooltipContentProps) {
  const row = payload[0]?.payload as StrategyRow | undefined;
  if (!active || !row) return null;
  const s = row.scenario;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="font-semibold text-slate-800">
        {row.label}
        {row.recommended && (
          <span className="ml-1.5 font-medium" style={{ color: SAVINGS_COLOR }}>
            ★ recommended
          </span>
        )}
      </p>
      <table className="num mt-1 w-full">
        <tbody>
          <tr>
            <td className="pr-3 text-slate-500">P50 cost</td>
            <td className="text-right font-medium text-slate-900">{formatBps(row.p50)}</td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">P90 cost</td>
            <td className="text-right font-medium" style={{ color: P90_COLOR }}>
              {formatBps(row.p90)}
            </td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">Fill rate</td>
            <td className="text-right font-medium text-slate-900">{row.fillPct.toFixed(1)}%</td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">Time to complete</td>
            <td className="text-right text-slate-700">{s.time_to_complete_ms === null ? "not completed" : formatAge(s.time_to_complete_ms)}</td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">Venues</td>
            <td className="text-right text-slate-700">{s.venue_count}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
