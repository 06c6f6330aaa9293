/**
 * Turns the calibration (sim-calibration.ts) and the per-venue / per-symbol multipliers
 * into the parameters one simulated venue book runs on.
 *
 * The book model: resting orders arrive at a distance from the venue's reference price
 * drawn band by band, and each order is cancelled at a band-specific rate θ. In a band
 * with add rate λ, mean order size s and no trading, resting quantity settles at
 * Q = λ·s/θ (the stationary mean of an M/M/∞ queue, as in Cont, Stoikov & Talreja 2010,
 * "A stochastic model for order book dynamics"). So choosing λ = θ·Q/s makes the
 * calibrated depth-by-distance the book's long-run mean; the touch also gets the
 * market-order flow it loses to trades added back.
 */
import { createGrid, type Grid } from "./market-grid";
import {
  DEPTH_TARGET_BANDS_BPS,
  DEPTH_TARGET_USD,
  SPREAD_MEDIAN_BPS,
  TOP_OF_BOOK_USD,
  TRADES_PER_SECOND,
  TRADE_SIZE_MEAN_USD,
  VENUE_SIM_MULTIPLIERS,
} from "./sim-calibration";
import type { SymbolParams } from "./symbols";
import type { InstrumentSpec } from "./venues";
import type { VenueId } from "./types";

/** Modelling choices (not measurements): resting orders per band and their cancel rates. */
const BAND_ORDERS = [6, 5, 10, 14, 25, 22, 18] as const; // per side, ~100 levels in total
const BAND_CANCEL_PER_S = [1.0, 0.8, 0.5, 0.3, 0.15, 0.1, 0.08] as const; // faster near the touch
const TOUCH_ORDERS = 6;
const TOUCH_CANCEL_PER_S = 0.5;
/** Trades printed per aggressor order (a sweep prints one per level); checked by a test. */
export const TRADES_PER_MARKET_ORDER = 1.0;

export interface SimBand {
  loBps: number;
  hiBps: number;
  /** Target resting quantity in the band (base units). */
  qty: number;
  /** Mean size of one resting order (base units). */
  orderQty: number;
  /** Per-order cancel rate, 1/s. */
  cancelPerS: number;
  /** Order arrivals, 1/s. */
  addPerS: number;
}

export interface SimBookProfile {
  venue: VenueId;
  symbol: string;
  price: Grid;
  qty: Grid;
  minQty: number;
  minNotional: number;
  referencePrice: number;
  /** Inner quotes sit this far from the reference before rounding outward to the tick. */
  halfSpreadBps: number;
  touch: SimBand;
  bands: readonly SimBand[];
  /** Fewer levels than this a side and the deep end is refilled. */
  minLevels: number;
  /** Levels further than this from the reference are cancelled. */
  maxDistanceBps: number;
  marketOrdersPerS: number;
  /** Multiplier on the calibrated USD size distribution of aggressor orders. */
  tradeSizeScale: number;
}

export function deriveSimBookProfile(
  venue: VenueId,
  spec: InstrumentSpec,
  params: SymbolParams,
  referencePrice = params.referencePrice,
): SimBookProfile {
  const vm = VENUE_SIM_MULTIPLIERS[venue];
  const depthScale = (vm.depth * params.depthMultiplier) / referencePrice; // USD -> base
  const tradeSizeScale = vm.tradeSize * params.tradeSizeMultiplier;
  const marketOrdersPerS = (TRADES_PER_SECOND * vm.tradeRate * params.tradeRateMultiplier) / TRADES_PER_MARKET_ORDER;
  const takenPerS = (marketOrdersPerS * TRADE_SIZE_MEAN_USD * tradeSizeScale) / referencePrice;

  const touchQty = TOP_OF_BOOK_USD * depthScale;
  const touchOrderQty = touchQty / TOUCH_ORDERS;
  const touch: SimBand = {
    loBps: 0,
    hiBps: 0,
    qty: touchQty,
    orderQty: touchOrderQty,
    cancelPerS: TOUCH_CANCEL_PER_S,
    addPerS: TOUCH_CANCEL_PER_S * TOUCH_ORDERS + takenPerS / touchOrderQty,
  };

  const bands: SimBand[] = [];
  let prevBps = 0;
  let prevUsd = TOP_OF_BOOK_USD; // the touch already holds this much of the first band
  DEPTH_TARGET_BANDS_BPS.forEach((hiBps, i) => {
    const cumUsd = DEPTH_TARGET_USD[i] as number;
    const qty = Math.max(0, cumUsd - prevUsd) * depthScale;
    const orders = BAND_ORDERS[i] as number;
    const cancelPerS = BAND_CANCEL_PER_S[i] as number;
    bands.push({ loBps: prevBps, hiBps, qty, orderQty: qty / orders, cancelPerS, addPerS: cancelPerS * orders });
    prevBps = hiBps;
    prevUsd = cumUsd;
  });

  return {
    venue,
    symbol: params.symbol,
    price: createGrid(spec.tickSize),
    qty: createGrid(spec.lotSize),
    minQty: spec.minQty,
    minNotional: spec.minNotional,
    referencePrice,
    halfSpreadBps: (SPREAD_MEDIAN_BPS / 2) * vm.spread * params.spreadMultiplier,
    touch,
    bands,
    minLevels: 50,
    maxDistanceBps: 150,
    marketOrdersPerS,
    tradeSizeScale,
  };
}
