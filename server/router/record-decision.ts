/**
 * The parts of a RoutingDecision built from the cost engine's allocation: a candidate's
 * record (score parts at its touch, status, what it would have cost alone, model inputs),
 * a leg's record (limit price from the levels the sweep walked) and the score parts under
 * the record's names.
 */
import { allocateSweep, type ScoreParts, type SweepCandidate, type SweepLeg } from "@/server/cost/allocate-sweep";
import type { SweepVenue } from "@/server/cost/greedy-sweep";
import type { VenueCostSpec } from "@/server/cost/venue-cost-spec";
import type { Side } from "@/server/execution/types";
import type { BookView } from "@/server/market-data/types";
import { touchPrice, usableLevels } from "./measure-book-side";
import { PENALTY_TERMS, type VenuePenalties } from "./router-versions";
import type { DecisionCandidate, DecisionCandidateStatus, DecisionLeg, DecisionScoreParts } from "./routing-decision";
import type { RouteCandidate } from "./select-candidates";

export interface CostedCandidate extends RouteCandidate {
  spec: VenueCostSpec;
}

export function legRecord(l: SweepLeg, book: BookView, side: Side): DecisionLeg {
  const walked = usableLevels(side === "buy" ? book.asks : book.bids);
  return {
    venue: l.venue,
    qty: l.qty,
    limitPrice: (walked[Math.max(0, l.levelsUsed - 1)] ?? { price: l.avgPrice }).price,
    avgPrice: l.avgPrice,
    levelsUsed: l.levelsUsed,
    estCostBps: l.scoreBps,
    scoreParts: toDecisionParts(l.scoreParts),
  };
}

export function candidateRecord(
  c: CostedCandidate,
  swept: SweepCandidate,
  venue: SweepVenue,
  allocatedQty: number,
  penalties: VenuePenalties | undefined,
  order: { side: Side; qty: number; mid: number },
): DecisionCandidate {
  const alone = allocateSweep({ side: order.side, qty: order.qty, mid: order.mid, venues: [venue] });
  const bookBps = signedBps(c.touchPrice, order.mid, order.side);
  const dropped = swept.status === "dropped_min_qty" || swept.status === "dropped_min_notional";
  const bid = touchPrice(c.book.bids);
  const ask = touchPrice(c.book.asks);
  return {
    venue: c.venue,
    status: candidateStatus(swept, allocatedQty),
    ...(dropped ? { minSizeRule: swept.status === "dropped_min_qty" ? ("min_qty" as const) : ("min_notional" as const) } : {}),
    ...(dropped && swept.droppedQty !== undefined ? { droppedQty: swept.droppedQty } : {}),
    venueStatus: c.venueStatus,
    touchPrice: c.touchPrice,
    bid: bid ?? null,
    ask: ask ?? null,
    depthQty: swept.depthQty,
    bookSeq: c.book.seq,
    bookAgeMs: c.bookAgeMs,
    feeTier: c.spec.feeTier,
    ackLatencyMs: c.spec.ackLatencyMs,
    scoreParts: toDecisionParts({
      priceBps: bookBps,
      feeBps: swept.feeBps,
      latencyBps: swept.latencyBps,
      stalenessBps: swept.stalenessBps,
      extraBps: swept.extraBps,
    }),
    allocatedQty,
    alone: { filledQty: alone.filledQty, bookBps: alone.filledQty > 0 ? alone.costBps : null },
    penaltyInputs: penalties?.inputs ?? {},
  };
}

function candidateStatus(swept: SweepCandidate, allocatedQty: number): DecisionCandidateStatus {
  switch (swept.status) {
    case "used":
      return allocatedQty > 0 ? "chosen" : "unused";
    case "dropped_min_qty":
    case "dropped_min_notional":
      return "dropped_min_size";
    case "no_depth":
      return "no_depth";
    case "capped":
      return "capped";
    case "unused":
      return "unused";
  }
}

/**
 * The engine's score parts under the record's names, in a fixed key order. The total is
 * the sum of the recorded parts (for a leg it equals the engine's own total).
 */
export function toDecisionParts(p: Omit<ScoreParts, "totalBps">): DecisionScoreParts {
  let total = p.priceBps + p.feeBps + p.latencyBps + p.stalenessBps;
  const extras: Partial<DecisionScoreParts> = {};
  for (const k of PENALTY_TERMS) {
    const v = p.extraBps[k];
    if (v === undefined) continue;
    extras[`${k}_bps`] = v;
    total += v;
  }
  return { book_bps: p.priceBps, fee_bps: p.feeBps, latency_bps: p.latencyBps, staleness_bps: p.stalenessBps, ...extras, total_bps: total };
}

function signedBps(price: number, mid: number, side: Side): number {
  const bps = ((price - mid) / mid) * 1e4;
  return side === "buy" ? bps : -bps;
}
