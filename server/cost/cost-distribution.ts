/**
 * Cost distribution ("cost-dist-v1"): P50 and P90 of the all-in cost of the order.
 *
 * all-in cost = multi-venue sweep cost in a recent book state (price vs that state's mid +
 *               taker fee + latency risk + staleness, sample-sweep-costs.ts)
 *             + price move over the expected horizon, N(0, (σ·√horizon)²) in bps
 *
 * The book states are equally weighted (each is one second of the recent market) and the
 * quantiles of the sum are solved exactly (mixture-quantile.ts). Then the calibration
 * (calibration.ts) corrects P50/P90 from realized outcomes; raw and corrected figures and
 * the model version are in every answer, so forecasts can be scored later.
 *
 * States whose books cannot fill the size contribute the cost of their fillable part and
 * are counted in completeFraction / partial, never dropped or extrapolated silently.
 */
import { applyCalibration, IDENTITY_CALIBRATION, type AppliedCalibration, type CostCalibration } from "./calibration";
import { costQuantiles } from "./cost-quantiles";
import { COST_MODEL_VERSION, type CostModelVersion } from "./model-version";
import { moveRiskBps } from "./risk-premium";
import type { SweepCostSamples } from "./sample-sweep-costs";

export interface CostDistributionOptions {
  sigmaPerSecond: number;
  /** Expected time from decision to last fill, ms; the price-move term is σ·√horizon. */
  horizonMs: number;
  calibration?: CostCalibration;
}

export interface CostDistribution {
  modelVersion: CostModelVersion;
  qty: number;
  p50Bps: number;
  p90Bps: number;
  meanBps: number;
  /** Before calibration. */
  raw: { p50Bps: number; p90Bps: number; meanBps: number };
  /** Book states the distribution is built on. */
  samples: number;
  /** Recent states available; more than `samples` when a deep sweep's fill budget thinned them. */
  statesConsidered: number;
  /** Share of states whose visible books fill the whole quantity. */
  completeFraction: number;
  /** Some states could not fill: their cost is that of the fillable part. */
  partial: boolean;
  horizonMs: number;
  /** Standard deviation of the horizon price move, bps. */
  horizonRiskBps: number;
  calibration: AppliedCalibration;
}

/** σ·√horizon in bps: the standard deviation of the price move over the horizon. */
export function horizonRiskBps(sigmaPerSecond: number, horizonMs: number): number {
  return moveRiskBps(sigmaPerSecond, horizonMs, 1);
}

export function costDistribution(samples: SweepCostSamples, sizeIndex: number, options: CostDistributionOptions): CostDistribution {
  const h = horizonRiskBps(options.sigmaPerSecond, options.horizonMs);
  const raw = costQuantiles(samples, sizeIndex, h);
  const calibration = options.calibration ?? IDENTITY_CALIBRATION;
  const cal = applyCalibration(raw.p50Bps, raw.p90Bps, calibration);
  const c = cal.calibration;
  return {
    modelVersion: COST_MODEL_VERSION,
    qty: samples.sizes[sizeIndex] ?? 0,
    p50Bps: cal.p50Bps,
    p90Bps: cal.p90Bps,
    // The mean moves with the centre correction.
    meanBps: c.p50Scale * raw.meanBps + c.p50OffsetBps,
    raw: { p50Bps: raw.p50Bps, p90Bps: raw.p90Bps, meanBps: raw.meanBps },
    samples: samples.count,
    statesConsidered: samples.statesConsidered,
    completeFraction: raw.completeFraction,
    partial: samples.count > 0 && raw.completeFraction < 1,
    horizonMs: options.horizonMs,
    horizonRiskBps: h,
    calibration: c,
  };
}
