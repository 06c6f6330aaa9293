/** Test fixtures: compact RoutingDecision records with only the audited fields varied. */
import type { VenueId } from "@/server/market-data/types";
import type { DecisionCandidate, DecisionLeg, DecisionScoreParts, RoutingDecision } from "@/server/router/routing-decision";

export function parts(book: number, fee: number, latency = 0, staleness = 0): DecisionScoreParts {
  return { book_bps: book, fee_bps: fee, latency_bps: latency, staleness_bps: staleness, total_bps: book + fee + latency + staleness };
}

export function candidate(venue: VenueId, o: { touchPrice: number; scoreParts: DecisionScoreParts; ackLatencyMs: number; alone: { filledQty: number; bookBps: number | null }; chosen?: boolean }): DecisionCandidate {
  return {
    venue,
    status: o.chosen ? "chosen" : "unused",
    venueStatus: "ok",
    touchPrice: o.touchPrice,
    bid: null,
    ask: o.touchPrice,
    depthQty: o.alone.filledQty,
    bookSeq: 1,
    bookAgeMs: 0,
    feeTier: "base",
    ackLatencyMs: o.ackLatencyMs,
    scoreParts: o.scoreParts,
    allocatedQty: 0,
    alone: o.alone,
    penaltyInputs: {},
  };
}

export function leg(venue: VenueId, qty: number, avgPrice: number, scoreParts: DecisionScoreParts): DecisionLeg {
  return { venue, qty, limitPrice: avgPrice, avgPrice, levelsUsed: 1, estCostBps: scoreParts.total_bps, scoreParts };
}

export function decision(o: Partial<RoutingDecision> & Pick<RoutingDecision, "id" | "atMs" | "qty" | "mid" | "candidates" | "legs">): RoutingDecision {
  return {
    parentId: "p1",
    nodeOrderId: "n1",
    sequence: 0,
    routerVersion: "v2",
    versionSource: "hash",
    symbol: "BTC-USD",
    side: "buy",
    midSource: "nbbo_mid",
    bestBid: null,
    bestAsk: null,
    sigmaPerSecond: 1e-4,
    passes: 1,
    exclusions: [],
    estCostBps: null,
    estLandedCostBps: null,
    unfilledQty: 0,
    complete: true,
    ...o,
  };
}
