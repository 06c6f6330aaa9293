/**
 * All-in sweep cost at several sizes from ONE sweep to the largest: the sweep fills units in
 * score order, so the cost of any smaller size is the average score of a prefix of the same
 * fill sequence. That is what makes the capacity curve cheap, and it is also why the curve
 * is non-decreasing: each added unit scores at least as much as every unit before it, so the
 * running average can only rise (asserted in capacity-curve.ts).
 *
 * Min sizes and lots are not applied here (allocate-sweep.ts does that for the routed
 * answer); they move the cost by at most one lot at the margin.
 */
import type { GreedySweeper, SweepVenue } from "./greedy-sweep";
import type { Side } from "./side";

/**
 * Writes the average all-in score (bps) and the filled quantity at each size into
 * outCost / outFilled (same index as `sizes`, which must be ascending). A size beyond the
 * books gets the cost of everything fillable and filled < size.
 */
export function sweepCostsAtSizes(
  sweeper: GreedySweeper,
  venues: readonly SweepVenue[],
  side: Side,
  mid: number,
  sizes: readonly number[],
  outCost: number[],
  outFilled: number[],
): void {
  const largest = sizes.length > 0 ? (sizes[sizes.length - 1] as number) : 0;
  sweeper.run(venues, side, mid, largest, undefined, true);
  let i = 0;
  let cumQty = 0;
  let cumCost = 0;
  for (let k = 0; k < sizes.length; k++) {
    const size = sizes[k] as number;
    while (i < sweeper.fillCount && cumQty + (sweeper.fillQty[i] as number) <= size) {
      cumQty += sweeper.fillQty[i] as number;
      cumCost += (sweeper.fillQty[i] as number) * (sweeper.fillScore[i] as number);
      i++;
    }
    if (i < sweeper.fillCount && cumQty < size) {
      const part = size - cumQty;
      outCost[k] = (cumCost + part * (sweeper.fillScore[i] as number)) / size;
      outFilled[k] = size;
    } else {
      outCost[k] = cumQty > 0 ? cumCost / cumQty : 0;
      outFilled[k] = cumQty;
    }
  }
}
