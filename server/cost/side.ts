/**
 * The side an order takes and how a fill price compares with a reference mid for it.
 * Every cost in server/cost is signed so that positive means worse than mid, whether the
 * order buys or sells, so costs of both sides can be ranked and added the same way.
 */
import type { Level } from "@/server/market-data/types";

export type Side = "buy" | "sell";

/** A buy lifts the asks; a sell hits the bids. */
export function takenLevels(book: { bids: readonly Level[]; asks: readonly Level[] }, side: Side): readonly Level[] {
  return side === "buy" ? book.asks : book.bids;
}

/** Cost of trading at `price` against `mid`, in bps of mid; positive = worse than mid. */
export function priceCostBps(price: number, mid: number, side: Side): number {
  const bps = ((price - mid) / mid) * 1e4;
  return side === "buy" ? bps : -bps;
}
