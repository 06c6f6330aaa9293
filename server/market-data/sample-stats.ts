/** Small descriptive statistics shared by calibration, tests and the observation store. */

/** Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, as numpy/R default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Root mean square: the volatility estimator for high-frequency returns, whose mean is noise. */
export function rms(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v * v;
  return Math.sqrt(s / values.length);
}

/**
 * Hill (1975) estimator of a Pareto tail index from the largest k observations:
 * alpha = 1 / mean(ln(x_i / x_(k+1))). Larger alpha = thinner tail.
 */
export function hillTailIndex(sortedAscending: readonly number[], k: number): number {
  const n = sortedAscending.length;
  if (k < 2 || k >= n) return Number.NaN;
  const threshold = sortedAscending[n - k - 1] as number;
  if (!(threshold > 0)) return Number.NaN;
  let s = 0;
  for (let i = n - k; i < n; i++) s += Math.log((sortedAscending[i] as number) / threshold);
  return s > 0 ? k / s : Number.NaN;
}
