/**
 * Fill confidence: for each cost level c, the probability that the WHOLE order completes at
 * an all-in cost ≤ c. From the same model as the distribution: over the book states, a state
 * whose books cannot fill the quantity counts as not completing at any cost, and a state
 * that can completes below c with probability Φ((c − sᵢ)/h) under the horizon move. So
 *
 *   P(c) = (1/n) · Σ_{complete i} Φ((c − sᵢ)/h),
 *
 * a sum of non-decreasing terms: the curve is monotone by construction and tops out at the
 * share of states that can fill. The cost axis goes through the same calibration as P50/P90.
 */
import { applyCalibration, calibrationAxisMap, IDENTITY_CALIBRATION, type AppliedCalibration, type CostCalibration } from "./calibration";
import { costQuantiles } from "./cost-quantiles";
import { horizonRiskBps } from "./cost-distribution";
import { COST_MODEL_VERSION, type CostModelVersion } from "./model-version";
import { mixtureCdfSorted, sortSample } from "./mixture-quantile";
import { isComplete, type SweepCostSamples } from "./sample-sweep-costs";

export interface FillConfidencePoint {
  costBps: number;
  probability: number;
}

export interface FillConfidence {
  modelVersion: CostModelVersion;
  qty: number;
  points: FillConfidencePoint[];
  /** The curve's ceiling: share of book states that can fill the whole quantity. */
  completeFraction: number;
  calibration: AppliedCalibration;
}

export interface FillConfidenceOptions {
  sigmaPerSecond: number;
  horizonMs: number;
  calibration?: CostCalibration;
  /** Cost levels (calibrated bps) to evaluate; default an even grid over the distribution. */
  levelsBps?: readonly number[];
  /** Points in the default grid (default 12). */
  points?: number;
}

export function fillConfidence(samples: SweepCostSamples, sizeIndex: number, options: FillConfidenceOptions): FillConfidence {
  const n = samples.count;
  const h = horizonRiskBps(options.sigmaPerSecond, options.horizonMs);
  const raw = costQuantiles(samples, sizeIndex, h);
  const cal = applyCalibration(raw.p50Bps, raw.p90Bps, options.calibration ?? IDENTITY_CALIBRATION);
  const axis = calibrationAxisMap(raw.p50Bps, raw.p90Bps, cal);
  const row = samples.cost[sizeIndex] as Float64Array;

  const rawLevels = options.levelsBps
    ? [...options.levelsBps].filter(Number.isFinite).sort((a, b) => a - b).map(axis.inverse)
    : withQuantiles(defaultGrid(row, n, h, Math.max(2, Math.floor(options.points ?? 12))), raw.p50Bps, raw.p90Bps);
  // Only states that can fill the whole quantity can complete at any cost.
  const completeCosts = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (isComplete(samples, sizeIndex, i)) completeCosts[m++] = row[i] as number;
  const sorted = sortSample(completeCosts, m);
  const points = rawLevels.map((c) => ({
    costBps: axis.forward(c),
    probability: n > 0 ? Math.min(1, (mixtureCdfSorted(sorted, h, c) * m) / n) : 0,
  }));
  // Φ is an approximation; make sure rounding in it can never bend the curve down.
  for (let j = 1; j < points.length; j++) {
    const prev = (points[j - 1] as FillConfidencePoint).probability;
    const cur = points[j] as FillConfidencePoint;
    if (cur.probability < prev) cur.probability = prev;
  }
  return {
    modelVersion: COST_MODEL_VERSION,
    qty: samples.sizes[sizeIndex] ?? 0,
    points,
    completeFraction: raw.completeFraction,
    calibration: cal.calibration,
  };
}

/**
 * The grid with the distribution's own P50 and P90 in it, so the curve read at those costs
 * says what the P50/P90 cards say (0.5 and 0.9 when every state fills) instead of an
 * interpolation between grid points that lands elsewhere.
 */
function withQuantiles(grid: number[], p50: number, p90: number): number[] {
  const out = [...grid];
  for (const q of [p50, p90]) if (Number.isFinite(q) && !out.some((x) => Math.abs(x - q) < 1e-9)) out.push(q);
  return out.sort((a, b) => a - b);
}

/** From just below the cheapest state to well above the dearest (≈ P99.5 of the horizon move). */
function defaultGrid(row: Float64Array, n: number, h: number, points: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = row[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) {
    min = 0;
    max = 0;
  }
  let lo = min - 2 * h;
  let hi = max + 2.6 * h;
  if (hi - lo < 1) {
    const c = (hi + lo) / 2;
    lo = c - 0.5;
    hi = c + 0.5;
  }
  const out: number[] = [];
  for (let j = 0; j < points; j++) out.push(lo + ((hi - lo) * j) / (points - 1));
  return out;
}
