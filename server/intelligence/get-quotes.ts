import type { Quote, QuotesResponse } from "@/lib/contracts/market";
import type { Core } from "@/server/core";
import { noTwoSidedMarket, validationError } from "@/server/http/api-error";
import { computeNbbo } from "@/server/market-data/nbbo";
import { getVenue } from "@/server/market-data/venues";
import { msToNs } from "@/server/shared/clock";
import { loadBooks } from "./load-books";

/** NBBO and per-venue top of book for each requested symbol, in the order asked. */
export async function getQuotes(core: Core, symbols: string[]): Promise<QuotesResponse> {
  const unique = [...new Set(symbols)];
  const served = new Set(core.market.source.symbols());
  const unknown = unique.filter((s) => !served.has(s));
  if (unknown.length) {
    throw validationError("symbols", `unknown symbol${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; served: ${[...served].join(", ")}`);
  }
  const quotes = await Promise.all(unique.map((symbol) => quoteFor(core, symbol)));
  return { quotes };
}

async function quoteFor(core: Core, symbol: string): Promise<Quote> {
  const { books, source, nowMs, ageMs, staleAfterMs } = await loadBooks(core, symbol, "symbols");
  const nbbo = computeNbbo(books);
  if (!nbbo.bid || !nbbo.ask || nbbo.mid === undefined || nbbo.spreadBps === undefined) {
    throw noTwoSidedMarket(symbol);
  }
  const venues: Quote["venues"] = {};
  for (const book of books) {
    const bid = book.bids[0];
    const ask = book.asks[0];
    const age = Math.max(0, ageMs[book.venue] ?? nowMs - book.updatedAtMs);
    venues[book.venue] = {
      bid: bid?.price ?? null,
      ask: ask?.price ?? null,
      bid_size: bid?.qty ?? null,
      ask_size: ask?.qty ?? null,
      age_ms: Math.round(age),
      stale: age > staleAfterMs,
      status: getVenue(book.venue).status,
    };
  }
  return {
    symbol,
    nbbo: {
      bid: nbbo.bid.price,
      ask: nbbo.ask.price,
      mid: nbbo.mid,
      spread_bps: nbbo.spreadBps,
      bid_venue: nbbo.bid.venue,
      ask_venue: nbbo.ask.venue,
      crossed: nbbo.crossed,
    },
    venues,
    source,
    as_of_ns: msToNs(nowMs).toString(),
  };
}
