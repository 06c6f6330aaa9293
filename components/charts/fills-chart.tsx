"use client";

import { clockLabel, MID_COLOR, priceAxisProps, timeAxisProps } from "./time-price-axes";
import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis, ZAxis, type TooltipContentProps } from "recharts";
import { formatPrice, formatQty, priceDecimals } from "@/lib/format";
import { niceTicks } from "@/components/execution/forecast-math";
import { timeTicks, type FillPoint, type FillsChartData } from "@/components/execution/live-math";
import { useElementWidth } from "@/components/ui/use-element-width";
import { GRID_STROKE, P50_COLOR, TOOLTIP_BOX } from "./chart-theme";
import { VENUE_COLORS } from "./venue-colors";

const ARRIVAL_COLOR = "#d97706";
const LEGEND_HEIGHT = 20;

/**
 * The mid over the order's life (line) with each fill as a point at its time and price,
 * coloured by venue and sized by quantity; the arrival mid and the average fill price are
 * marked.
 */
export function FillsChart({
  data,
  arrivalMid,
  avgPrice,
  base,
  height = 260,
}: {
  data: FillsChartData;
  arrivalMid: number | null;
  avgPrice: number | null;
  base: string;
  height?: number;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const reference = data.mids.at(-1)?.mid ?? data.byVenue[0]?.fills[0]?.price ?? arrivalMid ?? 1;
  const decimals = priceDecimals(reference);
  const yTicks = niceTicks(data.yDomain[0], data.yDomain[1], 5);
  const yDomain: [number, number] = [yTicks[0] ?? data.yDomain[0], yTicks.at(-1) ?? data.yDomain[1]];
  const [lo, hi] = yDomain;
  const x = timeTicks(data.xDomain[0], data.xDomain[1], 8);
  const inRange = (v: number | null): v is number => v !== null && v >= lo && v <= hi;
  const fillCount = data.byVenue.reduce((n, g) => n + g.fills.length, 0);
  const empty = data.mids.length === 0 && fillCount === 0;

  return (
    <div ref={ref} className="relative w-full" style={{ height }} data-testid="fills-chart" data-fills={fillCount} data-mids={data.mids.length}>
      {empty && <p className="absolute inset-x-0 top-1/3 text-center text-xs text-slate-500">No mid or fills to chart yet.</p>}
      {width > 0 && !empty && (
        <ComposedChart width={width} height={height - LEGEND_HEIGHT} margin={{ top: 10, right: 16, bottom: 4, left: 4 }} accessibilityLayer>
          <CartesianGrid stroke={GRID_STROKE} />
          <XAxis {...timeAxisProps(data.xDomain, x)} />
          <YAxis {...priceAxisProps(yDomain, yTicks, decimals)} />
          <ZAxis dataKey="qty" type="number" range={[28, 180]} />
          <Tooltip isAnimationActive={false} cursor={{ stroke: "#94a3b8", strokeDasharray: "3 3" }} content={(props: TooltipContentProps) => <FillsTooltip {...props} decimals={decimals} base={base} />} />
          {inRange(arrivalMid) && (
            <ReferenceLine
              y={arrivalMid}
              stroke={ARRIVAL_COLOR}
              strokeDasharray="4 3"
              label={{ value: "arrival", position: "insideTopLeft", fontSize: 10, fill: ARRIVAL_COLOR }}
            />
          )}
          {inRange(avgPrice) && (
            <ReferenceLine
              y={avgPrice}
              stroke={P50_COLOR}
              strokeDasharray="2 3"
              label={{ value: "avg fill", position: "insideBottomRight", fontSize: 10, fill: P50_COLOR }}
            />
          )}
          <Line data={data.mids} dataKey="mid" name="Mid" type="stepAfter" stroke={MID_COLOR} strokeWidth={1.5} dot={false} isAnimationActive={false} />
          {data.byVenue.map((g) => (
            <Scatter
              key={g.venue}
              name={g.venue}
              data={g.fills}
              dataKey="price"
              fill={VENUE_COLORS[g.venue]}
              fillOpacity={0.85}
              stroke="#fff"
              strokeWidth={1}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      )}
      <ul className="absolute inset-x-0 bottom-0 flex flex-wrap justify-center gap-x-4 gap-y-1 text-[11px] text-slate-600">
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0 w-4 border-t-2" style={{ borderColor: MID_COLOR }} />
          Mid
        </li>
        {data.byVenue.map((g) => (
          <li key={g.venue} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ background: VENUE_COLORS[g.venue] }} />
            {g.venue} fills
          </li>
        ))}
      </ul>
    </div>
  );
}

function FillsTooltip({ active, payload, decimals, base }: TooltipContentProps & { decimals: number; base: string }) {
  if (!active || payload.length === 0) return null;
  const fill = payload.map((p) => p.payload as Partial<FillPoint> & { mid?: number; t?: number }).find((p) => p.price !== undefined && p.venue !== undefined);
  const mid = payload.map((p) => p.payload as { mid?: number; t?: number }).find((p) => p.mid !== undefined);
  const t = fill?.t ?? mid?.t;
  return (
    <div className={TOOLTIP_BOX}>
      {t !== undefined && <p className="num text-slate-500">{clockLabel(t, true)} UTC</p>}
      {fill && fill.venue && (
        <p className="num mt-0.5 text-slate-800">
          <span aria-hidden className="mr-1 inline-block size-2 rounded-full" style={{ background: VENUE_COLORS[fill.venue] }} />
          <span className="font-semibold">{fill.venue}</span> {formatQty(fill.qty)} {base} @ {formatPrice(fill.price, { decimals })}{" "}
          <span className="text-slate-500">{fill.liquidity}</span>
        </p>
      )}
      {mid?.mid !== undefined && (
        <p className="num mt-0.5 text-slate-700">
          Mid <span className="font-semibold text-slate-900">{formatPrice(mid.mid, { decimals })}</span>
        </p>
      )}
    </div>
  );
}
