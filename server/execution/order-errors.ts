/**
 * Typed refusals of the order reducer. An event that would break the order's rules is
 * never applied (and so never appended to the log); callers map these to 409 CONFLICT
 * or, for events produced by our own engine, treat them as a bug to alert on.
 */
import type { OrderEventKind } from "./order-events";
import type { OrderStatus } from "./order-states";

export type OrderEventRefusal =
  | "FIRST_EVENT_NOT_ACCEPTED"
  | "ILLEGAL_TRANSITION"
  | "NOT_ALLOWED_IN_STATE"
  | "CANCEL_PENDING"
  | "UNKNOWN_CHILD"
  | "DUPLICATE_CHILD"
  | "CHILD_NOT_WORKING"
  | "CHILDREN_WORKING"
  | "VENUE_MISMATCH"
  | "INVALID_AMOUNT"
  | "NOTHING_FILLED"
  | "HAS_FILLS"
  | "OVERFILL";

export class OrderEventError extends Error {
  override readonly name: string = "OrderEventError";

  constructor(
    readonly code: OrderEventRefusal,
    readonly eventKind: OrderEventKind,
    /** Status before the event; null when the log is empty. */
    readonly status: OrderStatus | null,
    message: string,
  ) {
    super(message);
  }
}

export class IllegalTransitionError extends OrderEventError {
  override readonly name = "IllegalTransitionError";

  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    eventKind: OrderEventKind,
  ) {
    super("ILLEGAL_TRANSITION", eventKind, from, `illegal order transition ${from} → ${to} (${eventKind})`);
  }
}

/** A fill that would take the order (or one child) past its quantity. */
export class OverfillError extends OrderEventError {
  override readonly name = "OverfillError";

  constructor(
    status: OrderStatus,
    readonly fillId: string,
    /** null when the order as a whole would be over-filled, else the child that would be. */
    readonly childId: string | null,
    readonly limitE8: bigint,
    readonly filledE8: bigint,
    readonly fillQtyE8: bigint,
  ) {
    const what = childId === null ? "order" : `child ${childId}`;
    super("OVERFILL", "fill", status, `fill ${fillId} of ${fillQtyE8}e-8 would over-fill ${what}: ${filledE8}e-8 of ${limitE8}e-8 already filled`);
  }
}
