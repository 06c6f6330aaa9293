/**
 * One side's levels with running totals, so the quantity and the cost of any prefix of the
 * side are two array reads instead of a walk. The distribution prices every size in every
 * book state by a threshold search over these (ladder-sweep.ts): the cost of the cheapest
 * S units is found with binary searches rather than by stepping through the fills.
 *
 * Memoised by the levels array's identity, like packLevels (packed-levels.ts) and for the
 * same reason: book views and store samples are immutable, so a sample's totals are built
 * once in its life, not once per forecast, and are freed with it (WeakMap: the memo holds
 * no entry longer than the observation store or a book view holds the levels). Nothing in
 * the totals depends on σ, the mid, fees or the order size; those are applied per query.
 */
import type { Level } from "@/server/market-data/types";
import { packLevels } from "./packed-levels";

export interface CumulativeLadder {
  /** Usable levels as packed [price, qty] pairs (packLevels). */
  packed: Float64Array;
  /** Levels in `packed`. */
  levels: number;
  /** qty[j]: quantity of the first j levels (length levels + 1, qty[0] = 0). */
  qty: Float64Array;
  /**
   * cost[j]: Σ qᵢ·(pᵢ − p₀) over the first j levels, p₀ the first price. Relative to p₀ so
   * the few-tick costs near the touch are not the small difference of two 1e5-sized
   * notionals (which would lose ~1e-11 bps, more than the 1e-9 relative we promise).
   */
  cost: Float64Array;
  /** Prices never fall along the array (an ask side in order). */
  ascending: boolean;
  /** Prices never rise along the array (a bid side in order). */
  descending: boolean;
}

const memo = new WeakMap<readonly Level[], CumulativeLadder>();

export function cumulativeLadder(levels: readonly Level[]): CumulativeLadder {
  let ladder = memo.get(levels);
  if (ladder) return ladder;
  const packed = packLevels(levels);
  const n = packed.length >> 1;
  const qty = new Float64Array(n + 1);
  const cost = new Float64Array(n + 1);
  const p0 = n > 0 ? (packed[0] as number) : 0;
  let ascending = true;
  let descending = true;
  let q = 0;
  let c = 0;
  for (let j = 0; j < n; j++) {
    const p = packed[2 * j] as number;
    const size = packed[2 * j + 1] as number;
    if (j > 0) {
      const prev = packed[2 * j - 2] as number;
      if (p < prev) ascending = false;
      if (p > prev) descending = false;
    }
    q += size;
    c += size * (p - p0);
    qty[j + 1] = q;
    cost[j + 1] = c;
  }
  ladder = { packed, levels: n, qty, cost, ascending, descending };
  memo.set(levels, ladder);
  return ladder;
}
