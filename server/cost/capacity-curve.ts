/**
 * Capacity curve: P50 and P90 all-in cost over a grid of sizes around the order (default
 * 0.1× … 8×), from the same book states and horizon as the distribution.
 *
 * Non-decreasing in size by construction, not by patching: in every state the cost of a
 * larger size is the average over a longer prefix of the same best-first fill sequence
 * (sweep-ladder.ts), so each state's cost is non-decreasing in size — asserted below, state
 * by state. A sample that dominates another state by state has quantiles at least as high,
 * and adding the same horizon move to every size keeps that (the mixture CDF only moves
 * right), so each size's quantile search starts from the previous size's answer
 * (cost-quantiles.ts) and cannot come out lower even where the CDF is flat and the solver
 * ill-conditioned. The calibration is affine with positive scales, which preserves order.
 */
import { applyCalibration, IDENTITY_CALIBRATION, type AppliedCalibration, type CostCalibration } from "./calibration";
import { costQuantiles } from "./cost-quantiles";
import { horizonRiskBps } from "./cost-distribution";
import { COST_MODEL_VERSION, type CostModelVersion } from "./model-version";
import type { SweepCostSamples } from "./sample-sweep-costs";

export const DEFAULT_CAPACITY_MULTIPLIERS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 4, 8];

export interface CapacityPoint {
  qty: number;
  /** qty / order quantity. */
  multiplier: number;
  p50Bps: number;
  p90Bps: number;
  /** Share of book states whose books fill this size. */
  completeFraction: number;
}

export interface CapacityCurve {
  modelVersion: CostModelVersion;
  orderQty: number;
  horizonMs: number;
  points: CapacityPoint[];
  calibration: AppliedCalibration;
}

export interface CapacityCurveOptions {
  sigmaPerSecond: number;
  horizonMs: number;
  calibration?: CostCalibration;
}

export class CostInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CostInvariantError";
  }
}

/** Float noise allowed in a prefix average (relative). */
const PREFIX_NOISE = 1e-9;

/** Sizes for a capacity grid around `qty`, ascending. */
export function capacitySizes(qty: number, multipliers: readonly number[] = DEFAULT_CAPACITY_MULTIPLIERS): number[] {
  return [...multipliers].filter((m) => m > 0 && Number.isFinite(m)).sort((a, b) => a - b).map((m) => m * qty);
}

export function capacityCurve(samples: SweepCostSamples, orderQty: number, options: CapacityCurveOptions): CapacityCurve {
  assertStatesNonDecreasing(samples);
  const h = horizonRiskBps(options.sigmaPerSecond, options.horizonMs);
  const calibration = options.calibration ?? IDENTITY_CALIBRATION;
  let applied: AppliedCalibration | undefined;
  const points: CapacityPoint[] = [];
  for (let k = 0; k < samples.sizes.length; k++) {
    const raw = costQuantiles(samples, k, h);
    const cal = applyCalibration(raw.p50Bps, raw.p90Bps, calibration);
    applied ??= cal.calibration;
    const qty = samples.sizes[k] as number;
    points.push({
      qty,
      multiplier: orderQty > 0 ? qty / orderQty : 0,
      p50Bps: cal.p50Bps,
      p90Bps: cal.p90Bps,
      completeFraction: raw.completeFraction,
    });
  }
  assertNonDecreasing(points);
  return {
    modelVersion: COST_MODEL_VERSION,
    orderQty,
    horizonMs: options.horizonMs,
    points,
    calibration: applied ?? applyCalibration(0, 0, calibration).calibration,
  };
}

function assertStatesNonDecreasing(samples: SweepCostSamples): void {
  for (let k = 1; k < samples.sizes.length; k++) {
    const prev = samples.cost[k - 1] as Float64Array;
    const cur = samples.cost[k] as Float64Array;
    for (let i = 0; i < samples.count; i++) {
      const a = prev[i] as number;
      const b = cur[i] as number;
      if (b < a - PREFIX_NOISE * (1 + Math.abs(a))) {
        throw new CostInvariantError(`sweep cost decreases with size in state ${i}: ${samples.sizes[k - 1]} → ${a} bps, ${samples.sizes[k]} → ${b} bps`);
      }
    }
  }
}

function assertNonDecreasing(points: readonly CapacityPoint[]): void {
  for (let k = 1; k < points.length; k++) {
    const prev = points[k - 1] as CapacityPoint;
    const cur = points[k] as CapacityPoint;
    if (cur.p50Bps < prev.p50Bps || cur.p90Bps < prev.p90Bps || cur.p90Bps < cur.p50Bps) {
      throw new CostInvariantError(
        `capacity curve decreases between ${prev.qty} and ${cur.qty}: P50 ${prev.p50Bps} → ${cur.p50Bps}, P90 ${prev.p90Bps} → ${cur.p90Bps}`,
      );
    }
  }
}
