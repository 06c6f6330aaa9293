"use client";

import { Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { CalibrationBucketView } from "@/lib/contracts/calibration";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, P90_COLOR } from "./chart-theme";

/**
 * Predicted vs realized cost per size bucket: the mean forecast P50 as a bar, the mean
 * realized cost as a point with its 95 % interval as an error bar. A calibrated forecast
 * puts the point's interval across the bar's top.
 */
export function CalibrationBucketsChart({ buckets, height = 200 }: { buckets: readonly CalibrationBucketView[]; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows = buckets
    .filter((b) => b.realized_mean_bps !== null && b.predicted_p50_mean_bps !== null)
    .map((b) => ({
      key: `${b.key} (n=${b.orders})`,
      predicted: b.predicted_p50_mean_bps,
      realized: b.realized_mean_bps,
      interval: [b.realized_mean_bps! - (b.realized_low_bps ?? b.realized_mean_bps!), (b.realized_high_bps ?? b.realized_mean_bps!) - b.realized_mean_bps!],
    }));
  return (
    <div ref={ref} className="w-full" style={{ height }} data-testid="calibration-buckets-chart" data-buckets={rows.length}>
      {width > 0 && (
        <ComposedChart width={width} height={height} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="key" tick={AXIS_TICK} tickLine={false} axisLine={AXIS_LINE} />
          <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} tickFormatter={(v: number) => v.toFixed(1)} unit=" bps" />
          <Tooltip formatter={(v: unknown) => (typeof v === "number" ? `${v.toFixed(2)} bps` : String(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="predicted" name="forecast P50 (mean)" fill="#cbd5e1" barSize={36} isAnimationActive={false} />
          <Scatter dataKey="realized" name="realized (mean, 95% CI)" fill={P90_COLOR} isAnimationActive={false}>
            <ErrorBar dataKey="interval" width={8} strokeWidth={1.5} stroke={P90_COLOR} direction="y" />
          </Scatter>
        </ComposedChart>
      )}
    </div>
  );
}
