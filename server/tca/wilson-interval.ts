/**
 * Wilson score interval for a binomial proportion (Wilson 1927, "Probable inference, the law
 * of succession, and statistical inference", JASA 22): the set of p for which the observed
 * k/n is within z standard errors, √(p(1−p)/n). Unlike the Wald interval it stays inside
 * [0, 1] and keeps near-nominal coverage for small n and proportions near 0 or 1 — the
 * coverage shares of small calibration buckets. Method 3 of Newcombe (1998), "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17, whose worked
 * examples the test checks.
 */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  /** k / n; NaN when n = 0. */
  share: number;
  low: number;
  high: number;
}

export function wilsonInterval(k: number, n: number, z = Z_95): ProportionInterval {
  if (!(n > 0)) return { share: Number.NaN, low: 0, high: 1 };
  if (k < 0 || k > n) throw new RangeError(`wilsonInterval: k=${k} outside 0..${n}`);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
