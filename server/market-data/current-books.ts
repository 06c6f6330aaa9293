import type { BookView, MarketSource, SymbolId } from "./types";

/** The source's current book on every venue listing the symbol (venues without one are left out). */
export function currentBooks(source: MarketSource, symbol: SymbolId): BookView[] {
  const out: BookView[] = [];
  for (const venue of source.venuesFor(symbol)) {
    const book = source.book(venue, symbol);
    if (book) out.push(book);
  }
  return out;
}
