/**
 * The quantiles of a sample, kept for the next forecast that brings the very same sample:
 * within one market tick a repeated request (same order, same books, same σ) produces a
 * bit-identical sample (sweep-state-cache.ts reuses every state's answer), and solving its
 * mixture quantiles is most of what is left of a forecast's cost. Keyed by content, not by
 * identity: the horizon term, the sizes, and every state's cost and fill, compared number
 * by number, so a kept answer is exactly what solving again would give. Bounded: the last
 * few samples (most recent first); owned by a SweepStateCache.
 */
import type { RawCostQuantiles } from "./cost-quantiles";
import type { SweepCostSamples } from "./sample-sweep-costs";

interface Entry {
  h: number;
  count: number;
  sizes: Float64Array;
  cost: Float64Array[];
  filled: Float64Array[];
  result: RawCostQuantiles[];
}

const MAX_ENTRIES = 4;

export class QuantileMemo {
  private readonly entries: Entry[] = [];

  get(samples: SweepCostSamples, h: number): RawCostQuantiles[] | undefined {
    for (const e of this.entries) if (matches(e, samples, h)) return e.result;
    return undefined;
  }

  set(samples: SweepCostSamples, h: number, result: RawCostQuantiles[]): void {
    const n = samples.count;
    this.entries.unshift({
      h,
      count: n,
      sizes: Float64Array.from(samples.sizes),
      cost: samples.cost.map((row) => row.slice(0, n)),
      filled: samples.filled.map((row) => row.slice(0, n)),
      result,
    });
    if (this.entries.length > MAX_ENTRIES) this.entries.pop();
  }
}

function matches(e: Entry, samples: SweepCostSamples, h: number): boolean {
  const n = samples.count;
  if (!Object.is(e.h, h) || e.count !== n || e.sizes.length !== samples.sizes.length) return false;
  for (let k = 0; k < e.sizes.length; k++) if (!Object.is(e.sizes[k], samples.sizes[k])) return false;
  for (let k = 0; k < e.sizes.length; k++) {
    if (!sameRow(e.cost[k] as Float64Array, samples.cost[k] as Float64Array, n)) return false;
    if (!sameRow(e.filled[k] as Float64Array, samples.filled[k] as Float64Array, n)) return false;
  }
  return true;
}

function sameRow(a: Float64Array, b: Float64Array, n: number): boolean {
  // Object.is: NaN matches NaN, and 0 does not match −0 (they can sort apart).
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
