"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P90_COLOR } from "./chart-theme";

const TONE_FILL = { green: "#059669", amber: "#d97706", red: "#e11d48", neutral: "#94a3b8" } as const;

/**
 * Forecast calibration: the share of orders whose realized cost fell within the forecast
 * P90, as one bar on a 0–100 % scale, against the 90 % target line.
 */
export function CalibrationChart({
  share,
  target,
  tone,
  height = 96,
}: {
  share: number | null;
  target: number;
  tone: keyof typeof TONE_FILL;
  height?: number;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows = [{ label: "within P90", pct: share === null ? 0 : Math.max(0, Math.min(1, share)) * 100 }];
  return (
    <div ref={ref} className="w-full" style={{ height }} data-share={share ?? ""} data-target={target}>
      {width > 0 && (
        <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ top: 14, right: 24, bottom: 4, left: 4 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 90, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} tickLine={false} axisLine={AXIS_LINE} />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} width={72} />
          <Bar dataKey="pct" barSize={22} isAnimationActive={false} background={{ fill: "#f1f5f9" }}>
            <Cell fill={TONE_FILL[tone]} />
            {share !== null && <LabelList dataKey="pct" position="insideRight" fontSize={11} fill="#fff" formatter={(v: unknown) => (typeof v === "number" ? `${v.toFixed(1)}%` : "")} />}
          </Bar>
          <ReferenceLine
            x={target * 100}
            stroke={P90_COLOR}
            strokeWidth={2}
            strokeDasharray="4 3"
            label={{ value: `target ${Math.round(target * 100)}%`, position: "top", fontSize: 10, fill: P90_COLOR }}
          />
        </BarChart>
      )}
    </div>
  );
}
