/**
 * Landed cost per venue (ARCHITECTURE.md "Cost models"): what taking the whole order on one
 * venue costs all-in, in bps of the reference mid, as four reported parts and their sum:
 *
 *   landed = book (walkBook vs mid) + taker fee + latency risk (σ over the ack latency)
 *          + staleness (σ over the book's age)
 *
 * The two risk parts use moveRiskBps (risk-premium.ts, Bachelier / Moallemi–Sağlam). The
 * total is computed as exactly that sum, in that order, so a consumer re-adding the parts
 * gets the same number. Fees are bps of notional and are added to bps of mid as-is (the
 * difference is fee × cost, below 0.01 bps for any realistic book).
 */
import type { BookView, VenueId } from "@/server/market-data/types";
import { walkBook, type BookWalk } from "./book-walk";
import { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "./risk-premium";
import type { Side } from "./side";
import type { VenueCostSpec } from "./venue-cost-spec";

export interface LandedCostContext {
  side: Side;
  qty: number;
  /** Common reference (the NBBO mid) so venues compare; default each book's own mid. */
  mid?: number;
  sigmaPerSecond: number;
  nowMs: number;
  /** Multiplier on σ·√t for both risk parts (default E[max(0, Z)] ≈ 0.399). */
  riskMultiplier?: number;
}

export interface LandedCost {
  venue: VenueId;
  bookCostBps: number;
  feeBps: number;
  latencyCostBps: number;
  stalenessBps: number;
  /** bookCostBps + feeBps + latencyCostBps + stalenessBps, summed in that order. */
  landedCostBps: number;
  ackLatencyMs: number;
  ageMs: number;
  /** False when the venue's visible depth cannot fill the order: costs then cover the fillable part. */
  complete: boolean;
  filledQty: number;
  shortfallQty: number;
  walk: BookWalk;
}

export interface RankedLandedCost extends LandedCost {
  /** 1 = cheapest landed; undefined when the venue cannot fill any of the order. */
  rank: number | undefined;
}

export function landedCost(book: BookView, spec: VenueCostSpec, ctx: LandedCostContext): LandedCost {
  const walk = walkBook(book, ctx.side, ctx.qty, ctx.mid);
  const multiplier = ctx.riskMultiplier ?? EXPECTED_ADVERSE_MOVE;
  const ageMs = Math.max(0, ctx.nowMs - book.updatedAtMs);
  const bookCostBps = walk.costBps;
  const feeBps = spec.feeBps;
  const latencyCostBps = moveRiskBps(ctx.sigmaPerSecond, spec.ackLatencyMs, multiplier);
  const stalenessBps = moveRiskBps(ctx.sigmaPerSecond, ageMs, multiplier);
  return {
    venue: book.venue,
    bookCostBps,
    feeBps,
    latencyCostBps,
    stalenessBps,
    landedCostBps: bookCostBps + feeBps + latencyCostBps + stalenessBps,
    ackLatencyMs: spec.ackLatencyMs,
    ageMs,
    complete: walk.complete,
    filledQty: walk.filledQty,
    shortfallQty: walk.shortfallQty,
    walk,
  };
}

/**
 * Landed cost of every venue with a spec, cheapest first. Ranks follow landedCostBps
 * (ties: venue id); a venue that cannot fill any of the order is listed last, unranked,
 * because a zero-quantity "cost" would otherwise look cheapest.
 */
export function rankVenuesByLandedCost(
  books: readonly BookView[],
  specs: readonly VenueCostSpec[],
  ctx: LandedCostContext,
): RankedLandedCost[] {
  const byVenue = new Map<VenueId, VenueCostSpec>();
  for (const s of specs) byVenue.set(s.venue, s);
  const rows: LandedCost[] = [];
  for (const book of books) {
    const spec = byVenue.get(book.venue);
    if (spec) rows.push(landedCost(book, spec, ctx));
  }
  const fillable = rows.filter((r) => r.filledQty > 0 || ctx.qty === 0);
  const empty = rows.filter((r) => !(r.filledQty > 0 || ctx.qty === 0));
  fillable.sort((a, b) => a.landedCostBps - b.landedCostBps || compareIds(a.venue, b.venue));
  empty.sort((a, b) => compareIds(a.venue, b.venue));
  return [...fillable.map((r, i) => ({ ...r, rank: i + 1 })), ...empty.map((r) => ({ ...r, rank: undefined }))];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
