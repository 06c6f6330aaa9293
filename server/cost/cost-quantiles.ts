/**
 * P50, P90 and mean of the all-in cost of one size: the empirical sweep costs over the book
 * states (sample-sweep-costs.ts) convolved with the normal price move over the horizon
 * (mixture-quantile.ts). Shared by the distribution, fill confidence and the capacity curve
 * so the capacity curve's 1× point is the forecast itself.
 */
import { mixtureQuantileSorted, sortSample } from "./mixture-quantile";
import { isComplete, type SweepCostSamples } from "./sample-sweep-costs";

export interface RawCostQuantiles {
  p50Bps: number;
  p90Bps: number;
  /** The horizon move has zero mean, so the mean is the states' mean. */
  meanBps: number;
  completeFraction: number;
}

/**
 * Raw quantiles of size index k. All sizes are solved together, smallest first, each
 * starting from the previous size's answer (a larger size's sample dominates a smaller
 * one's state by state, so its quantiles cannot be lower), and P90 from P50; the results are
 * cached on the samples so the distribution, fill confidence and capacity curve agree.
 */
export function costQuantiles(samples: SweepCostSamples, k: number, horizonRiskBps: number): RawCostQuantiles {
  const key = String(horizonRiskBps);
  let all = samples.quantileCache?.get(key) as RawCostQuantiles[] | undefined;
  if (!all) {
    // A sample already solved on an earlier forecast (quantile-memo.ts), else solve it.
    all = samples.memo?.get(samples, horizonRiskBps);
    if (!all) {
      all = solveAll(samples, horizonRiskBps);
      samples.memo?.set(samples, horizonRiskBps, all);
    }
    (samples.quantileCache ??= new Map()).set(key, all);
  }
  return all[k] ?? { p50Bps: 0, p90Bps: 0, meanBps: 0, completeFraction: 0 };
}

function solveAll(samples: SweepCostSamples, h: number): RawCostQuantiles[] {
  const n = samples.count;
  const out: RawCostQuantiles[] = [];
  const scratch = new Float64Array(n);
  let prev50 = -Infinity;
  let prev90 = -Infinity;
  for (let k = 0; k < samples.sizes.length; k++) {
    if (n === 0) {
      out.push({ p50Bps: 0, p90Bps: 0, meanBps: 0, completeFraction: 0 });
      continue;
    }
    const row = samples.cost[k] as Float64Array;
    let sum = 0;
    let complete = 0;
    for (let i = 0; i < n; i++) {
      sum += row[i] as number;
      if (isComplete(samples, k, i)) complete++;
    }
    const last = out[k - 1];
    if (last && sameRow(row, samples.cost[k - 1] as Float64Array, n)) {
      // The same costs state by state (sizes beyond every state's depth): the same
      // quantiles, exactly, where a fresh solve would land within its tolerance of them.
      out.push({ p50Bps: last.p50Bps, p90Bps: last.p90Bps, meanBps: last.meanBps, completeFraction: complete / n });
      continue;
    }
    const sorted = sortSample(row, n, scratch);
    const p50 = mixtureQuantileSorted(sorted, h, 0.5, prev50);
    const p90 = mixtureQuantileSorted(sorted, h, 0.9, Math.max(p50, prev90));
    out.push({ p50Bps: p50, p90Bps: p90, meanBps: sum / n, completeFraction: complete / n });
    prev50 = p50;
    prev90 = p90;
  }
  return out;
}

function sameRow(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
