/**
 * The read port the matching engine and the strategies use for one venue's book. A live
 * BookView is adapted by readBookView; a simulated path implements it directly, so the
 * path need not build level arrays on every step (the cost that dominates a simulation).
 */
import type { BookView, Level, SymbolId, VenueId } from "@/server/market-data/types";
import type { Side } from "./types";

export type BookSideName = "bid" | "ask";

export interface BookReader {
  readonly venue: VenueId;
  readonly symbol: SymbolId;
  /** Changes whenever the book changes; the engine keys its own-consumption overlay on it. */
  readonly seq: number;
  /** Market-clock time of the state the reader shows. */
  readonly updatedAtMs: number;
  /** Best displayed level with quantity, or undefined for an empty side. */
  best(side: BookSideName): Level | undefined;
  /** Displayed quantity at exactly this price (0 when no level there). */
  qtyAt(side: BookSideName, price: number): number;
  /** Visits displayed levels best-first until `visit` returns false. */
  walk(side: BookSideName, visit: (price: number, qty: number) => boolean): void;
  /**
   * Displayed quantity on `side` from the best level down to and including `price`
   * (asks priced ≤ price, bids priced ≥ price): what a resting order at `price` on the
   * other side would be crossed by. May stop counting once `cap` is reached.
   */
  qtyUpTo(side: BookSideName, price: number, cap?: number): number;
}

/** The book side an order of this side rests on. */
export const ownSide = (side: Side): BookSideName => (side === "buy" ? "bid" : "ask");
/** The book side an order of this side takes from. */
export const takeSide = (side: Side): BookSideName => (side === "buy" ? "ask" : "bid");

/** Prices come from one tick grid, but a live feed may parse them separately: compare with a relative tolerance. */
export function samePrice(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-10 * Math.abs(b);
}

export function isBookReader(x: BookReader | BookView): x is BookReader {
  return typeof (x as BookReader).qtyAt === "function";
}

function findLevel(levels: readonly Level[], price: number, descending: boolean): Level | undefined {
  let lo = 0;
  let hi = levels.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const level = levels[mid] as Level;
    if (samePrice(level.price, price)) return level;
    if (descending ? level.price > price : level.price < price) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export function readBookView(view: BookView): BookReader {
  const levelsOf = (side: BookSideName) => (side === "bid" ? view.bids : view.asks);
  return {
    venue: view.venue,
    symbol: view.symbol,
    seq: view.seq,
    updatedAtMs: view.updatedAtMs,
    best(side) {
      for (const level of levelsOf(side)) if (level.qty > 0) return level;
      return undefined;
    },
    qtyAt(side, price) {
      return findLevel(levelsOf(side), price, side === "bid")?.qty ?? 0;
    },
    walk(side, visit) {
      for (const level of levelsOf(side)) {
        if (level.qty > 0 && !visit(level.price, level.qty)) return;
      }
    },
    qtyUpTo(side, price, cap = Infinity) {
      let sum = 0;
      for (const level of levelsOf(side)) {
        const within = samePrice(level.price, price) || (side === "ask" ? level.price < price : level.price > price);
        if (!within || sum >= cap) break;
        if (level.qty > 0) sum += level.qty;
      }
      return sum;
    },
  };
}
