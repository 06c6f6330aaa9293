/**
 * Shapes the TCA engine works on. Everything here is in human units (floats: qty in base
 * units, prices and USD in quote units); callers convert the order log's fixed-point
 * values once at the edge (collect-fills.ts does it for an event log).
 */
import type { Liquidity, Side } from "@/server/execution/types";
import type { VenueId } from "@/server/market-data/types";

export type { Side };

/** One execution of the order, human units. */
export interface TcaFill {
  qty: number;
  price: number;
  /** Quote currency (USD); negative for a maker rebate. */
  fee: number;
  venue: VenueId;
  atMs: number;
  liquidity: Liquidity;
  /** The routing decision whose leg produced it, when known (from child_sent.decisionId). */
  decisionId?: string | null;
  /** Quoted half spread (ask − bid)/2 at fill time, quote units, when known. */
  halfSpread?: number;
}

/** +1 for a buy, −1 for a sell: multiplies a price difference into "positive = paid more". */
export function sideSign(side: Side): 1 | -1 {
  return side === "buy" ? 1 : -1;
}

/** Σ qty of the fills. */
export function filledQtyOf(fills: readonly TcaFill[]): number {
  let q = 0;
  for (const f of fills) q += f.qty;
  return q;
}

/** Quantity-weighted average fill price; undefined without filled quantity. */
export function avgPriceOf(fills: readonly TcaFill[]): number | undefined {
  let q = 0;
  let pq = 0;
  for (const f of fills) {
    q += f.qty;
    pq += f.qty * f.price;
  }
  return q > 0 ? pq / q : undefined;
}
