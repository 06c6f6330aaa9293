/**
 * The routing decision record: everything the router knew and chose at one instant, stored
 * for the order's timeline, GET /v1/execution/decisions and the post-trade decision audit
 * (counterfactual best venue, selection error, policy regret), which needs the per-venue
 * score parts at decision time, the touch prices and the reference mid, all kept here.
 *
 * Plain data (numbers, strings, null; no undefined-valued keys), so a record survives a
 * JSON round trip through the store unchanged. Costs are bps of the reference mid, positive
 * = worse, for both sides.
 */
import type { Side } from "@/server/execution/types";
import type { SymbolId, VenueId } from "@/server/market-data/types";
import type { VenueStatus } from "@/server/market-data/venues";
import type { PenaltyInputs, RouterVersion } from "./router-versions";
import type { VenueExclusion } from "./select-candidates";

export interface DecisionScoreParts {
  /** Price vs mid: at the touch for a candidate, the leg's average price for a leg. */
  book_bps: number;
  fee_bps: number;
  latency_bps: number;
  staleness_bps: number;
  adverse_selection_bps?: number;
  reject_penalty_bps?: number;
  venue_impact_bps?: number;
  /** The sum of the parts above. */
  total_bps: number;
}

export const DECISION_CANDIDATE_STATUSES = ["chosen", "unused", "dropped_min_size", "no_depth", "capped"] as const;
export type DecisionCandidateStatus = (typeof DECISION_CANDIDATE_STATUSES)[number];

export interface DecisionCandidate {
  venue: VenueId;
  status: DecisionCandidateStatus;
  /** Which minimum dropped it (status dropped_min_size). */
  minSizeRule?: "min_qty" | "min_notional";
  /** What the sweep had allocated it when it was dropped. */
  droppedQty?: number;
  venueStatus: VenueStatus;
  /** Best price on the side the order takes. */
  touchPrice: number;
  /** The venue's own best bid and ask (null for an empty side). */
  bid: number | null;
  ask: number | null;
  /** Visible depth on the taken side. */
  depthQty: number;
  bookSeq: number;
  bookAgeMs: number;
  feeTier: string;
  ackLatencyMs: number;
  /** The score of the venue's first unit (touch), by part: what it offered before the sweep. */
  scoreParts: DecisionScoreParts;
  /** What the decision sent there (0 unless chosen). */
  allocatedQty: number;
  /** Sending the whole order here alone: fillable quantity and its book cost (null = none). */
  alone: { filledQty: number; bookBps: number | null };
  /** The model inputs behind the version's penalty parts. */
  penaltyInputs: PenaltyInputs;
}

export interface DecisionLeg {
  venue: VenueId;
  qty: number;
  /** Worst price the leg walks to: the limit of an immediate-or-cancel child. */
  limitPrice: number;
  avgPrice: number;
  levelsUsed: number;
  /** All-in score of the leg (= scoreParts.total_bps). */
  estCostBps: number;
  scoreParts: DecisionScoreParts;
}

export interface RoutingDecision {
  id: string;
  parentId: string;
  nodeOrderId: string;
  sequence: number;
  atMs: number;
  routerVersion: RouterVersion;
  /** "hash" = chosen here from the parent id; "given" = supplied by the caller (the version stored on the order, or a pin). */
  versionSource: "hash" | "given";
  symbol: SymbolId;
  side: Side;
  qty: number;
  /** Reference every cost is measured against; null when no candidate had a price. */
  mid: number | null;
  /** nbbo_mid = consolidated best bid/ask of the candidates; touch = one-sided fallback. */
  midSource: "nbbo_mid" | "touch" | "none";
  bestBid: number | null;
  bestAsk: number | null;
  sigmaPerSecond: number;
  /** Sweeps of the allocation engine behind the legs (2 for v3: plan, then impact-priced). */
  passes: number;
  candidates: DecisionCandidate[];
  exclusions: VenueExclusion[];
  legs: DecisionLeg[];
  /** Quantity-weighted all-in score of the legs, router penalties included; null without legs. */
  estCostBps: number | null;
  /** The same without the router's penalty terms: book + fee + latency + staleness. */
  estLandedCostBps: number | null;
  unfilledQty: number;
  complete: boolean;
}

/** Deterministic, collision-free decision id: the node order's id and the decision's sequence number. */
export function decisionId(nodeOrderId: string, sequence: number): string {
  return `rd_${nodeOrderId}_${sequence}`;
}
