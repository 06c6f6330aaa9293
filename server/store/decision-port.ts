/**
 * Storage port for routing decisions: every time the router splits a node across venues,
 * what it saw (candidates and their score parts in bps), what it ruled out and why, what
 * it chose and what it expected to pay, so a review can audit the choice later.
 */
import type { SymbolId, VenueId } from "@/lib/contracts/common";
import type { Side } from "@/server/execution/types";

export interface DecisionCandidate {
  venue: VenueId;
  /** Total landed score, bps. */
  scoreBps: number;
  /** Its parts in bps (book, fee, latency, staleness, …); the router names them. */
  partsBps: Readonly<Record<string, number>>;
}

export interface DecisionExclusion {
  venue: VenueId;
  reason: string;
}

export interface DecisionLeg {
  venue: VenueId;
  qtyE8: bigint;
  /** Expected average price of the leg; null when the router prices legs only in bps. */
  estPriceE9: bigint | null;
  estCostBps: number;
}

export interface NewRoutingDecision {
  /** Chosen by the caller when it must refer to the decision later (its repeats); else generated. */
  id?: string;
  orderId: string;
  nodeOrderId: string;
  deskId: string;
  atMs: number;
  routerVersion: string;
  symbol: SymbolId;
  side: Side;
  qtyE8: bigint;
  candidates: readonly DecisionCandidate[];
  exclusions: readonly DecisionExclusion[];
  legs: readonly DecisionLeg[];
  /** null when nothing could be routed. */
  estCostBps: number | null;
  /** The router's full record as plain JSON data (what the audit recomputes from); stored as is. */
  detail?: unknown;
}

export interface RoutingDecisionRecord extends NewRoutingDecision {
  id: string;
  detail: unknown;
  /** Later decisions of the order that repeated this one (same legs, candidates and exclusions) and were not stored. */
  repeatCount: number;
  lastRepeatAtMs: number | null;
}

export interface DecisionRepeats {
  id: string;
  /** Total repeats so far (not an increment): rewriting it is idempotent. */
  count: number;
  lastAtMs: number;
}

export interface DecisionListQuery {
  nodeOrderId?: string;
  /** How many of the newest to return. */
  lastN: number;
}

export interface DecisionStore {
  insertDecision(decision: NewRoutingDecision): Promise<RoutingDecisionRecord>;
  /** Sets how often a stored decision was repeated since (see DecisionRepeats). */
  recordDecisionRepeats(repeats: readonly DecisionRepeats[]): Promise<void>;
  /** Newest first (at_ms, then id, descending); desk-scoped. */
  listDecisions(deskId: string, query: DecisionListQuery): Promise<RoutingDecisionRecord[]>;
}
