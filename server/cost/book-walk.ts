/**
 * Book walk: the volume-weighted average price of sweeping one venue's L2 book for a size
 * (a market order that consumes levels best-first until filled), and its cost in bps
 * against a reference mid. This is the "sweep-to-fill" / "VWAP of a sweep" measure used by
 * market-impact tooling (e.g. the depth-based liquidity measures of Kyle 1985's "depth",
 * the "cost of round trip" of Irvine, Benston & Kandel 2000, "Liquidity beyond the inside
 * spread: measuring and using information in the limit order book").
 *
 * Depth that is not there is reported (shortfallQty, complete = false) and the cost covers
 * only the fillable part; the walk never pretends to fill what the book does not show.
 */
import { bookMid } from "@/server/market-data/nbbo";
import type { BookView, Level } from "@/server/market-data/types";
import { priceCostBps, takenLevels, type Side } from "./side";

export interface BookWalk {
  side: Side;
  requestedQty: number;
  filledQty: number;
  /** requestedQty − filledQty: the part the visible book cannot fill. */
  shortfallQty: number;
  complete: boolean;
  /** VWAP of the fillable part; undefined when nothing can be filled. */
  avgPrice: number | undefined;
  /** Price of the deepest level touched; undefined when nothing can be filled. */
  worstPrice: number | undefined;
  notional: number;
  /** Reference the cost is measured against; undefined only when the book has no prices at all. */
  mid: number | undefined;
  /** Where `mid` came from: given by the caller, the book's own mid, or (one-sided book) the touch. */
  reference: "given" | "book_mid" | "touch" | "none";
  /** (avgPrice vs mid) in bps, positive = worse than mid; 0 when nothing is filled. */
  costBps: number;
  levelsUsed: number;
}

export class InvalidQuantityError extends RangeError {
  constructor(readonly qty: number) {
    super(`quantity must be a finite number >= 0, got ${qty}`);
    this.name = "InvalidQuantityError";
  }
}

export function assertQuantity(qty: number): void {
  if (!Number.isFinite(qty) || qty < 0) throw new InvalidQuantityError(qty);
}

/** Walks `book` on the side a `side` order takes. `mid` defaults to the book's own mid. */
export function walkBook(book: BookView, side: Side, qty: number, mid?: number): BookWalk {
  const levels = takenLevels(book, side);
  if (mid !== undefined && Number.isFinite(mid) && mid > 0) return walkLevels(levels, side, qty, mid, "given");
  const own = bookMid(book);
  if (own !== undefined && own > 0) return walkLevels(levels, side, qty, own, "book_mid");
  // One-sided book: the touch is the only reference left; the cost then measures depth only.
  const touch = firstValidLevel(levels);
  return walkLevels(levels, side, qty, touch?.price, touch ? "touch" : "none");
}

/** The walk over one side's levels (best first). Also used on top-N book samples. */
export function walkLevels(
  levels: readonly Level[],
  side: Side,
  qty: number,
  mid: number | undefined,
  reference: BookWalk["reference"] = "given",
): BookWalk {
  assertQuantity(qty);
  let remaining = qty;
  let notional = 0;
  let levelsUsed = 0;
  let worstPrice: number | undefined;
  for (let i = 0; i < levels.length && remaining > 0; i++) {
    const level = levels[i] as Level;
    if (!isUsable(level)) continue;
    // min() makes the last take equal `remaining`, so remaining lands on exactly 0.
    const take = level.qty < remaining ? level.qty : remaining;
    notional += take * level.price;
    remaining -= take;
    levelsUsed++;
    worstPrice = level.price;
  }
  const filledQty = qty - remaining;
  const avgPrice = filledQty > 0 ? notional / filledQty : undefined;
  const costBps = avgPrice !== undefined && mid !== undefined ? priceCostBps(avgPrice, mid, side) : 0;
  return {
    side,
    requestedQty: qty,
    filledQty,
    shortfallQty: remaining,
    complete: remaining === 0,
    avgPrice,
    worstPrice,
    notional,
    mid,
    reference: mid === undefined ? "none" : reference,
    costBps,
    levelsUsed,
  };
}

export function isUsable(level: Level): boolean {
  return level.qty > 0 && level.price > 0 && Number.isFinite(level.qty) && Number.isFinite(level.price);
}

function firstValidLevel(levels: readonly Level[]): Level | undefined {
  for (const l of levels) if (isUsable(l)) return l;
  return undefined;
}
