import type { PretradeQuery, SlippageResponse } from "@/lib/contracts/pretrade";
import type { Core } from "@/server/core";
import { walkBook, walkLevels, type BookWalk } from "@/server/cost/book-walk";
import { takenLevels } from "@/server/cost/side";
import { computeNbbo } from "@/server/market-data/nbbo";
import type { Level } from "@/server/market-data/types";
import { msToNs } from "@/server/shared/clock";
import { noTwoSidedMarket } from "@/server/http/api-error";
import { loadVenueBooks } from "./load-venue-books";

/**
 * GET /v1/intelligence/slippage: book-walk price slippage vs the NBBO mid, per venue and
 * across all venues' books merged by price (fees and latency are the forecast's business).
 */
export async function getSlippage(core: Core, query: PretradeQuery): Promise<SlippageResponse> {
  const { books, source, nowMs } = await loadVenueBooks(core, query.symbol, query.exclude_venues);
  const mid = computeNbbo(books).mid;
  if (mid === undefined) throw noTwoSidedMarket(query.symbol);
  const merged = mergeByPrice(books.map((b) => takenLevels(b, query.side)), query.side);
  return {
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    mid,
    source,
    venues: books.map((b) => ({ venue: b.venue, ...toWalk(walkBook(b, query.side, query.qty, mid)) })),
    consolidated: toWalk(walkLevels(merged, query.side, query.qty, mid)),
    generated_at_ns: msToNs(nowMs).toString(),
  };
}

function toWalk(w: BookWalk) {
  return {
    avg_price: w.avgPrice ?? null,
    slippage_bps: w.avgPrice === undefined ? null : w.costBps,
    filled_qty: w.filledQty,
    complete: w.complete,
    levels_used: w.levelsUsed,
  };
}

/** All venues' levels on one side as a single best-first ladder. */
function mergeByPrice(sides: readonly (readonly Level[])[], side: "buy" | "sell"): Level[] {
  const all = sides.flat();
  return all.sort((a, b) => (side === "buy" ? a.price - b.price : b.price - a.price));
}
