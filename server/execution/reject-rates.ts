/**
 * How often a venue refuses an otherwise valid order (overload, risk engine, maintenance).
 * JUDGEMENT, not measured: venues do not publish reject rates. The ordering follows the
 * registry's latency tiers (the slower, smaller venues also shed load more often); the
 * sandbox and the simulator take them as configurable defaults.
 */
import type { VenueId } from "@/server/market-data/types";
import type { Rng } from "@/server/shared/rng";
import type { RejectReason } from "./types";

export const DEFAULT_REJECT_RATES: Readonly<Record<VenueId, number>> = {
  binance: 0.002,
  okx: 0.003,
  bybit: 0.003,
  coinbase: 0.005,
  bitget: 0.005,
  cryptocom: 0.007,
  kraken: 0.01,
  // Binance's futures engines: same operator and tier as spot.
  "binance-usdm": 0.002,
  "binance-coinm": 0.002,
};

/** Share of random rejects that are load-shedding (retryable) rather than a generic refusal. */
export const BUSY_SHARE = 0.6;

export function rejectRateFor(venue: VenueId, overrides?: Partial<Record<VenueId, number>>): number {
  const rate = overrides?.[venue] ?? DEFAULT_REJECT_RATES[venue] ?? 0;
  return Math.min(1, Math.max(0, rate));
}

/**
 * Draws whether a venue rejects an arriving order. Always consumes one uniform (and a
 * second only on a reject), so the rest of the stream does not depend on the rate.
 */
export function drawVenueReject(rate: number, rng: Rng): RejectReason | undefined {
  if (!(rng.next() < rate)) return undefined;
  return rng.next() < BUSY_SHARE ? "EXCHANGE_BUSY" : "EXCHANGE_REJECT";
}
