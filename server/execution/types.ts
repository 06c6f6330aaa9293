/**
 * Shapes shared by the matching engine, the simulated market paths and the strategies.
 * Quantities and prices are human floats, as in market-data/types.ts.
 *
 * Side, Urgency and StrategyName mirror lib/contracts/pretrade.ts on purpose (structurally
 * identical string unions) so this domain code does not depend on the HTTP contract's
 * evolution; the intelligence layer maps between them.
 */
import type { BookView, SymbolId, VenueId } from "@/server/market-data/types";

export type Side = "buy" | "sell";
export type Urgency = "low" | "medium" | "high";

export const STRATEGY_NAMES = ["aggressive", "passive", "split"] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export type ChildOrderType = "market" | "limit";
export type TimeInForce = "ioc" | "gtc";

/** One order sent to one venue. `market` orders are always immediate-or-cancel. */
export interface ChildOrder {
  id: string;
  venue: VenueId;
  symbol: SymbolId;
  side: Side;
  type: ChildOrderType;
  qty: number;
  /** Required for `limit`. */
  limitPrice?: number;
  /** A limit that would take liquidity on arrival is rejected instead. */
  postOnly?: boolean;
  timeInForce: TimeInForce;
  /** Market-clock time the order left us; it reaches the venue one ack latency later. */
  sentAtMs: number;
}

/**
 * Why a venue refused an order. Closed set: the sandbox and the order log store these.
 * EXCHANGE_REJECT / EXCHANGE_BUSY are the random venue-side rejects (overload, risk
 * checks we cannot see); the rest are deterministic checks a real venue also makes.
 */
export const REJECT_REASONS = [
  "EXCHANGE_REJECT",
  "EXCHANGE_BUSY",
  "POST_ONLY_WOULD_CROSS",
  "BELOW_MIN_SIZE",
  "INVALID_QTY",
  "INVALID_PRICE",
  "UNKNOWN_INSTRUMENT",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type Liquidity = "maker" | "taker";
/** ioc_residual: the unfilled rest of an IOC/market order (the book ran out or the limit was reached). */
export type CancelReason = "ioc_residual" | "requested";
export type ChildFinalStatus = "filled" | "cancelled" | "rejected";

export interface AckEvent {
  type: "ack";
  childId: string;
  venue: VenueId;
  tsMs: number;
}

export interface RejectEvent {
  type: "reject";
  childId: string;
  venue: VenueId;
  reason: RejectReason;
  tsMs: number;
}

export interface FillEvent {
  type: "fill";
  /** Unique per engine. */
  id: string;
  childId: string;
  venue: VenueId;
  side: Side;
  qty: number;
  price: number;
  liquidity: Liquidity;
  feeBps: number;
  tsMs: number;
}

export interface CancelEvent {
  type: "cancel";
  childId: string;
  venue: VenueId;
  /** Quantity that was still open and is now cancelled. */
  qty: number;
  reason: CancelReason;
  tsMs: number;
}

/** A cancel that reached the venue after the order had already finished. */
export interface CancelRejectEvent {
  type: "cancel_reject";
  childId: string;
  venue: VenueId;
  reason: "ORDER_NOT_WORKING";
  tsMs: number;
}

/** Always the last event of a child. */
export interface DoneEvent {
  type: "done";
  childId: string;
  venue: VenueId;
  status: ChildFinalStatus;
  filledQty: number;
  avgPrice: number | null;
  tsMs: number;
}

export type ExecutionEvent = AckEvent | RejectEvent | FillEvent | CancelEvent | CancelRejectEvent | DoneEvent;

export interface Leg {
  venue: VenueId;
  qty: number;
}

/**
 * Splits a quantity across venues' books (in production: the cost engine's multi-venue
 * sweep, injected; this folder never allocates across venues itself).
 */
export type PlanLegs = (books: readonly BookView[], side: Side, qty: number) => readonly Leg[];

/**
 * What limited a scenario: time ran out, visible depth ran out, a residual fell below a
 * venue's minimum order, the caller removed venues, or only passive strategies were allowed.
 */
export const BINDING_CONSTRAINTS = ["horizon", "depth", "venue_min_size", "exclude_venues", "passive_only"] as const;
export type BindingConstraint = (typeof BINDING_CONSTRAINTS)[number];
