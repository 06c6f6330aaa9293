/** Pure shaping of a forecast for its charts (no React), unit-tested in forecast-math.test.ts. */
import type { VenueId } from "@/lib/contracts/common";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatQty } from "@/lib/format";

export type VenueCost = ForecastResponse["venues"][number];
export type CapacityPointIn = ForecastResponse["capacity_curve"][number];
export type FillConfidencePoint = ForecastResponse["fill_confidence"][number];

// ---- axis helpers

/** Round step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return nice * mag;
}

/**
 * Round tick values covering [min, max] (the first ≤ min, the last ≥ max), about `count`
 * intervals. A zero-width range is widened to show something.
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t < max + step - 1e-9 * step; t += step) {
    // Kill float noise (0.30000000000000004) and negative zero.
    const clean = Number(t.toPrecision(12)) + 0;
    ticks.push(clean);
    if (ticks.length > 50) break;
  }
  return ticks;
}

/**
 * Ticks for a log axis over [lo, hi] (both > 0): 1-2-5 per decade, or only powers of ten
 * when that would be too many, always at least the two ends' neighbouring round values.
 */
export function logTicks(lo: number, hi: number, maxTicks = 9): number[] {
  if (!(lo > 0) || !(hi > 0)) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  const within = (x: number) => x >= lo * (1 - 1e-9) && x <= hi * (1 + 1e-9);
  const build = (mults: number[]) => {
    const out: number[] = [];
    for (let e = from; e <= to; e++) for (const m of mults) out.push(Number((m * 10 ** e).toPrecision(12)));
    return out.filter(within);
  };
  for (const mults of [[1, 2, 5], [1, 3], [1]]) {
    const ticks = build(mults);
    if (ticks.length <= maxTicks && ticks.length >= 2) return ticks;
  }
  const ticks = build([1]);
  if (ticks.length > maxTicks) {
    const every = Math.ceil(ticks.length / maxTicks);
    return ticks.filter((_, i) => i % every === 0);
  }
  return ticks.length > 0 ? ticks : [lo, hi];
}

// ---- capacity curve

export interface CapacityPoint {
  qty: number;
  p50: number;
  p90: number;
  /** [P50, P90]: drawn as a ranged area between the two lines. */
  band: [number, number];
}

export interface CapacityChartData {
  points: CapacityPoint[];
  /** Log-axis domain covering the curve and the order size. */
  domain: [number, number];
  ticks: number[];
  yDomain: [number, number];
  yTicks: number[];
}

/**
 * Capacity curve points for a log-qty axis (points at qty ≤ 0 are dropped), with an x
 * domain that always includes the order size so its marker is on the chart even when the
 * order is beyond the curve (more than the books hold).
 */
export function capacityChartData(curve: readonly CapacityPointIn[], orderQty: number): CapacityChartData {
  const points: CapacityPoint[] = curve
    .filter((p) => p.qty > 0 && Number.isFinite(p.qty) && Number.isFinite(p.p50_cost_bps) && Number.isFinite(p.p90_cost_bps))
    .map((p) => ({ qty: p.qty, p50: p.p50_cost_bps, p90: p.p90_cost_bps, band: [p.p50_cost_bps, Math.max(p.p50_cost_bps, p.p90_cost_bps)] }));
  const qtys = points.map((p) => p.qty);
  if (orderQty > 0 && Number.isFinite(orderQty)) qtys.push(orderQty);
  const lo = qtys.length > 0 ? Math.min(...qtys) : 1;
  const hi = qtys.length > 0 ? Math.max(...qtys) : 10;
  const domain: [number, number] = lo === hi ? [lo / 2, hi * 2] : [lo, hi];
  const ys = points.flatMap((p) => [p.p50, p.p90]);
  const yMax = ys.length > 0 ? Math.max(...ys) : 1;
  const yMinRaw = ys.length > 0 ? Math.min(...ys) : 0;
  // Zero is kept when the curve starts near it (or below); otherwise the axis starts near the
  // curve so its shape — where the book gets thin — is visible.
  const yMin = yMinRaw <= 0 || yMinRaw < yMax * 0.25 ? Math.min(0, yMinRaw) : yMinRaw;
  const yTicks = niceTicks(yMin, yMax, 4);
  return {
    points,
    domain,
    ticks: logTicks(domain[0], domain[1]),
    yDomain: [yTicks[0] ?? 0, yTicks.at(-1) ?? 1],
    yTicks,
  };
}

// ---- fill confidence

export interface FillConfidenceRow {
  cost: number;
  /** Probability in percent, 0–100. */
  pct: number;
}

export function fillConfidenceData(points: readonly FillConfidencePoint[]): FillConfidenceRow[] {
  return [...points]
    .filter((p) => Number.isFinite(p.cost_bps) && Number.isFinite(p.probability))
    .sort((a, b) => a.cost_bps - b.cost_bps)
    .map((p) => ({ cost: p.cost_bps, pct: Math.min(100, Math.max(0, p.probability * 100)) }));
}

/** The lowest cost level at which the fill probability reaches `probability`, or null if it never does. */
export function costForProbability(points: readonly FillConfidencePoint[], probability: number): number | null {
  for (const p of fillConfidenceData(points)) if (p.pct >= probability * 100 - 1e-9) return p.cost;
  return null;
}

// ---- landed cost parts

export const COST_PARTS = ["book", "fee", "latency", "staleness"] as const;
export type CostPart = (typeof COST_PARTS)[number];

export const COST_PART_LABEL: Record<CostPart, string> = {
  book: "Book walk",
  fee: "Taker fee",
  latency: "Latency risk",
  staleness: "Staleness",
};

export function costPartValue(v: VenueCost, part: CostPart): number {
  switch (part) {
    case "book":
      return v.book_cost_bps;
    case "fee":
      return v.fee_bps;
    case "latency":
      return v.latency_cost_bps;
    case "staleness":
      return v.staleness_bps;
  }
}

export interface CostSegment {
  part: CostPart;
  value: number;
  /** Extent on the bps axis, start < end. */
  start: number;
  end: number;
}

export interface LandedCostBar {
  venue: VenueId;
  rank: number;
  landed: number;
  fillable: boolean;
  segments: CostSegment[];
}

export interface LandedCostBarsData {
  bars: LandedCostBar[];
  /** Axis range in bps, min ≤ 0 ≤ max, a little wider than the data. */
  min: number;
  max: number;
  /** Round values inside [min, max] for axis labels. */
  ticks: number[];
}

/**
 * Stacked horizontal bars of each venue's landed-cost parts, stacked by sign: positive
 * parts (costs) extend right from zero in part order, negative parts (e.g. a maker
 * rebate, a book better than mid) extend left from zero. The net landed cost is marked
 * separately, so a bar whose parts partly cancel still reads correctly. Zero parts get no
 * segment. Bars keep the API's rank order.
 */
export function landedCostBars(venues: readonly VenueCost[]): LandedCostBarsData {
  let lo = 0;
  let hi = 0;
  const bars = [...venues]
    .sort((a, b) => a.rank - b.rank)
    .map((v): LandedCostBar => {
      let pos = 0;
      let neg = 0;
      const segments: CostSegment[] = [];
      for (const part of COST_PARTS) {
        const value = costPartValue(v, part);
        if (!Number.isFinite(value) || value === 0) continue;
        if (value > 0) {
          segments.push({ part, value, start: pos, end: pos + value });
          pos += value;
        } else {
          segments.push({ part, value, start: neg + value, end: neg });
          neg += value;
        }
      }
      lo = Math.min(lo, neg, v.landed_cost_bps);
      hi = Math.max(hi, pos, v.landed_cost_bps);
      return { venue: v.venue, rank: v.rank, landed: v.landed_cost_bps, fillable: v.fillable, segments };
    });
  if (hi === lo) hi = lo + 1;
  // Pad the data range a little rather than stretching it to the next round tick, so a
  // small negative part does not waste a fifth of the width.
  const pad = (hi - lo) * 0.03;
  const min = lo < 0 ? lo - pad : 0;
  const max = hi > 0 ? hi + pad : 0;
  const ticks = niceTicks(min, max, 4).filter((t) => t >= min - 1e-9 && t <= max + 1e-9);
  return { bars, min, max, ticks };
}

/** Position of `x` on a [min, max] axis, in percent of the width (clamped to 0–100). */
export function axisPct(x: number, min: number, max: number): number {
  if (max <= min) return 0;
  return Math.min(100, Math.max(0, ((x - min) / (max - min)) * 100));
}

// ---- venue mix

export interface VenueMixRow {
  venue: VenueId;
  fraction: number;
}

/** The expected routing split, largest share first, venues with nothing left out. */
export function venueMixRows(mix: ForecastResponse["venue_mix"]): VenueMixRow[] {
  return mix.filter((m) => m.fraction > 0 && Number.isFinite(m.fraction)).sort((a, b) => b.fraction - a.fraction);
}

/** A quantity for chart axes: 0.05 · 2.5 · 120 · 1.5K · 20K · 3M (trailing zeros dropped). */
export function formatQtyCompact(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  const trim = (s: string) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
  for (const [size, suffix] of [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ] as const) {
    if (abs >= size) return `${sign}${trim((abs / size).toFixed(abs / size >= 100 ? 0 : 1))}${suffix}`;
  }
  if (abs >= 1) return `${sign}${trim(abs.toFixed(abs >= 100 ? 0 : 2))}`;
  if (abs === 0) return "0";
  return `${sign}${trim(abs.toPrecision(2))}`;
}

/** A quantity that may be tiny (a rounding residual): formatQty, but never "0.0000" for a non-zero amount. */
export function formatQtyFine(value: number): string {
  if (Number.isFinite(value) && value !== 0 && Math.abs(value) < 0.0001) return Number(value.toPrecision(2)).toString();
  return formatQty(value);
}

/** "30%", "4.5%", ">99.9%" (never a rounded "100%" for an incomplete fill), "0%". */
export function fillablePct(fillable: number, qty: number): string {
  if (!(qty > 0) || !Number.isFinite(fillable)) return "—";
  const pct = (fillable / qty) * 100;
  if (pct >= 100) return "100%";
  if (pct > 99.9) return ">99.9%";
  if (pct <= 0) return "0%";
  if (pct < 0.1) return "<0.1%";
  return `${pct.toFixed(pct < 10 || pct > 99 ? 1 : 0)}%`;
}
