/**
 * Heavy-tailed aggressor order sizes: the empirical quantile function of recorded trade
 * sizes (log-linear between measured quantiles) with a Pareto tail above the last one,
 * using the Hill tail index measured on the same data and capped, because one simulated
 * order larger than anything seen would dominate a short run's statistics.
 */
export interface SizeSampler {
  /** Size for a uniform draw u in [0, 1). */
  (u: number): number;
}

export function createSizeSampler(
  quantiles: readonly { p: number; usd: number }[],
  tailIndex: number,
  capMultiple: number,
): SizeSampler {
  if (quantiles.length < 2) throw new RangeError("need at least two quantiles");
  const first = quantiles[0] as { p: number; usd: number };
  const last = quantiles[quantiles.length - 1] as { p: number; usd: number };
  // Below the first measured quantile, extend flat-ish down to 90 % of it.
  const ps = [0, ...quantiles.map((q) => q.p)];
  const logs = [Math.log(first.usd * 0.9), ...quantiles.map((q) => Math.log(q.usd))];
  const cap = last.usd * capMultiple;
  return (u: number) => {
    if (u >= last.p) {
      const x = last.usd * ((1 - last.p) / Math.max(1e-12, 1 - u)) ** (1 / tailIndex);
      return Math.min(x, cap);
    }
    let i = 1;
    while (i < ps.length - 1 && u > (ps[i] as number)) i++;
    const p0 = ps[i - 1] as number;
    const p1 = ps[i] as number;
    const w = p1 > p0 ? (u - p0) / (p1 - p0) : 0;
    return Math.exp((logs[i - 1] as number) + w * ((logs[i] as number) - (logs[i - 1] as number)));
  };
}
