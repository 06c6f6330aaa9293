/**
 * Per-symbol parameters of the simulated market: where the price starts and how it moves.
 *
 * Reference prices are plausible late-2025/2026 levels, not a forecast. Volatilities are
 * typical realized annualized figures for each asset over 2024-25 (BTC ~45-55 %, ETH
 * ~60-70 %, large alts ~80-100 %). The recorded Binance BTCUSDT window measured 64 %
 * from 1 s returns (ARCHITECTURE.md, "Simulated market calibration"); that figure includes microstructure noise and a
 * volatile week, so it is an upper reference, not the base level.
 *
 * Jumps: compound Poisson on the log price (Merton 1976 jump-diffusion), symmetric,
 * zero-mean, normally distributed sizes. A few per day of tens of bps is what large,
 * fast news moves look like on a 100 ms grid.
 */
import type { SymbolId } from "./types";

export interface SymbolParams {
  symbol: SymbolId;
  base: string;
  quote: string;
  /** Starting fair value in USD. */
  referencePrice: number;
  /** Annualized volatility of the diffusion part (fraction, 0.5 = 50 %). */
  annualVol: number;
  /** Expected jumps per day. */
  jumpsPerDay: number;
  /** Standard deviation of one jump's log size (0.004 = 40 bps). */
  jumpSizeSigma: number;
  /** Relative to BTC: how much resting liquidity (USD) the books carry. */
  depthMultiplier: number;
  /** Relative to BTC: trade arrival rate. */
  tradeRateMultiplier: number;
  /** Relative to BTC: typical aggressor order size in USD. */
  tradeSizeMultiplier: number;
  /** Relative to BTC: quoted half-spread beyond the tick (bps). */
  spreadMultiplier: number;
}

export const SECONDS_PER_YEAR = 365 * 24 * 3600;

const PARAMS: Readonly<Record<SymbolId, SymbolParams>> = {
  "BTC-USD": {
    symbol: "BTC-USD",
    base: "BTC",
    quote: "USD",
    referencePrice: 90_000,
    annualVol: 0.5,
    jumpsPerDay: 3,
    jumpSizeSigma: 0.003,
    depthMultiplier: 1,
    tradeRateMultiplier: 1,
    tradeSizeMultiplier: 1,
    spreadMultiplier: 1,
  },
  "ETH-USD": {
    symbol: "ETH-USD",
    base: "ETH",
    quote: "USD",
    referencePrice: 3_000,
    annualVol: 0.65,
    jumpsPerDay: 3,
    jumpSizeSigma: 0.004,
    depthMultiplier: 0.5,
    tradeRateMultiplier: 0.8,
    tradeSizeMultiplier: 0.7,
    spreadMultiplier: 1.5,
  },
  "SOL-USD": {
    symbol: "SOL-USD",
    base: "SOL",
    quote: "USD",
    referencePrice: 140,
    annualVol: 0.85,
    jumpsPerDay: 4,
    jumpSizeSigma: 0.006,
    depthMultiplier: 0.2,
    tradeRateMultiplier: 0.6,
    tradeSizeMultiplier: 0.4,
    spreadMultiplier: 2.5,
  },
  "XRP-USD": {
    symbol: "XRP-USD",
    base: "XRP",
    quote: "USD",
    referencePrice: 2.2,
    annualVol: 0.85,
    jumpsPerDay: 4,
    jumpSizeSigma: 0.006,
    depthMultiplier: 0.15,
    tradeRateMultiplier: 0.5,
    tradeSizeMultiplier: 0.4,
    spreadMultiplier: 3,
  },
  "DOGE-USD": {
    symbol: "DOGE-USD",
    base: "DOGE",
    quote: "USD",
    referencePrice: 0.17,
    annualVol: 0.95,
    jumpsPerDay: 5,
    jumpSizeSigma: 0.007,
    depthMultiplier: 0.1,
    tradeRateMultiplier: 0.4,
    tradeSizeMultiplier: 0.3,
    spreadMultiplier: 3.5,
  },
};

export function symbolParams(symbol: SymbolId): SymbolParams | undefined {
  return PARAMS[symbol];
}

export function listSymbolParams(): readonly SymbolParams[] {
  return Object.values(PARAMS);
}

/** Configured volatility per √second, the unit 1 s return statistics use. */
export function sigmaPerSecond(params: SymbolParams): number {
  return params.annualVol / Math.sqrt(SECONDS_PER_YEAR);
}
