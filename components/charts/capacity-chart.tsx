"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatBps, formatQty } from "@/lib/format";
import { capacityChartData, formatQtyCompact, type CapacityPoint } from "@/components/execution/forecast-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { AXIS_LINE, AXIS_TICK, GRID_STROKE, ORDER_COLOR, P50_COLOR, P90_BAND, P90_COLOR, TOOLTIP_BOX } from "./chart-theme";

const LEGEND_HEIGHT = 18;

/**
 * Cost (bps vs mid) as the order size grows, on a log size axis: the P50 line, the P50–P90
 * band and the P90 edge, with the order's size marked — and, for an order larger than the
 * visible books, where the depth runs out.
 */
export function CapacityChart({ forecast, height = 260 }: { forecast: ForecastResponse; height?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const data = capacityChartData(forecast.capacity_curve, forecast.qty);
  const base = forecast.symbol.split("-")[0] ?? "";
  // Where the visible depth runs out, when that is visibly short of the order.
  const showDepthLine = !forecast.complete && forecast.fillable_qty > 0 && forecast.fillable_qty < forecast.qty * 0.97;

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="capacity-chart">
      {width > 0 && data.points.length > 0 && (
        <ComposedChart
          width={width}
          height={height - LEGEND_HEIGHT}
          data={data.points}
          margin={{ top: 18, right: 16, bottom: 0, left: 0 }}
          accessibilityLayer
        >
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis
            dataKey="qty"
            type="number"
            scale="log"
            domain={data.domain}
            ticks={data.ticks}
            allowDataOverflow
            tickFormatter={(v: number) => formatQtyCompact(v)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={AXIS_LINE}
          />
          <YAxis
            type="number"
            domain={data.yDomain}
            ticks={data.yTicks}
            tickFormatter={(v: number) => `${formatQtyCompact(v)}`}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={44}
            label={{ value: "bps", position: "insideTopLeft", offset: 0, dy: -16, dx: 14, fontSize: 10, fill: "#94a3b8" }}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: "#94a3b8", strokeDasharray: "3 3" }}
            content={(props: TooltipContentProps) => <CapacityTooltip {...props} base={base} />}
          />
          <Area dataKey="band" name="P50–P90" type="linear" stroke="none" fill={P90_BAND} fillOpacity={0.28} isAnimationActive={false} activeDot={false} />
          <Line dataKey="p90" name="P90" type="linear" stroke={P90_COLOR} strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line dataKey="p50" name="P50" type="linear" stroke={P50_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
          {showDepthLine && (
            <ReferenceLine
              x={forecast.fillable_qty}
              stroke="#e11d48"
              strokeDasharray="2 3"
              label={{ value: "visible depth ends", position: "insideBottomLeft", fontSize: 10, fill: "#e11d48" }}
            />
          )}
          <ReferenceLine
            x={forecast.qty}
            stroke={ORDER_COLOR}
            strokeWidth={1.5}
            label={{
              value: `order ${formatQtyCompact(forecast.qty)} ${base}`,
              position: forecast.qty >= data.domain[1] * 0.7 ? "insideTopRight" : "insideTopLeft",
              fontSize: 10,
              fontWeight: 600,
              fill: ORDER_COLOR,
              dy: -16,
            }}
          />
        </ComposedChart>
      )}
      <ul className="absolute inset-x-0 bottom-0 flex justify-center gap-4 text-[11px] text-slate-600">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0.5 w-4" style={{ background: P50_COLOR }} />
          P50 expected
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-2.5 w-4 border-t-2 border-dashed" style={{ borderColor: P90_COLOR, background: `${P90_BAND}47` }} />
          P90 downside
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-0.5" style={{ background: ORDER_COLOR }} />
          order size
        </li>
      </ul>
    </div>
  );
}

function CapacityTooltip({ active, payload, base }: TooltipContentProps & { base: string }) {
  const row = payload[0]?.payload as CapacityPoint | undefined;
  if (!active || !row) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="num font-semibold text-slate-800">
        {formatQty(row.qty)} {base}
      </p>
      <table className="num mt-1 w-full">
        <tbody>
          <tr>
            <td className="pr-3 text-slate-500">P50</td>
            <td className="text-right font-medium text-slate-900">{formatBps(row.p50)}</td>
          </tr>
          <tr>
            <td className="pr-3 text-slate-500">P90</td>
            <td className="text-right font-medium" style={{ color: P90_COLOR }}>
              {formatBps(row.p90)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
