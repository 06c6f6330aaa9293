/**
 * Storage port for orders: order rows (simple orders, graph nodes, slices), their
 * append-only event logs and the fills projected from them. Everything a desk reads is
 * desk-scoped, so another desk's order is simply not found.
 */
import type { SymbolId, VenueId } from "@/lib/contracts/common";
import type { OrderEvent } from "@/server/execution/order-events";
import type { OrderStatus } from "@/server/execution/order-states";
import type { Liquidity, Side, Urgency } from "@/server/execution/types";
import type { DecisionRepeats, NewRoutingDecision } from "./decision-port";
import { StoreConflictError } from "./port";

/** Ids are chosen by the caller: graph nodes must know their parent's id before insert. */
export interface NewOrder {
  id: string;
  deskId: string;
  keyId: string;
  parentId: string | null;
  nodeOrderId: string;
  graphId: string | null;
  clientRequestId: string | null;
  bodyHash: string;
  bodyJson: string;
  symbol: SymbolId;
  side: Side;
  qtyE8: bigint;
  limitPriceE9: bigint | null;
  venue: VenueId | null;
  /** How it executes, e.g. "sor", "direct", "twap"; the execution layer owns the names. */
  policy: string;
  urgency: Urgency;
  routerVersion: string | null;
  sandbox: boolean;
  createdAtMs: number;
}

export interface OrderRecord extends NewOrder {
  /** Mirrors the event log; written in the same transaction as the events. */
  status: OrderStatus;
  updatedAtMs: number;
}

/** An event for one of the orders of a graph being created. */
export interface NewOrderEvent {
  orderId: string;
  event: OrderEvent;
}

export interface OrderEventRecord {
  orderId: string;
  /** 1-based, gapless per order. */
  seq: number;
  event: OrderEvent;
}

export interface FillRecord {
  fillId: string;
  orderId: string;
  childId: string;
  venue: VenueId;
  qtyE8: bigint;
  priceE9: bigint;
  feeE9: bigint;
  liquidity: Liquidity;
  atMs: number;
}

/** What the execution journal writes at once: several orders' events, decisions and repeat counts. */
export interface JournalBatch {
  appends: readonly { orderId: string; events: readonly OrderEvent[] }[];
  decisions: readonly NewRoutingDecision[];
  decisionRepeats: readonly DecisionRepeats[];
}

export type ClientKey = { clientRequestId: string } | { graphId: string };

export interface OrderListQuery {
  status?: OrderStatus | readonly OrderStatus[];
  symbol?: SymbolId;
  /** created_at_ms ≥ fromMs */
  fromMs?: number;
  /** created_at_ms < toMs */
  toMs?: number;
  /** null: top-level orders only; an id: that order's nodes or slices; absent: every row. */
  parentId?: string | null;
  limit: number;
  /** From a previous page's nextCursor. */
  cursor?: string;
}

export interface OrderPage {
  /** Newest first (created_at_ms, then id, descending). */
  orders: OrderRecord[];
  /** null on the last page. */
  nextCursor: string | null;
}

export interface OrderStore {
  /**
   * Inserts the order and its first events (a legal log starting with `accepted`) in one
   * transaction; when it resolves the order is committed, so the caller may acknowledge it.
   * A taken client key (or node_order_id) is a StoreConflictError and writes nothing.
   */
  createOrder(order: NewOrder, firstEvents: readonly OrderEvent[]): Promise<OrderRecord>;
  /** Several rows (a graph root, its nodes, slices) and their first events, all or nothing. */
  createOrderGraph(orders: readonly NewOrder[], events: readonly NewOrderEvent[]): Promise<OrderRecord[]>;
  /**
   * createOrderGraph behind the desk's kill switch (all orders of one desk): in the same
   * transaction the switch is checked, so an engaged switch throws KillSwitchEngagedError
   * and writes nothing, and no order commits after an engage commits. Returns the switch
   * version the orders passed (see KillSwitchRecord.version).
   */
  createOrdersFenced(orders: readonly NewOrder[], events: readonly NewOrderEvent[]): Promise<{ records: OrderRecord[]; killSwitchVersion: number }>;
  /** The row the client submitted under this idempotency key (a graph's root for graphId). */
  findOrderByClientKey(deskId: string, key: ClientKey): Promise<OrderRecord | undefined>;
  getOrder(deskId: string, id: string): Promise<OrderRecord | undefined>;
  getOrderByNodeOrderId(deskId: string, nodeOrderId: string): Promise<OrderRecord | undefined>;
  /** Throws InvalidCursorError for a cursor this store did not hand out. */
  listOrders(deskId: string, query: OrderListQuery): Promise<OrderPage>;
  /** ACCEPTED, RUNNING and PAUSED orders of every desk, oldest first: restart recovery. */
  listWorkingOrders(): Promise<OrderRecord[]>;

  /**
   * Appends events after the log's current end, in one transaction that also records
   * `fill` events in `fills` and moves the row's status to the last status event's target.
   * The store does not replay the log: the caller validates the events with
   * applyOrderEvent against the log it read, and passes that log's last seq (0 when
   * empty) as expectedSeq, so a concurrent append makes this one fail with
   * OrderSeqConflictError instead of interleaving unchecked events.
   */
  appendOrderEvents(orderId: string, events: readonly OrderEvent[], expectedSeq?: number): Promise<OrderEventRecord[]>;
  /**
   * The execution journal's write: each order's events appended (as appendOrderEvents
   * without expectedSeq), then the decisions and repeat counts, all in ONE transaction,
   * so a batch of many orders costs one commit and is all-or-nothing.
   */
  appendJournalBatch(batch: JournalBatch): Promise<void>;
  /** In seq order; only those after `afterSeq` when given (for incremental readers). */
  listOrderEvents(orderId: string, afterSeq?: number): Promise<OrderEventRecord[]>;
  /**
   * Records fills whose ids are new and returns those ids; already known ids are ignored.
   * For reconciling fills reported outside the event flow; appendOrderEvents records the
   * fills of `fill` events by itself.
   */
  insertFills(fills: readonly FillRecord[]): Promise<string[]>;
  /** Oldest first. */
  listFills(orderId: string): Promise<FillRecord[]>;
  /** Repairs the status column (appendOrderEvents keeps it in step). False if no such order. */
  updateOrderStatus(id: string, status: OrderStatus, atMs: number): Promise<boolean>;
}

/** The log moved on since the caller read it: re-read, re-validate, retry. */
export class OrderSeqConflictError extends StoreConflictError {
  override readonly name = "OrderSeqConflictError";

  constructor(
    readonly orderId: string,
    readonly expectedSeq: number | undefined,
    readonly actualSeq: number | undefined,
    options?: ErrorOptions,
  ) {
    super(`order ${orderId} event log moved on (expected seq ${expectedSeq ?? "any"}, found ${actualSeq ?? "a concurrent append"})`, options);
  }
}

/** A listOrders cursor that is malformed (→ 400 INVALID_PARAMS). */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
}
