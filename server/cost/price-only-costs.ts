/**
 * Price-only sweep cost (bps vs mid, no fees or risk terms) of a few sizes across today's
 * books: the consolidated book's slope the impact estimate reads (estimateImpactFromMarket
 * in forecast-cost.ts). The same numbers as sweeping with zero fixed bps
 * (sweepCostsAtSizes): the books merged in price order only as deep as the sizes need
 * (merged-ladder.ts), then a binary search per size; a book with prices out of order (never
 * seen from a real book) is swept instead.
 *
 * The merged ladder is kept per set of books and mid (module-level WeakMap keyed by the
 * first book's running totals, which live exactly as long as that book's levels; the entry
 * is checked against every book's running totals and the mid before use), so the forecasts
 * between two book updates merge once. It holds no book levels itself: an entry that kept
 * seven books' Level objects alive would hand the collector a full book per update to
 * promote and later sweep from the old generation.
 */
import type { BookView } from "@/server/market-data/types";
import { cumulativeLadder, type CumulativeLadder } from "./cumulative-ladder";
import type { GreedySweeper, SweepVenue } from "./greedy-sweep";
import { MergedLadder } from "./merged-ladder";
import { takenLevels, type Side } from "./side";
import { sweepCostsAtSizes } from "./sweep-ladder";

interface Kept {
  ladders: CumulativeLadder[];
  mid: number;
  merged: MergedLadder;
}

const kept = new WeakMap<CumulativeLadder, Kept>();

/** Writes cost (bps) and filled quantity per size (ascending) into `cost` / `filled`. */
export function priceOnlyCostsAtSizes(
  sweeper: GreedySweeper,
  books: readonly BookView[],
  side: Side,
  mid: number,
  sizes: readonly number[],
  cost: number[],
  filled: number[],
): void {
  const buy = side === "buy";
  const ladders = books.map((b) => cumulativeLadder(takenLevels(b, side)));
  const first = ladders[0];
  let entry = first ? kept.get(first) : undefined;
  if (!entry || !Object.is(entry.mid, mid) || !sameLadders(entry.ladders, ladders)) {
    if (!ladders.every((l) => (buy ? l.ascending : l.descending))) {
      const priceOnly: SweepVenue[] = books.map((b) => ({
        venue: b.venue,
        levels: takenLevels(b, side),
        feeBps: 0,
        latencyBps: 0,
        stalenessBps: 0,
        lotSize: 0,
        minQty: 0,
        minNotional: 0,
      }));
      sweepCostsAtSizes(sweeper, priceOnly, side, mid, sizes, cost, filled);
      return;
    }
    entry = { ladders, mid, merged: new MergedLadder(ladders, new Float64Array(ladders.length), mid, buy ? 1e4 / mid : -1e4 / mid) };
    if (first) kept.set(first, entry);
  }
  entry.merged.costsAtSizes(sizes, Infinity, cost, filled);
}

function sameLadders(a: readonly CumulativeLadder[], b: readonly CumulativeLadder[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
