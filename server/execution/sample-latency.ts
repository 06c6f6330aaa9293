/**
 * Venue ack latency as a lognormal fitted through the two figures the venue registry
 * publishes: the median fixes μ = ln(median) and the P99 fixes σ = ln(p99 / median) / z₀.₉₉
 * (z₀.₉₉ = 2.3263, the standard normal 99th percentile). The lognormal is the usual
 * two-parameter model for positive, right-skewed delays, and this fit reproduces both
 * published quantiles exactly; the tail beyond P99 is the model's, not a measurement.
 */
import type { Rng } from "@/server/shared/rng";

export const Z_99 = 2.326347874;

export interface LatencyQuantiles {
  medianMs: number;
  p99Ms: number;
}

export interface LognormalParams {
  mu: number;
  sigma: number;
}

export function fitLognormalLatency({ medianMs, p99Ms }: LatencyQuantiles): LognormalParams {
  if (!(medianMs > 0) || !Number.isFinite(medianMs)) throw new RangeError(`median latency must be positive, got ${medianMs}`);
  // A P99 at or below the median means "no spread": a fixed latency.
  const sigma = p99Ms > medianMs && Number.isFinite(p99Ms) ? Math.log(p99Ms / medianMs) / Z_99 : 0;
  return { mu: Math.log(medianMs), sigma };
}

/**
 * One latency draw in ms, rounded to the microsecond (so a fixed 10 ms latency is exactly
 * 10, not exp(ln 10) = 10.000000000000002); consumes exactly one normal from the Rng.
 */
export function sampleLatencyMs(params: LognormalParams, rng: Rng): number {
  return Math.round(Math.exp(params.mu + params.sigma * rng.normal()) * 1000) / 1000;
}
