/**
 * Reconnect delay: capped exponential backoff with "equal jitter" (half the step fixed,
 * half random). The fixed half guarantees a minimum pause so a venue that refuses
 * connections is not hammered; the random half spreads the reconnects of many venues
 * and symbols that all failed at the same moment (a network blip) so they do not hit
 * the venue in one burst. (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015.)
 */
export interface BackoffParams {
  /** Delay step of the first retry, ms. */
  baseMs: number;
  /** Upper bound of any delay, ms. */
  maxMs: number;
  /** Growth per failed attempt (2 = doubling). */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffParams = { baseMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (0 = the first retry after a failure).
 * `random` returns a number in [0, 1); the result lies in [step/2, step] with
 * step = min(maxMs, baseMs * factor^attempt).
 */
export function computeBackoffMs(attempt: number, params: BackoffParams, random: () => number): number {
  const n = Math.max(0, Math.floor(attempt));
  // Cap the exponent before Math.pow so a long outage cannot overflow to Infinity.
  const step = Math.min(params.maxMs, params.baseMs * Math.pow(params.factor, Math.min(n, 64)));
  const half = step / 2;
  return Math.round(half + half * Math.min(Math.max(random(), 0), 1));
}
