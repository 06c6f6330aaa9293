/**
 * Consolidated best bid and offer across venues' books. Pure. Empty books are ignored.
 * Across venues the consolidated market can be locked or crossed (a venue's bid at or
 * above another's ask) for as long as the gap is smaller than fees make worth taking;
 * that is reported, not hidden, and spreadBps is then zero or negative.
 */
import type { BookView, VenueId } from "./types";

export interface NbboSide {
  price: number;
  qty: number;
  venue: VenueId;
}

export interface Nbbo {
  bid: NbboSide | undefined;
  ask: NbboSide | undefined;
  /** (bid + ask) / 2; undefined unless both sides exist. */
  mid: number | undefined;
  /** (ask - bid) / mid in bps; undefined unless both sides exist. */
  spreadBps: number | undefined;
  /** Best bid >= best ask across venues. */
  crossed: boolean;
}

/**
 * Ties at the same price go to the larger displayed quantity, then to the earlier book in
 * the input, so the answer does not depend on hash order.
 */
export function computeNbbo(books: readonly BookView[]): Nbbo {
  let bid: NbboSide | undefined;
  let ask: NbboSide | undefined;
  for (const book of books) {
    const b = book.bids[0];
    if (b && (!bid || b.price > bid.price || (b.price === bid.price && b.qty > bid.qty))) {
      bid = { price: b.price, qty: b.qty, venue: book.venue };
    }
    const a = book.asks[0];
    if (a && (!ask || a.price < ask.price || (a.price === ask.price && a.qty > ask.qty))) {
      ask = { price: a.price, qty: a.qty, venue: book.venue };
    }
  }
  if (!bid || !ask) return { bid, ask, mid: undefined, spreadBps: undefined, crossed: false };
  const mid = (bid.price + ask.price) / 2;
  return { bid, ask, mid, spreadBps: ((ask.price - bid.price) / mid) * 1e4, crossed: bid.price >= ask.price };
}

/** Mid of one venue's book, or undefined if a side is empty. */
export function bookMid(book: BookView): number | undefined {
  const b = book.bids[0];
  const a = book.asks[0];
  return b && a ? (b.price + a.price) / 2 : undefined;
}

/** Quoted spread of one venue's book in bps of its mid, or undefined if a side is empty. */
export function bookSpreadBps(book: BookView): number | undefined {
  const b = book.bids[0];
  const a = book.asks[0];
  return b && a ? ((a.price - b.price) / ((a.price + b.price) / 2)) * 1e4 : undefined;
}
