/**
 * The order state machine, as a pure reducer over the order's append-only event log.
 *
 * Rules beyond the transition table, each there to keep the accounting honest:
 * - a fill id already applied is ignored (the same object comes back), so venues and
 *   reconnects may report a fill twice;
 * - filled never exceeds ordered, for the order and for each child; an over-fill is
 *   refused with OverfillError, never clamped, because clamping would hide a real
 *   position difference from the desk;
 * - child reports (ack, reject, fill, cancel) need a child we sent; a child that was
 *   rejected or cancelled takes no more fills;
 * - COMPLETED, CANCELLED and REJECTED need every child finished first (cancel, then
 *   confirm), so no fill can arrive after them. FAILED does not: it means we lost track,
 *   and a fill that still arrives afterwards is a fact the desk must see.
 */
import { IllegalTransitionError, OrderEventError, OverfillError } from "./order-errors";
import type { OrderEvent, OrderEventKind, OrderFillEvent } from "./order-events";
import type { OrderRejectReason } from "./order-reject-reasons";
import type { VenueId } from "@/server/market-data/types";

export { ORDER_REJECT_REASONS, type OrderRejectReason } from "./order-reject-reasons";

export const ORDER_STATUSES = ["ACCEPTED", "RUNNING", "PAUSED", "COMPLETED", "CANCELLED", "REJECTED", "FAILED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Still the router's business: what restart recovery picks up again. */
export const WORKING_ORDER_STATUSES = ["ACCEPTED", "RUNNING", "PAUSED"] as const satisfies readonly OrderStatus[];

/** The legal status changes; anything else is an IllegalTransitionError. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  ACCEPTED: ["RUNNING", "PAUSED", "CANCELLED", "REJECTED", "FAILED"],
  // REJECTED from RUNNING only while nothing has filled (every venue refused the children).
  RUNNING: ["PAUSED", "COMPLETED", "CANCELLED", "REJECTED", "FAILED"],
  // COMPLETED from PAUSED: children already on the venues may fill the rest while paused.
  PAUSED: ["RUNNING", "COMPLETED", "CANCELLED", "FAILED"],
  COMPLETED: [],
  CANCELLED: [],
  REJECTED: [],
  FAILED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isTerminalStatus(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

const TARGET_STATUS: Partial<Record<OrderEventKind, OrderStatus>> = {
  accepted: "ACCEPTED",
  started: "RUNNING",
  resumed: "RUNNING",
  paused: "PAUSED",
  completed: "COMPLETED",
  cancelled: "CANCELLED",
  rejected: "REJECTED",
  failed: "FAILED",
};

/** The status an event moves the order to; undefined for events that leave it alone. */
export function targetStatusOf(kind: OrderEventKind): OrderStatus | undefined {
  return TARGET_STATUS[kind];
}

export type ChildStatus = "working" | "filled" | "cancelled" | "rejected";

export interface ChildState {
  readonly childId: string;
  readonly venue: VenueId;
  readonly qtyE8: bigint;
  readonly filledE8: bigint;
  readonly acked: boolean;
  readonly status: ChildStatus;
  readonly rejectReason: OrderRejectReason | null;
}

export interface OrderState {
  readonly status: OrderStatus;
  readonly qtyE8: bigint;
  readonly filledE8: bigint;
  /** Σ fill qtyE8 × priceE9 (scale 1e17): divided by filledE8 it is the average price. */
  readonly notionalE17: bigint;
  readonly feesE9: bigint;
  /**
   * Why a REJECTED, FAILED or system-CANCELLED order stopped; null while it works, once it
   * completes, and for a cancel the client asked for.
   */
  readonly rejectReason: OrderRejectReason | null;
  /** The `failed` event's operator text (never shown to clients). */
  readonly failure: string | null;
  readonly cancelRequestedAtMs: number | null;
  readonly acceptedAtMs: number;
  readonly updatedAtMs: number;
  readonly workingChildren: number;
  readonly children: ReadonlyMap<string, ChildState>;
  readonly fillIds: ReadonlySet<string>;
}

/**
 * Applies one event; throws OrderEventError (or a subclass) instead of applying an
 * illegal one. A fill whose id was already applied (or a repeated child ack) returns
 * `state` itself, so callers can tell a duplicate by identity and skip appending it.
 */
export function applyOrderEvent(state: OrderState | null, event: OrderEvent): OrderState {
  return step(state, event, false);
}

/**
 * `owned` lets deriveOrder grow one private Map/Set in place instead of copying them per
 * event (quadratic on long TWAPs); applyOrderEvent never mutates what it was given.
 */
function step(state: OrderState | null, event: OrderEvent, owned: boolean): OrderState {
  if (state === null) return startLog(event);
  if (event.kind === "accepted") throw new IllegalTransitionError(state.status, "ACCEPTED", event.kind);
  const next = applyToLog(state, event, owned);
  return next === state ? state : { ...next, updatedAtMs: Math.max(state.updatedAtMs, event.atMs) };
}

function startLog(event: OrderEvent): OrderState {
  if (event.kind !== "accepted") {
    throw new OrderEventError("FIRST_EVENT_NOT_ACCEPTED", event.kind, null, `an order log starts with accepted, not ${event.kind}`);
  }
  if (event.qtyE8 <= 0n) throw new OrderEventError("INVALID_AMOUNT", event.kind, null, "ordered quantity must be > 0");
  return {
    status: "ACCEPTED",
    qtyE8: event.qtyE8,
    filledE8: 0n,
    notionalE17: 0n,
    feesE9: 0n,
    rejectReason: null,
    failure: null,
    cancelRequestedAtMs: null,
    acceptedAtMs: event.atMs,
    updatedAtMs: event.atMs,
    workingChildren: 0,
    children: new Map(),
    fillIds: new Set(),
  };
}

function applyToLog(state: OrderState, event: Exclude<OrderEvent, { kind: "accepted" }>, owned: boolean): OrderState {
  switch (event.kind) {
    // The transition itself is checked first, so an illegal one is always reported as such.
    case "started":
    case "resumed":
    case "paused": {
      const moved = moveTo(state, event);
      refuseWhileCancelPending(state, event.kind);
      return moved;
    }
    case "completed": {
      const moved = moveTo(state, event);
      if (state.filledE8 === 0n) refuse(state, event.kind, "NOTHING_FILLED", "an order with no fills cannot complete");
      refuseWhileChildrenWork(state, event.kind);
      const unfilled = state.qtyE8 - state.filledE8;
      if (event.dustE8 !== undefined && event.dustE8 !== unfilled) {
        refuse(state, event.kind, "INVALID_AMOUNT", `completed with dust ${event.dustE8}e-8 but ${unfilled}e-8 is unfilled`);
      }
      return moved;
    }
    case "cancelled": {
      const moved = moveTo(state, event);
      refuseWhileChildrenWork(state, event.kind);
      return { ...moved, rejectReason: event.reason };
    }
    case "rejected": {
      const moved = moveTo(state, event);
      if (state.filledE8 > 0n) refuse(state, event.kind, "HAS_FILLS", "a partly filled order is cancelled or failed, not rejected");
      refuseWhileChildrenWork(state, event.kind);
      return { ...moved, rejectReason: event.reason };
    }
    case "failed":
      return { ...moveTo(state, event), rejectReason: event.reason, failure: event.error };
    case "cancel_requested":
      if (isTerminalStatus(state.status)) refuse(state, event.kind, "NOT_ALLOWED_IN_STATE", `order is already ${state.status}`);
      // A repeated request is harmless; the first one is when the desk asked.
      return { ...state, cancelRequestedAtMs: state.cancelRequestedAtMs ?? event.atMs };
    case "child_sent":
      return sendChild(state, event, owned);
    case "child_acked": {
      const child = knownChild(state, event.kind, event.childId);
      if (child.status === "rejected") refuse(state, event.kind, "CHILD_NOT_WORKING", `child ${child.childId} was rejected`);
      return child.acked ? state : withChild(state, { ...child, acked: true }, owned);
    }
    case "child_rejected": {
      const child = workingChild(state, event.kind, event.childId);
      if (child.filledE8 > 0n) refuse(state, event.kind, "HAS_FILLS", `child ${child.childId} already has fills`);
      return withChild(state, { ...child, status: "rejected", rejectReason: event.reason }, owned);
    }
    case "child_cancelled": {
      const child = workingChild(state, event.kind, event.childId);
      if (event.qtyE8 < 0n || event.qtyE8 > child.qtyE8 - child.filledE8) {
        refuse(state, event.kind, "INVALID_AMOUNT", `cancelled quantity ${event.qtyE8}e-8 exceeds child ${child.childId}'s open quantity`);
      }
      return withChild(state, { ...child, status: "cancelled" }, owned);
    }
    case "fill":
      return applyFill(state, event, owned);
  }
}

function moveTo(state: OrderState, event: OrderEvent): OrderState {
  const to = TARGET_STATUS[event.kind];
  if (to === undefined) throw new Error(`${event.kind} is not a status event`);
  const from = state.status;
  const wrongStart = (event.kind === "started" && from !== "ACCEPTED") || (event.kind === "resumed" && from !== "PAUSED");
  if (wrongStart || !canTransition(from, to)) throw new IllegalTransitionError(from, to, event.kind);
  return { ...state, status: to };
}

function sendChild(state: OrderState, event: Extract<OrderEvent, { kind: "child_sent" }>, owned: boolean): OrderState {
  // Paused and not-yet-started orders send nothing; a cancelling order sends nothing new.
  if (state.status !== "RUNNING") refuse(state, event.kind, "NOT_ALLOWED_IN_STATE", `cannot send a child while ${state.status}`);
  refuseWhileCancelPending(state, event.kind);
  if (state.children.has(event.childId)) refuse(state, event.kind, "DUPLICATE_CHILD", `child ${event.childId} was already sent`);
  if (event.qtyE8 <= 0n) refuse(state, event.kind, "INVALID_AMOUNT", "child quantity must be > 0");
  const child: ChildState = {
    childId: event.childId,
    venue: event.venue,
    qtyE8: event.qtyE8,
    filledE8: 0n,
    acked: false,
    status: "working",
    rejectReason: null,
  };
  return withChild(state, child, owned);
}

function applyFill(state: OrderState, fill: OrderFillEvent, owned: boolean): OrderState {
  if (state.fillIds.has(fill.fillId)) return state;
  const child = workingChild(state, fill.kind, fill.childId);
  if (fill.venue !== child.venue) {
    refuse(state, fill.kind, "VENUE_MISMATCH", `fill ${fill.fillId} is from ${fill.venue}, child ${child.childId} went to ${child.venue}`);
  }
  if (fill.qtyE8 <= 0n || fill.priceE9 <= 0n) refuse(state, fill.kind, "INVALID_AMOUNT", `fill ${fill.fillId} needs qty > 0 and price > 0`);
  if (state.filledE8 + fill.qtyE8 > state.qtyE8) {
    throw new OverfillError(state.status, fill.fillId, null, state.qtyE8, state.filledE8, fill.qtyE8);
  }
  if (child.filledE8 + fill.qtyE8 > child.qtyE8) {
    throw new OverfillError(state.status, fill.fillId, child.childId, child.qtyE8, child.filledE8, fill.qtyE8);
  }
  const childFilled = child.filledE8 + fill.qtyE8;
  const fillIds = owned ? (state.fillIds as Set<string>) : new Set(state.fillIds);
  fillIds.add(fill.fillId);
  const next = withChild(state, { ...child, filledE8: childFilled, status: childFilled === child.qtyE8 ? "filled" : "working" }, owned);
  return {
    ...next,
    fillIds,
    filledE8: state.filledE8 + fill.qtyE8,
    notionalE17: state.notionalE17 + fill.qtyE8 * fill.priceE9,
    feesE9: state.feesE9 + fill.feeE9,
  };
}

function withChild(state: OrderState, child: ChildState, owned: boolean): OrderState {
  const before = state.children.get(child.childId);
  const children = owned ? (state.children as Map<string, ChildState>) : new Map(state.children);
  children.set(child.childId, child);
  const wasWorking = before?.status === "working" ? 1 : 0;
  const isWorking = child.status === "working" ? 1 : 0;
  return { ...state, children, workingChildren: state.workingChildren - wasWorking + isWorking };
}

function knownChild(state: OrderState, kind: OrderEventKind, childId: string): ChildState {
  const child = state.children.get(childId);
  if (!child) refuse(state, kind, "UNKNOWN_CHILD", `no child ${childId} was sent`);
  return child;
}

function workingChild(state: OrderState, kind: OrderEventKind, childId: string): ChildState {
  const child = knownChild(state, kind, childId);
  if (child.status === "rejected" || child.status === "cancelled") {
    refuse(state, kind, "CHILD_NOT_WORKING", `child ${childId} is ${child.status}`);
  }
  return child;
}

function refuseWhileCancelPending(state: OrderState, kind: OrderEventKind): void {
  if (state.cancelRequestedAtMs !== null) refuse(state, kind, "CANCEL_PENDING", "a cancel was requested");
}

function refuseWhileChildrenWork(state: OrderState, kind: OrderEventKind): void {
  if (state.workingChildren > 0) refuse(state, kind, "CHILDREN_WORKING", `${state.workingChildren} child order(s) still working`);
}

function refuse(state: OrderState, kind: OrderEventKind, code: OrderEventError["code"], message: string): never {
  throw new OrderEventError(code, kind, state.status, message);
}

export interface TimelineEntry {
  /** Position in the log (0-based); duplicates (fills, acks) are skipped and leave gaps. */
  index: number;
  atMs: number;
  kind: OrderEventKind;
  /** Status right after this event. */
  status: OrderStatus;
  event: OrderEvent;
}

export interface OrderSummary {
  status: OrderStatus;
  qtyE8: bigint;
  filledE8: bigint;
  /** Still to be worked: 0 once COMPLETED (what a completed order left is dust, below). */
  residualE8: bigint;
  /** See dustQtyE8. */
  dustE8: bigint;
  /** Rounded half up to 1e-9; null before the first fill. */
  avgPriceE9: bigint | null;
  feesE9: bigint;
  /** As OrderState.rejectReason: set for REJECTED, FAILED and system-CANCELLED orders. */
  rejectReason: OrderRejectReason | null;
  failure: string | null;
  cancelRequestedAtMs: number | null;
  acceptedAtMs: number;
  updatedAtMs: number;
  workingChildren: number;
}

export interface DerivedOrder extends OrderSummary {
  timeline: TimelineEntry[];
  /** To continue with applyOrderEvent as new events arrive. */
  state: OrderState;
}

/**
 * Dust, defined once for the order view, Live, Review and the CSV: what a COMPLETED order
 * left unfilled. An order completes short only when its remainder was below every allowed
 * venue's minimum order size (the runner's rule, measure-dust.ts), and the completed event
 * states that same figure; any other status has no dust (its remainder is still working,
 * or was cancelled, rejected or failed).
 */
export function dustQtyE8(status: OrderStatus, qtyE8: bigint, filledE8: bigint): bigint {
  return status === "COMPLETED" && qtyE8 > filledE8 ? qtyE8 - filledE8 : 0n;
}

/** What is still to be worked (or was never worked, for a stopped order); none once COMPLETED. */
export function residualQtyE8(status: OrderStatus, qtyE8: bigint, filledE8: bigint): bigint {
  return status === "COMPLETED" ? 0n : qtyE8 - filledE8;
}

export function summarizeOrder(state: OrderState): OrderSummary {
  return {
    status: state.status,
    qtyE8: state.qtyE8,
    filledE8: state.filledE8,
    residualE8: residualQtyE8(state.status, state.qtyE8, state.filledE8),
    dustE8: dustQtyE8(state.status, state.qtyE8, state.filledE8),
    avgPriceE9: state.filledE8 === 0n ? null : (state.notionalE17 * 2n + state.filledE8) / (state.filledE8 * 2n),
    feesE9: state.feesE9,
    rejectReason: state.rejectReason,
    failure: state.failure,
    cancelRequestedAtMs: state.cancelRequestedAtMs,
    acceptedAtMs: state.acceptedAtMs,
    updatedAtMs: state.updatedAtMs,
    workingChildren: state.workingChildren,
  };
}

/**
 * Replays a whole log. Throws the reducer's error if the log holds an event that should
 * never have been appended (the writer validates with applyOrderEvent first), and on an
 * empty log, which no stored order has.
 */
export function deriveOrder(events: readonly OrderEvent[]): DerivedOrder {
  let state: OrderState | null = null;
  const timeline: TimelineEntry[] = [];
  for (const [index, event] of events.entries()) {
    // The Map and Set in `state` were created by this replay, so growing them in place is safe.
    const next = step(state, event, true);
    if (next === state) continue;
    state = next;
    timeline.push({ index, atMs: event.atMs, kind: event.kind, status: next.status, event });
  }
  if (state === null) throw new OrderEventError("FIRST_EVENT_NOT_ACCEPTED", "accepted", null, "an order log cannot be empty");
  return { ...summarizeOrder(state), timeline, state };
}
