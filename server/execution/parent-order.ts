/**
 * A working parent (node) order as the sandbox runner tracks it in memory. Its durable
 * history is the event log in the store; this is the runner's view for deciding what to
 * send next.
 */
import type { SymbolId, VenueId } from "@/server/market-data/types";
import type { PacedSlice } from "./expand-pacing";
import type { OrderRejectReason } from "./order-reject-reasons";
import type { Side, Urgency } from "./types";

export type ParentPolicy = "sor" | "aggressive_chase";

export interface ParentOrder {
  orderId: string;
  nodeOrderId: string;
  deskId: string;
  symbol: SymbolId;
  side: Side;
  qty: number;
  limitPrice: number | undefined;
  /** Direct-to-venue order; undefined = the smart order router chooses. */
  venue: VenueId | undefined;
  excludeVenues: readonly VenueId[];
  policy: ParentPolicy;
  urgency: Urgency;
  routerVersion: "v1" | "v2" | "v3";
  /** TWAP schedule; undefined = work the whole quantity at once. */
  slices: PacedSlice[] | undefined;
  /** Waiting for a graph edge to trigger it. */
  waiting: boolean;
  startedAtMs: number | undefined;
  arrivalMid: number | undefined;
  filled: number;
  notional: number;
  feesUsd: number;
  /**
   * Children logged and not yet done: childId → open quantity. `sent` is false while the
   * child's child_sent event is not yet durable (write-ahead: nothing reaches a venue before
   * the log says it was sent); `cancelled` marks one pulled before it was sent.
   */
  open: Map<string, OpenChild>;
  /**
   * Children logged so far (child_sent events in the log); the next child is
   * `${nodeOrderId}-c${childSeq + 1}`, so ids continue across restarts instead of repeating.
   */
  childSeq: number;
  nextActionAtMs: number;
  decisions: number;
  emptyRoutes: number;
  /** Set while paused: no new children, no schedule; the time it was paused. */
  pausedAtMs?: number | undefined;
  cancelRequested: boolean;
  cancelReason?: OrderRejectReason | undefined;
  /** Set when the system stops the order (its children are pulled, then it ends FAILED with this reason). */
  failReason?: OrderRejectReason | undefined;
  final: boolean;
}

export interface OpenChild {
  venue: VenueId;
  qty: number;
  resting: boolean;
  sent: boolean;
  cancelled: boolean;
}

/** Below this share of the order the remainder is dust no venue would take. */
export const DUST_FRACTION = 1e-9;

export function remainingQty(p: ParentOrder): number {
  const r = p.qty - p.filled;
  return r > p.qty * DUST_FRACTION ? r : 0;
}

export function openQty(p: ParentOrder): number {
  let q = 0;
  for (const c of p.open.values()) q += c.qty;
  return q;
}

/** Quantity the schedule allows to be worked by now (everything when not paced). */
export function releasedQty(p: ParentOrder, nowMs: number): number {
  if (!p.slices) return p.qty;
  let due = 0;
  for (const s of p.slices) if (s.dueAtMs <= nowMs) due += s.qty;
  return Math.min(p.qty, due);
}
