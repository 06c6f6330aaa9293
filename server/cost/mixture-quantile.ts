/**
 * Quantiles of "sweep cost over recent book states + price move over the horizon": the sum
 * of an empirical sample S (one sweep cost per book state, equally likely) and an
 * independent zero-mean normal move H ~ N(0, h²). Its CDF is exactly the average of shifted
 * normal CDFs, F(c) = (1/n)·Σ Φ((c − sᵢ)/h) (the convolution of the empirical distribution
 * with the normal; the same form as a Gaussian kernel density estimate with bandwidth h,
 * Silverman 1986, "Density Estimation", §3.3). So quantiles are deterministic (no Monte
 * Carlo noise, no RNG) and solved by safeguarded Newton iteration on F (rtsafe, Press et al.,
 * "Numerical Recipes", §9.4) inside the bracket [min sᵢ + h·zₚ, max sᵢ + h·zₚ], which must
 * contain the answer because every term of F is below p at the left end and above it at the
 * right.
 *
 * The sample is sorted once, so F and F′ only evaluate the states within ±8.5h of c (the
 * others contribute 0 or 1 to within 1e-17): with a short horizon that is a handful of
 * states, not all of them. Φ is the Zelen & Severo polynomial (Abramowitz & Stegun 26.2.17,
 * |error| < 7.5e-8), which needs only φ(z) — the density Newton needs anyway — so each state
 * costs one exp per iteration.
 *
 * With no horizon term (h = 0) the distribution is the empirical one and the quantile is the
 * Hyndman–Fan type 7 estimate (as numpy/R and server/market-data/sample-stats.ts).
 */
import { normalQuantile } from "./normal";

/** Below this spread (bps) the horizon term is treated as absent. */
const NEGLIGIBLE_H = 1e-9;
/** Beyond ±8.5 standard deviations Φ is 0 or 1 to within 1e-17. */
const REACH = 8.5;

/** A sorted copy of the first `count` samples (into `out` when it is long enough). */
export function sortSample(samples: ArrayLike<number>, count: number, out?: Float64Array): Float64Array {
  const sorted = out && out.length >= count ? out.subarray(0, count) : new Float64Array(count);
  for (let i = 0; i < count; i++) sorted[i] = samples[i] as number;
  return sorted.sort();
}

/** F(c) over an ascending sample. */
export function mixtureCdfSorted(sorted: Float64Array, h: number, c: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (!(h > NEGLIGIBLE_H)) return upperBound(sorted, c) / n;
  const a = lowerBound(sorted, c - REACH * h);
  const b = upperBound(sorted, c + REACH * h);
  let s = a;
  for (let i = a; i < b; i++) s += phiCdf((c - (sorted[i] as number)) / h);
  return s / n;
}

/**
 * Quantile p over an ascending sample. `atLeast` is a known lower bound on the answer (the
 * same quantile of a sample this one dominates): the search starts there, so a flat CDF
 * region, where the answer is ill-conditioned, cannot put it below.
 */
export function mixtureQuantileSorted(sorted: Float64Array, h: number, p: number, atLeast = -Infinity): number {
  const n = sorted.length;
  if (n === 0) return Math.max(0, atLeast);
  const empirical = type7(sorted, p);
  if (!(h > NEGLIGIBLE_H)) return Math.max(empirical, atLeast);
  const z = normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, p)));
  let lo = Math.max((sorted[0] as number) + h * z, atLeast);
  let hi = (sorted[n - 1] as number) + h * z;
  if (hi - lo <= 1e-12 * (1 + Math.abs(lo))) return lo;
  // A narrow horizon term hugs the empirical quantile; a wide one the shifted mean.
  let x = h > hi - lo ? normalStart(sorted, h, z) : empirical;
  x = Math.min(hi, Math.max(lo, x));
  const tol = 1e-7 + 1e-12 * (Math.abs(lo) + Math.abs(hi));
  for (let iter = 0; iter < 200; iter++) {
    const a = lowerBound(sorted, x - REACH * h);
    const b = upperBound(sorted, x + REACH * h);
    let cdf = a;
    let pdf = 0;
    for (let i = a; i < b; i++) {
      const zi = (x - (sorted[i] as number)) / h;
      const d = INV_SQRT_2PI * Math.exp(-0.5 * zi * zi);
      pdf += d;
      cdf += zelenSevero(zi, d);
    }
    const f = cdf / n - p;
    if (f < 0) lo = x;
    else hi = x;
    const slope = pdf / (n * h);
    let next = slope > 0 ? x - f / slope : Number.NaN;
    // Converged: Newton's own estimate, kept inside the bracket. (Bisecting here instead,
    // when the root sits within rounding of a bracket end, would answer up to tol/2 away,
    // on whichever side rounding put the last step.)
    if (Math.abs(next - x) <= tol) return Math.min(hi, Math.max(lo, next));
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= tol || hi - lo <= tol) return next;
    x = next;
  }
  return 0.5 * (lo + hi);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Φ(z) given φ(z) = d (Abramowitz & Stegun 26.2.17). */
function zelenSevero(z: number, d: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const tail = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - tail : tail;
}

/** Φ(z), one exp. Exported for its test against the tabulated values. */
export function phiCdf(z: number): number {
  return zelenSevero(z, INV_SQRT_2PI * Math.exp(-0.5 * z * z));
}

function normalStart(sorted: Float64Array, h: number, z: number): number {
  const n = sorted.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i] as number;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += ((sorted[i] as number) - mean) ** 2;
  return mean + z * Math.sqrt(variance / n + h * h);
}

/** Quantile p of S + N(0, h²) over the first `count` samples (sorts a copy). */
export function mixtureQuantile(samples: ArrayLike<number>, count: number, h: number, p: number, scratch?: Float64Array): number {
  return mixtureQuantileSorted(sortSample(samples, count, scratch), h, p);
}

export function mixtureCdf(samples: ArrayLike<number>, count: number, h: number, c: number): number {
  return mixtureCdfSorted(sortSample(samples, count), h, c);
}

function type7(sorted: Float64Array, p: number): number {
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const a = sorted[lo] as number;
  const b = sorted[Math.ceil(pos)] as number;
  return a + (b - a) * (pos - lo);
}

/** First index with sorted[i] >= x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((sorted[m] as number) < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** First index with sorted[i] > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((sorted[m] as number) <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
