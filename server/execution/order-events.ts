/**
 * The append-only log of one order (a simple order, a graph node or a slice). Its state,
 * fills and timeline are derived from these events (order-states.ts), never edited in
 * place, so a review can always show how the order got where it is.
 *
 * Quantities and money are fixed-point bigints (`E8` quantity, `E9` price and quote
 * currency, as in lib/units.ts): accounting compares sums exactly, so "filled never
 * exceeds ordered" cannot be broken by float rounding.
 */
import type { VenueId } from "@/server/market-data/types";
import type { OrderRejectReason } from "./order-reject-reasons";
import type { Liquidity } from "./types";

export const ORDER_EVENT_KINDS = [
  "accepted",
  "started",
  "paused",
  "resumed",
  "child_sent",
  "child_acked",
  "child_rejected",
  "fill",
  "child_cancelled",
  "cancel_requested",
  "completed",
  "cancelled",
  "rejected",
  "failed",
] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

interface EventAt {
  /** When it happened on the service clock, epoch ms. */
  atMs: number;
}

/** Always the first event: fixes the ordered quantity every fill is checked against. */
export interface AcceptedEvent extends EventAt {
  kind: "accepted";
  qtyE8: bigint;
}

export interface StartedEvent extends EventAt {
  kind: "started";
}

export interface PausedEvent extends EventAt {
  kind: "paused";
  /** API key that asked, null when the system paused it. */
  byKeyId: string | null;
}

export interface ResumedEvent extends EventAt {
  kind: "resumed";
  byKeyId: string | null;
}

export interface ChildSentEvent extends EventAt {
  kind: "child_sent";
  childId: string;
  venue: VenueId;
  qtyE8: bigint;
  /** null for a market order. */
  limitPriceE9: bigint | null;
  /** The routing decision that chose this leg, for the audit trail. */
  decisionId: string | null;
  /**
   * Consolidated mid of the books the runner sent this child against (absent in logs
   * written before it was recorded): the first send's is the order's arrival mid.
   */
  midE9?: bigint | null;
}

export interface ChildAckedEvent extends EventAt {
  kind: "child_acked";
  childId: string;
}

export interface ChildRejectedEvent extends EventAt {
  kind: "child_rejected";
  childId: string;
  reason: OrderRejectReason;
}

export interface OrderFillEvent extends EventAt {
  kind: "fill";
  /** Venue/engine fill id: the same fill reported twice is counted once. */
  fillId: string;
  childId: string;
  venue: VenueId;
  qtyE8: bigint;
  priceE9: bigint;
  /** Quote currency; negative for a maker rebate. */
  feeE9: bigint;
  liquidity: Liquidity;
}

export interface ChildCancelledEvent extends EventAt {
  kind: "child_cancelled";
  childId: string;
  /** Quantity that was still open on the venue and is now cancelled. */
  qtyE8: bigint;
}

/** A request, not the outcome: children are cancelled first, then `cancelled` follows. */
export interface CancelRequestedEvent extends EventAt {
  kind: "cancel_requested";
  byKeyId: string | null;
}

export interface CompletedEvent extends EventAt {
  kind: "completed";
  /**
   * What was left unfilled because no venue the order may use would accept so small an
   * order (measure-dust.ts): always ordered − filled. Absent in logs written before dust
   * was recorded; the reducer derives the same figure from the log either way.
   */
  dustE8?: bigint;
}

export interface CancelledEvent extends EventAt {
  kind: "cancelled";
  /** Set when the system cancelled (e.g. KILL_SWITCH); null when the client asked. */
  reason: OrderRejectReason | null;
}

export interface RejectedEvent extends EventAt {
  kind: "rejected";
  reason: OrderRejectReason;
}

export interface FailedEvent extends EventAt {
  kind: "failed";
  /** What clients see: why the order stopped. */
  reason: OrderRejectReason;
  /** For operators; never shown to API clients verbatim. */
  error: string;
}

export type OrderEvent =
  | AcceptedEvent
  | StartedEvent
  | PausedEvent
  | ResumedEvent
  | ChildSentEvent
  | ChildAckedEvent
  | ChildRejectedEvent
  | OrderFillEvent
  | ChildCancelledEvent
  | CancelRequestedEvent
  | CompletedEvent
  | CancelledEvent
  | RejectedEvent
  | FailedEvent;
