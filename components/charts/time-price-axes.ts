import { formatPrice } from "@/lib/format";
import { AXIS_LINE, AXIS_TICK } from "./chart-theme";

/** The mid line of the order charts (Live fills, Review timeline). */
export const MID_COLOR = "#64748b";

/** "14:03:22" or, when ticks are under a second apart, "14:03:22.123" (UTC). */
export function clockLabel(ms: number, withMs = false): string {
  return new Date(ms).toISOString().slice(11, withMs ? 23 : 19);
}

/** X axis props for wall-clock time in ms (spread into recharts' <XAxis>). */
export function timeAxisProps(domain: [number, number], ticks: { ticks: number[]; stepMs: number }) {
  return {
    dataKey: "t",
    type: "number" as const,
    domain,
    ticks: ticks.ticks,
    tickFormatter: (v: number) => clockLabel(v, ticks.stepMs < 1000),
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: AXIS_LINE,
    allowDuplicatedCategory: false,
  };
}

/** Y axis props for prices (spread into recharts' <YAxis>); wider for finely ticked symbols. */
export function priceAxisProps(domain: [number, number], ticks: number[], decimals: number) {
  return {
    type: "number" as const,
    domain,
    ticks,
    allowDataOverflow: true,
    tickFormatter: (v: number) => formatPrice(v, { decimals }),
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: false,
    width: decimals > 2 ? 74 : 68,
  };
}
