/**
 * What the simulated market is calibrated to.
 *
 * MEASURED: figures printed by `npx tsx scripts/calibrate-sim.ts` (statistics in
 * calibrate-from-recording.ts) on recordings/binance-spot_btcusdt_20240808.gz,
 * Binance spot BTCUSDT, 2024-08-08 23:54:14-24:00:00 UTC (346 s; book rebuilt from the
 * REST snapshot + 3,449 diffs with 0 sequence gaps). Re-run the script to refresh.
 *
 * SCALED: every other venue and symbol is derived from the Binance BTC figures by the
 * multipliers below and in symbols.ts. Those multipliers are judgement, informed by public
 * cross-venue liquidity comparisons (exchange depth/volume rankings), not measurements;
 * ARCHITECTURE.md ("Simulated market calibration") lists them.
 */
import type { VenueId } from "./types";

/** Measured on the recording; BTC quantities, USDT prices (treated as USD). */
export const RECORDED_BINANCE_BTC = {
  file: "binance-spot_btcusdt_20240808.gz",
  durationS: 346.06,
  meanMid: 61746.88,
  spreadBps: { median: 0.00162, mean: 0.00468 }, // bookTicker, 100 ms grid; median = 1 tick (0.01)
  topOfBookQty: { bid: 1.8946, ask: 2.2207 }, // medians
  depthBandsBps: [1, 2, 5, 10, 25, 50] as const,
  /** Median cumulative BTC within each band of the book mid. bid 50 bps: not covered by the snapshot. */
  depthQty: {
    bid: [3.882, 5.781, 20.14, 40.37, 98.34, Number.NaN],
    ask: [4.775, 8.141, 26.52, 50.61, 113.3, 129.56],
  },
  depthUsd: {
    bid: [239_874, 357_017, 1_243_871, 2_490_262, 6_072_958, Number.NaN],
    ask: [294_889, 502_955, 1_636_679, 3_127_099, 7_010_401, 8_006_854],
  },
  /** Median number of price levels within each band (the real book is far denser than the sim's). */
  depthLevels: { bid: [16.5, 33, 94, 211, 618, Number.NaN], ask: [20, 43, 129, 255, 691.5, 1116] },
  trades: {
    perSecond: 28.19,
    meanQty: 0.02173,
    meanNotionalUsd: 1341,
    /** Trade size quantiles (BTC). */
    qtyQuantiles: { p10: 0.00009, p25: 0.00011, p50: 0.0006, p75: 0.01329, p90: 0.05563, p95: 0.1, p99: 0.32413 },
    maxQty: 0.98261,
    buyShare: 0.4205,
    /** Hill estimator over the top 2 % of trade sizes. */
    tailIndex: 2.785,
  },
  volatility: { sigmaPerSecond: 0.000114, annualized: 0.6402 },
} as const;

const R = RECORDED_BINANCE_BTC;

/**
 * Per-side depth targets for the (symmetric) simulated Binance BTC book, cumulative USD
 * within each band of mid: the mean of the measured bid and ask sides for 1-25 bps;
 * 50 bps from the ask side alone, scaled by the 25 bps mean/ask ratio (the bid side was
 * outside the snapshot's reach); 100 bps extrapolated at the 25-50 bps density (not
 * measured: the 1000-level snapshot reaches ~33 bps).
 */
export const DEPTH_TARGET_BANDS_BPS = [1, 2, 5, 10, 25, 50, 100] as const;
export const DEPTH_TARGET_USD: readonly number[] = (() => {
  const measured = [0, 1, 2, 3, 4].map((i) => ((R.depthUsd.bid[i] as number) + (R.depthUsd.ask[i] as number)) / 2);
  const at25 = measured[4] as number;
  const at50 = (R.depthUsd.ask[5] as number) * (at25 / (R.depthUsd.ask[4] as number));
  const at100 = at50 + ((at50 - at25) / 25) * 50;
  return [...measured, at50, at100];
})();

/** Median top-of-book size in USD (mean of the two sides). */
export const TOP_OF_BOOK_USD = ((R.topOfBookQty.bid + R.topOfBookQty.ask) / 2) * R.meanMid;

/** Median quoted spread, bps. On Binance BTC it is the 1-tick floor; the mean shows the widening. */
export const SPREAD_MEDIAN_BPS = R.spreadBps.median;
export const SPREAD_MEAN_BPS = R.spreadBps.mean;

export const TRADES_PER_SECOND = R.trades.perSecond;

/** Aggressor size distribution in USD: measured quantiles × the recording's mean mid. */
export const TRADE_SIZE_USD_QUANTILES: readonly { p: number; usd: number }[] = [
  { p: 0.1, usd: R.trades.qtyQuantiles.p10 * R.meanMid },
  { p: 0.25, usd: R.trades.qtyQuantiles.p25 * R.meanMid },
  { p: 0.5, usd: R.trades.qtyQuantiles.p50 * R.meanMid },
  { p: 0.75, usd: R.trades.qtyQuantiles.p75 * R.meanMid },
  { p: 0.9, usd: R.trades.qtyQuantiles.p90 * R.meanMid },
  { p: 0.95, usd: R.trades.qtyQuantiles.p95 * R.meanMid },
  { p: 0.99, usd: R.trades.qtyQuantiles.p99 * R.meanMid },
];
export const TRADE_SIZE_TAIL_INDEX = R.trades.tailIndex;
/** The largest recorded trade was 3.0× p99; the sampler's Pareto tail is capped at 5×. */
export const TRADE_SIZE_TAIL_CAP = 5;
export const TRADE_SIZE_MEAN_USD = R.trades.meanNotionalUsd;

/**
 * How a venue's book compares with Binance's for the same symbol. Judgement (see the file
 * comment): spread scales the quoted half-spread beyond the tick; depth scales resting
 * USD at every distance; tradeRate scales aggressor arrivals; tradeSize scales their USD
 * size (Coinbase and Kraken see fewer, larger US-hours orders).
 */
export interface VenueSimMultipliers {
  spread: number;
  depth: number;
  tradeRate: number;
  tradeSize: number;
}

export const VENUE_SIM_MULTIPLIERS: Readonly<Record<VenueId, VenueSimMultipliers>> = {
  binance: { spread: 1, depth: 1, tradeRate: 1, tradeSize: 1 },
  okx: { spread: 1.3, depth: 0.6, tradeRate: 0.5, tradeSize: 0.9 },
  bybit: { spread: 1.3, depth: 0.55, tradeRate: 0.45, tradeSize: 0.9 },
  coinbase: { spread: 1.5, depth: 0.7, tradeRate: 0.45, tradeSize: 1.3 },
  kraken: { spread: 3, depth: 0.35, tradeRate: 0.2, tradeSize: 1.2 },
  bitget: { spread: 2, depth: 0.35, tradeRate: 0.3, tradeSize: 0.8 },
  cryptocom: { spread: 2.5, depth: 0.3, tradeRate: 0.25, tradeSize: 0.8 },
  // The perpetuals are never simulated (their registry `markets` leave out "simulated");
  // neutral rows keep the table total over VenueId.
  "binance-usdm": { spread: 1, depth: 1, tradeRate: 1, tradeSize: 1 },
  "binance-coinm": { spread: 1, depth: 1, tradeRate: 1, tradeSize: 1 },
};
