/**
 * Market-order flow per venue for simulated paths: arrivals are Poisson at the venue's
 * observed print rate, sizes are bootstrapped (drawn with replacement) from the observed
 * print sizes. With too few observed prints the rate falls back to a deliberately low
 * 1 print/s and sizes to the recorded Binance BTC USD size distribution (sim-calibration.ts,
 * a real recording) converted at the mid: a thin tape must not make passive fills look easy.
 * Prints are treated as orders (the simulated source prints one trade per aggressor order
 * and level; sim-book-profile.ts measures TRADES_PER_MARKET_ORDER = 1).
 */
import { createSizeSampler } from "@/server/market-data/sample-order-size";
import { TRADE_SIZE_TAIL_CAP, TRADE_SIZE_TAIL_INDEX, TRADE_SIZE_USD_QUANTILES } from "@/server/market-data/sim-calibration";
import type { Trade, VenueId } from "@/server/market-data/types";
import type { Rng } from "@/server/shared/rng";

export const MIN_OBSERVED_PRINTS = 10;
export const FALLBACK_PRINTS_PER_S = 1;

export interface TradeFlow {
  venue: VenueId;
  /** Market orders per second (both sides together). */
  ratePerS: number;
  source: "observed" | "fallback";
  /** One order size in base units; consumes exactly one uniform. */
  drawSize(rng: Rng): number;
}

const fallbackUsd = createSizeSampler(TRADE_SIZE_USD_QUANTILES, TRADE_SIZE_TAIL_INDEX, TRADE_SIZE_TAIL_CAP);

export function buildTradeFlow(venue: VenueId, trades: readonly Trade[] | undefined, windowMs: number, mid: number): TradeFlow {
  const sizes: number[] = [];
  for (const t of trades ?? []) if (t.qty > 0 && Number.isFinite(t.qty)) sizes.push(t.qty);
  if (sizes.length >= MIN_OBSERVED_PRINTS && windowMs > 0) {
    const pool = Float64Array.from(sizes);
    return {
      venue,
      ratePerS: sizes.length / (windowMs / 1000),
      source: "observed",
      drawSize: (rng) => pool[Math.min(pool.length - 1, Math.floor(rng.next() * pool.length))] as number,
    };
  }
  return {
    venue,
    ratePerS: FALLBACK_PRINTS_PER_S,
    source: "fallback",
    drawSize: (rng) => fallbackUsd(rng.next()) / mid,
  };
}
