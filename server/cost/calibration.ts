/**
 * Calibration of the cost forecast against realized outcomes (ARCHITECTURE.md: "corrected
 * by how past forecasts compared with realized costs"). A calibration is a per-quantile
 * affine correction, p' = scale·p + offset, applied to P50 and P90 and reported with every
 * answer next to the raw figures. Identity until enough outcomes exist.
 *
 * fitCalibration() is split-conformal quantile calibration (Romano, Patterson & Candès 2019,
 * "Conformalized Quantile Regression", NeurIPS): the offset for quantile q is the
 * ⌈(n+1)·q⌉-th smallest residual (realized − forecast), which makes the corrected forecast
 * cover the realized cost with probability ≥ q on exchangeable outcomes.
 */
export interface CostCalibration {
  p50Scale: number;
  p90Scale: number;
  p50OffsetBps: number;
  p90OffsetBps: number;
  /** Where it came from, e.g. "identity", "conformal", or the TCA job's id. */
  source: string;
  /** Realized outcomes it was fitted on. */
  observations: number;
}

export const IDENTITY_CALIBRATION: CostCalibration = Object.freeze({
  p50Scale: 1,
  p90Scale: 1,
  p50OffsetBps: 0,
  p90OffsetBps: 0,
  source: "identity",
  observations: 0,
});

export interface AppliedCalibration extends CostCalibration {
  /** False when the given calibration was unusable (non-positive scale, NaN) and identity was used. */
  applied: boolean;
  /** True when the corrected P90 fell below the corrected P50 and was raised to it. */
  p90Clamped: boolean;
}

export interface CalibratedQuantiles {
  p50Bps: number;
  p90Bps: number;
  calibration: AppliedCalibration;
}

export function isUsableCalibration(c: CostCalibration): boolean {
  return c.p50Scale > 0 && c.p90Scale > 0 && Number.isFinite(c.p50Scale) && Number.isFinite(c.p90Scale) && Number.isFinite(c.p50OffsetBps) && Number.isFinite(c.p90OffsetBps);
}

export function applyCalibration(rawP50: number, rawP90: number, calibration: CostCalibration = IDENTITY_CALIBRATION): CalibratedQuantiles {
  const usable = isUsableCalibration(calibration);
  const c = usable ? calibration : IDENTITY_CALIBRATION;
  const p50 = c.p50Scale * rawP50 + c.p50OffsetBps;
  const p90Raw = c.p90Scale * rawP90 + c.p90OffsetBps;
  const p90Clamped = p90Raw < p50;
  return {
    p50Bps: p50,
    p90Bps: p90Clamped ? p50 : p90Raw,
    calibration: { ...c, applied: usable, p90Clamped },
  };
}

/**
 * The monotone map of the cost axis that takes raw P50/P90 to the calibrated ones (linear
 * through both anchors), so the fill-confidence curve moves with the same correction.
 */
export function calibrationAxisMap(rawP50: number, rawP90: number, calibrated: CalibratedQuantiles): { forward(c: number): number; inverse(c: number): number } {
  const rawSpread = rawP90 - rawP50;
  const c = calibrated.calibration;
  let slope = rawSpread > 1e-9 ? (calibrated.p90Bps - calibrated.p50Bps) / rawSpread : c.p50Scale;
  if (!(slope > 1e-9)) slope = 1e-9;
  return {
    forward: (x) => calibrated.p50Bps + slope * (x - rawP50),
    inverse: (y) => rawP50 + (y - calibrated.p50Bps) / slope,
  };
}

export interface ForecastOutcome {
  forecastP50Bps: number;
  forecastP90Bps: number;
  realizedBps: number;
}

/** Conformal offsets from realized outcomes; identity below minObservations (default 20). */
export function fitCalibration(outcomes: readonly ForecastOutcome[], minObservations = 20): CostCalibration {
  const usable = outcomes.filter((o) => Number.isFinite(o.forecastP50Bps) && Number.isFinite(o.forecastP90Bps) && Number.isFinite(o.realizedBps));
  const n = usable.length;
  if (n < minObservations) return { ...IDENTITY_CALIBRATION, observations: n };
  const r50 = usable.map((o) => o.realizedBps - o.forecastP50Bps).sort((a, b) => a - b);
  const r90 = usable.map((o) => o.realizedBps - o.forecastP90Bps).sort((a, b) => a - b);
  const rank = (q: number) => Math.min(n, Math.ceil((n + 1) * q)) - 1;
  return {
    p50Scale: 1,
    p90Scale: 1,
    p50OffsetBps: r50[rank(0.5)] as number,
    p90OffsetBps: r90[rank(0.9)] as number,
    source: "conformal",
    observations: n,
  };
}
