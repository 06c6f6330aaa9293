/**
 * A working parent (node) order as the sandbox runner tracks it in memory. Its durable
 * history is the event log in the store; this is the runner's view for deciding what to
 * send next.
 */
import type { SymbolId, VenueId } from "@/server/market-data/types";
import type { PacedSlice } from "./expand-pacing";
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
  /** Children sent and not yet done: childId → open quantity. */
  open: Map<string, { venue: VenueId; qty: number; resting: boolean }>;
  nextActionAtMs: number;
  decisions: number;
  emptyRoutes: number;
  /** Set while paused: no new children, no schedule; the time it was paused. */
  pausedAtMs?: number | undefined;
  cancelRequested: boolean;
  cancelReason?: string | undefined;
  final: boolean;
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
