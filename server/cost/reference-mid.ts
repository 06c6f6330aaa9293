/**
 * The reference every cost is measured against: the consolidated mid (best bid across
 * venues + best ask across venues, halved). With one side empty everywhere the touch of the
 * side being taken stands in, so the answer stays a number and says it is a fallback.
 */
import type { Level } from "@/server/market-data/types";
import { isUsable } from "./book-walk";
import type { Side } from "./side";

export interface ReferenceMid {
  mid: number | undefined;
  source: "nbbo_mid" | "touch" | "none";
  bestBid: number | undefined;
  bestAsk: number | undefined;
}

export function referenceMid(books: readonly { bids: readonly Level[]; asks: readonly Level[] }[], side: Side): ReferenceMid {
  let bestBid: number | undefined;
  let bestAsk: number | undefined;
  for (const b of books) {
    const bid = firstUsable(b.bids);
    const ask = firstUsable(b.asks);
    if (bid !== undefined && (bestBid === undefined || bid > bestBid)) bestBid = bid;
    if (ask !== undefined && (bestAsk === undefined || ask < bestAsk)) bestAsk = ask;
  }
  if (bestBid !== undefined && bestAsk !== undefined) return { mid: (bestBid + bestAsk) / 2, source: "nbbo_mid", bestBid, bestAsk };
  const touch = side === "buy" ? bestAsk : bestBid;
  return { mid: touch, source: touch === undefined ? "none" : "touch", bestBid, bestAsk };
}

function firstUsable(levels: readonly Level[]): number | undefined {
  for (const l of levels) if (isUsable(l)) return l.price;
  return undefined;
}
