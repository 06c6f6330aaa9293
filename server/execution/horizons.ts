/**
 * How long each urgency gives a simulated order, and the simulation step that goes with it.
 *
 * - high 10 s: enough for a sweep, a re-sweep or two at venue latencies (tens to hundreds
 *   of ms) and a brief passive attempt; anything slower is no longer "urgent".
 * - medium 60 s: several resting-order re-prices and, on a major venue's book, roughly a
 *   turnover of the touch queue by market orders (a BTC touch of ~2 BTC against
 *   ~0.3 BTC/s per side of prints on the recorded Binance tape, sim-calibration.ts).
 * - low 300 s: patient enough for passive orders to be filled by the flow on most venues;
 *   longer horizons mostly add price risk, which a pre-trade simulator should not hide.
 */
import type { Urgency } from "./types";

export const HORIZON_MS_BY_URGENCY: Readonly<Record<Urgency, number>> = {
  low: 300_000,
  medium: 60_000,
  high: 10_000,
};

/** Upper bound on steps per path: keeps 200 paths × 3 strategies well under a second. */
export const MAX_STEPS_PER_PATH = 400;
export const MIN_STEP_MS = 100;
export const MAX_STEP_MS = 1000;

/**
 * Step for a horizon: 100 ms (the live simulator's own book update interval) when it fits
 * in MAX_STEPS_PER_PATH, else coarser in 50 ms increments (high → 100, medium → 150,
 * low → 750 ms). Orders are matched against the book of the last step boundary.
 */
export function stepMsForHorizon(horizonMs: number): number {
  const raw = Math.ceil(horizonMs / MAX_STEPS_PER_PATH / 50) * 50;
  return Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, raw));
}
