/**
 * The calibration record cut into buckets a desk lead can read: for each group of completed
 * orders (policy × size bucket × symbol, or any coarser key), the share of realized costs at
 * or below the forecast P50 and P90 with Wilson 95 % intervals, and the mean forecast P50
 * against the mean realized cost with its 95 % interval (normal approximation, ±1.96·s/√n).
 * The targets are the issue's: P90 coverage in 85–95 %, P50 coverage in 40–60 %, judged on
 * buckets of at least MIN_JUDGED_BUCKET orders.
 */
import { wilsonInterval, Z_95, type ProportionInterval } from "./wilson-interval";

export const P90_TARGET = { low: 0.85, high: 0.95 } as const;
export const P50_TARGET = { low: 0.4, high: 0.6 } as const;
export const MIN_JUDGED_BUCKET = 50;

export { SIZE_BUCKETS, sizeBucketOf, type SizeBucket } from "@/server/cost/calibration-group";

export interface ScoredForecast {
  /** The forecast as stored and shown (calibrated). */
  p50Bps: number;
  p90Bps: number;
  realizedBps: number;
}

export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
}

export interface CalibrationBucket {
  key: string;
  count: number;
  withinP50: ProportionInterval & { k: number };
  withinP90: ProportionInterval & { k: number };
  predictedP50Mean: number;
  predictedP90Mean: number;
  realized: MeanInterval;
  /** Judged (count ≥ MIN_JUDGED_BUCKET) and inside both targets; undefined when not judged. */
  meetsTarget: boolean | undefined;
}

export function meanInterval(xs: readonly number[], z = Z_95): MeanInterval {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  const half = z * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

export function scoreBucket(key: string, rows: readonly ScoredForecast[]): CalibrationBucket {
  const n = rows.length;
  const k50 = rows.filter((r) => r.realizedBps <= r.p50Bps).length;
  const k90 = rows.filter((r) => r.realizedBps <= r.p90Bps).length;
  const w50 = { ...wilsonInterval(k50, n), k: k50 };
  const w90 = { ...wilsonInterval(k90, n), k: k90 };
  const judged = n >= MIN_JUDGED_BUCKET;
  return {
    key,
    count: n,
    withinP50: w50,
    withinP90: w90,
    predictedP50Mean: n ? rows.reduce((a, r) => a + r.p50Bps, 0) / n : Number.NaN,
    predictedP90Mean: n ? rows.reduce((a, r) => a + r.p90Bps, 0) / n : Number.NaN,
    realized: meanInterval(rows.map((r) => r.realizedBps)),
    meetsTarget: judged
      ? w90.share >= P90_TARGET.low && w90.share <= P90_TARGET.high && w50.share >= P50_TARGET.low && w50.share <= P50_TARGET.high
      : undefined,
  };
}

/** Buckets by `keyOf`, sorted by key. */
export function bucketForecasts<T extends ScoredForecast>(rows: readonly T[], keyOf: (row: T) => string): CalibrationBucket[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    if (![r.p50Bps, r.p90Bps, r.realizedBps].every(Number.isFinite)) continue;
    const key = keyOf(r);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => scoreBucket(key, list));
}
