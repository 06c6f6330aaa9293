/**
 * Price-move risk charged for time the order is exposed: the ack latency (the market moves
 * between sending and matching) and the book's age (the book we priced from is already
 * this old). Both are σ·√t in bps (a Brownian price over t seconds), times a stated
 * multiplier.
 *
 * Default multiplier: the expected ADVERSE part of a normal move, E[max(0, Z)] = φ(0) =
 * 1/√(2π) ≈ 0.399, i.e. the Bachelier (1900) value of an at-the-money option over t, which is
 * what an order resting in flight gives away to the market. The √t scaling of the cost of
 * latency is the result of Moallemi & Sağlam (2013), "The Cost of Latency in
 * High-Frequency Trading", Operations Research 61(5). A desk wanting a tail charge instead
 * passes a quantile, e.g. normalQuantile(0.9) ≈ 1.2816 for the 90th percentile move.
 */
export const EXPECTED_ADVERSE_MOVE = 1 / Math.sqrt(2 * Math.PI);

/**
 * σ (per √second, as a fraction of price) over `ms` milliseconds, in bps, times the
 * multiplier. No usable volatility or no exposure means no charge (never NaN).
 */
export function moveRiskBps(sigmaPerSecond: number, ms: number, multiplier = EXPECTED_ADVERSE_MOVE): number {
  if (!(sigmaPerSecond > 0) || !Number.isFinite(sigmaPerSecond) || !(ms > 0) || !Number.isFinite(ms)) return 0;
  return sigmaPerSecond * Math.sqrt(ms / 1000) * 1e4 * multiplier;
}
