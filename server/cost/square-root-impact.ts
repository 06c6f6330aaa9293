/**
 * Square-root impact law, the cross-check on Almgren–Chriss: the impact of a metaorder of
 * Q units in a market trading V units a day is
 *
 *   cost ≈ Y · σ_daily · √(Q / V)
 *
 * with Y of order 1 across markets and eras (Tóth, Lemperière, Deremble, de Lataillade,
 * Kockelkoren & Bouchaud 2011, "Anomalous price impact and the critical nature of liquidity
 * in financial markets", Phys. Rev. X 1, 021006; the concave, ~0.6-power temporary impact of
 * Almgren, Thum, Hauptmann & Li 2005, "Direct estimation of equity market impact", Risk
 * 18(7), is close to it). Crypto trades around the clock, so σ_daily = σ_per_second·√86400.
 */
export interface SquareRootImpact {
  model: "square-root";
  /** Undefined without a daily volume to compare the order with. */
  costBps: number | undefined;
  y: number;
  sigmaDailyBps: number;
  dailyVolume: number | undefined;
  /** Q / V. */
  fractionOfDailyVolume: number | undefined;
}

export const SECONDS_PER_DAY = 86_400;

export function squareRootImpact(qty: number, dailyVolume: number | undefined, sigmaPerSecond: number, y = 1): SquareRootImpact {
  const sigmaDailyBps = sigmaPerSecond > 0 && Number.isFinite(sigmaPerSecond) ? sigmaPerSecond * Math.sqrt(SECONDS_PER_DAY) * 1e4 : 0;
  const usable = dailyVolume !== undefined && dailyVolume > 0 && Number.isFinite(dailyVolume);
  const fraction = usable ? qty / dailyVolume : undefined;
  return {
    model: "square-root",
    costBps: fraction === undefined ? undefined : y * sigmaDailyBps * Math.sqrt(fraction),
    y,
    sigmaDailyBps,
    dailyVolume: usable ? dailyVolume : undefined,
    fractionOfDailyVolume: fraction,
  };
}
