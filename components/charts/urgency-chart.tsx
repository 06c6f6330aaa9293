"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps, type XAxisTickContentProps } from "recharts";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatAge, formatBps } from "@/lib/format";
import { formatQtyCompact, niceTicks } from "@/components/execution/forecast-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P50_COLOR, RISK_COLOR, SAVINGS_COLOR, TOOLTIP_BOX } from "./chart-theme";

type UrgencyPoint = ForecastResponse["urgency_tradeoff"][number];
type Row = UrgencyPoint & { label: string };

const LEGEND_HEIGHT = 18;

/**
 * The Almgren–Chriss trade-off per urgency: trading slower lowers the expected cost (impact)
 * but raises the risk (price moves over the longer horizon). Bars: expected cost, risk
 * (1σ of cost) and the saving vs executing immediately.
 */
export function UrgencyChart({ points, height = 230 }: { points: readonly UrgencyPoint[]; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows: Row[] = points.map((p) => ({ ...p, label: p.urgency }));
  const values = rows.flatMap((r) => [r.expected_cost_bps, r.risk_bps, r.savings_bps]).filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values, values.length === 0 ? 1 : 0), 4);
  const horizon = new Map(rows.map((r) => [r.urgency as string, r.horizon_ms]));

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="urgency-chart">
      {width > 0 && rows.length > 0 && (
        <BarChart
          width={width}
          height={height - LEGEND_HEIGHT}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          barCategoryGap="22%"
          barGap={2}
          accessibilityLayer
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="label"
            interval={0}
            tickLine={false}
            axisLine={AXIS_LINE}
            height={34}
            tick={({ x, y, payload }: XAxisTickContentProps) => (
              <g transform={`translate(${x},${y})`}>
                <text dy={12} textAnchor="middle" fontSize={11} fontWeight={600} fill="#334155">
                  {String(payload.value)}
                </text>
                <text dy={25} textAnchor="middle" fontSize={10} fill="#94a3b8">
                  {horizonText(horizon.get(String(payload.value)))}
                </text>
              </g>
            )}
          />
          <YAxis
            domain={[ticks[0] ?? 0, ticks.at(-1) ?? 1]}
            ticks={ticks}
            tickFormatter={(v: number) => formatQtyCompact(v)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.15)" }} isAnimationActive={false} content={(props: TooltipContentProps) => <UrgencyTooltip {...props} />} />
          <ReferenceLine y={0} stroke="#94a3b8" />
          <Bar dataKey="expected_cost_bps" name="Expected cost" fill={P50_COLOR} maxBarSize={40} isAnimationActive={false} />
          <Bar dataKey="risk_bps" name="Risk (1σ)" fill={RISK_COLOR} maxBarSize={40} isAnimationActive={false} />
          <Bar dataKey="savings_bps" name="Saving vs now" fill={SAVINGS_COLOR} maxBarSize={40} isAnimationActive={false} />
        </BarChart>
      )}
      <ul className="absolute inset-x-0 bottom-0 flex justify-center gap-4 text-[11px] text-slate-600">
        {[
          ["Expected cost", P50_COLOR],
          ["Risk (1σ)", RISK_COLOR],
          ["Saving vs immediate", SAVINGS_COLOR],
        ].map(([label, color]) => (
          <li key={label} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: color }} />
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function horizonText(ms: number | undefined): string {
  return ms === undefined ? "" : ms <= 0 ? "now" : formatAge(ms);
}

function UrgencyTooltip({ active, payload }: TooltipContentProps) {
  const row = payload[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="font-semibold capitalize text-slate-800">
        {row.urgency} urgency <span className="num font-normal text-slate-500">· {row.horizon_ms <= 0 ? "immediately" : `over ${formatAge(row.horizon_ms)}`}</span>
      </p>
      <table className="num mt-1 w-full">
        <tbody>
          <tr>
            <td className="pr-3 text-slate-500">Expected cost</td>
            <td className="text-right font-medium text-slate-900">{formatBps(row.expected_cost_bps)}</td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">Risk (1σ)</td>
            <td className="text-right font-medium" style={{ color: RISK_COLOR }}>
              {formatBps(row.risk_bps)}
            </td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">Saving vs now</td>
            <td className="text-right font-medium" style={{ color: SAVINGS_COLOR }}>
              {formatBps(row.savings_bps)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
