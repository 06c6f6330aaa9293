/**
 * Book levels as one packed Float64Array [price₀, qty₀, price₁, qty₁, …], usable levels
 * only. The distribution sweeps dozens of book states per forecast; walking Level objects
 * scattered over the heap is memory-bound, a packed array is not. Book views and store
 * samples are immutable, so the packed copy is memoised by the levels array's identity and
 * freed with it (WeakMap): a sample is packed once in its life, not once per forecast.
 */
import type { Level } from "@/server/market-data/types";

const memo = new WeakMap<readonly Level[], Float64Array>();

export function packLevels(levels: readonly Level[]): Float64Array {
  let packed = memo.get(levels);
  if (packed) return packed;
  let n = 0;
  for (const l of levels) if (usable(l)) n++;
  packed = new Float64Array(2 * n);
  let i = 0;
  for (const l of levels) {
    if (!usable(l)) continue;
    packed[i++] = l.price;
    packed[i++] = l.qty;
  }
  memo.set(levels, packed);
  return packed;
}

function usable(l: Level): boolean {
  return l.qty > 0 && l.price > 0 && l.qty < Infinity && l.price < Infinity;
}

/**
 * Level index (not array index) in `deep` of the first level strictly worse than the last
 * level of `head`: where a truncated head continues into a deeper book.
 */
export function packedFirstBeyond(deep: Float64Array, head: Float64Array, buy: boolean): number {
  const levels = deep.length >> 1;
  if (head.length === 0) return 0;
  const last = head[head.length - 2] as number;
  let lo = 0;
  let hi = levels;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    const p = deep[2 * m] as number;
    if (buy ? p > last : p < last) hi = m;
    else lo = m + 1;
  }
  return lo;
}
