"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatBps, formatUsd } from "@/lib/format";
import { niceTicks } from "@/components/execution/forecast-math";
import { SHORTFALL_HELP, type Waterfall, type WaterfallSegment } from "@/components/execution/review-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P50_COLOR, TOOLTIP_BOX } from "./chart-theme";

const UP_COLOR = "#e11d48";
const DOWN_COLOR = "#059669";

function formatValue(value: number, unit: "bps" | "usd"): string {
  return unit === "bps" ? formatBps(value, { unit: false }) : formatUsd(value);
}

/** With a "+" on costs, except where the text already reads "<0.01" or rounds to $0. */
function signedValue(value: number, unit: "bps" | "usd"): string {
  const text = formatValue(value, unit);
  return value > 0 && /[1-9]/.test(text) && !text.startsWith("<") ? `+${text}` : text;
}

/**
 * Implementation shortfall as a waterfall: each part floats from where the previous one
 * ended — costs go up (red), savings go down (green) — and the total bar (dark) runs from
 * zero to the sum, so the parts visibly add up to it.
 */
export function ShortfallWaterfall({ data, unit, height = 260 }: { data: Waterfall; unit: "bps" | "usd"; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const ticks = niceTicks(data.domain[0], data.domain[1], 5);
  const domain: [number, number] = [Math.min(ticks[0] ?? data.domain[0], 0), Math.max(ticks.at(-1) ?? data.domain[1], 0)];
  const rows = data.segments.map((s) => ({ ...s, range: [s.low, s.high] as [number, number] }));

  return (
    <div ref={ref} className="w-full" style={{ height }} data-segments={data.segments.length} data-total={data.segments.at(-1)?.value ?? 0}>
      {width > 0 && (
        <BarChart width={width} height={height} data={rows} margin={{ top: 18, right: 12, bottom: 4, left: 4 }} barCategoryGap="22%" accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={AXIS_LINE} interval={0} />
          <YAxis
            type="number"
            domain={domain}
            ticks={ticks}
            tickFormatter={(v: number) => (unit === "bps" ? String(+v.toFixed(2)) : formatUsd(v))}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={unit === "bps" ? 44 : 64}
            label={{ value: unit === "bps" ? "bps" : "USD", angle: -90, position: "insideLeft", fontSize: 10, fill: "#94a3b8" }}
          />
          <ReferenceLine y={0} stroke="#94a3b8" />
          <Tooltip isAnimationActive={false} cursor={{ fill: "rgba(148,163,184,0.12)" }} content={(props: TooltipContentProps) => <WaterfallTooltip {...props} unit={unit} />} />
          <Bar dataKey="range" isAnimationActive={false} minPointSize={1}>
            {rows.map((s) => (
              <Cell key={s.key} fill={s.kind === "total" ? P50_COLOR : s.kind === "down" ? DOWN_COLOR : UP_COLOR} data-part={s.key} />
            ))}
            <LabelList
              dataKey="value"
              position="top"
              fontSize={10}
              fill="#334155"
              formatter={(v: unknown) => (typeof v === "number" ? signedValue(v, unit) : "")}
            />
          </Bar>
        </BarChart>
      )}
    </div>
  );
}

function WaterfallTooltip({ active, payload, unit }: TooltipContentProps & { unit: "bps" | "usd" }) {
  const s = payload[0]?.payload as WaterfallSegment | undefined;
  if (!active || !s) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="font-semibold text-slate-800">{s.label}</p>
      <p className="text-[11px] text-slate-500">{SHORTFALL_HELP[s.key]}</p>
      <p className="num mt-1 text-slate-800">
        {signedValue(s.value, unit)} {unit === "bps" ? "bps" : ""}
        {s.kind !== "total" && (
          <span className="ml-1 text-slate-500">
            ({formatValue(s.start, unit)} → {formatValue(s.end, unit)})
          </span>
        )}
      </p>
    </div>
  );
}
