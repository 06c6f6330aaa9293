/**
 * Order, event and fill rows ↔ port records. The only place that knows the column
 * encodings: 0/1 booleans, TEXT decimals, event payload JSON.
 */
import type { Selectable } from "kysely";
import type { SymbolId, VenueId } from "@/lib/contracts/common";
import { decodeOrderEvent, encodeOrderEvent } from "@/server/execution/order-event-codec";
import type { OrderEvent, OrderFillEvent } from "@/server/execution/order-events";
import type { OrderStatus } from "@/server/execution/order-states";
import type { Urgency } from "@/server/execution/types";
import { e8FromColumn, e8ToColumn, e9FromColumn, e9ToColumn } from "./decimal-columns";
import type { FillRecord, NewOrder, OrderEventRecord, OrderRecord } from "./order-port";
import type { FillsTable, OrderEventsTable, OrdersTable } from "./schema";

/** BIGINT columns reject fractions on PostgreSQL, and clocks here may be sub-millisecond. */
export function wholeMs(ms: number): number {
  return Math.floor(ms);
}

export function toOrderRow(order: NewOrder, status: OrderStatus, updatedAtMs: number): Selectable<OrdersTable> {
  return {
    id: order.id,
    desk_id: order.deskId,
    key_id: order.keyId,
    parent_id: order.parentId,
    node_order_id: order.nodeOrderId,
    graph_id: order.graphId,
    client_request_id: order.clientRequestId,
    body_hash: order.bodyHash,
    body_json: order.bodyJson,
    symbol: order.symbol,
    side: order.side,
    qty: e8ToColumn(order.qtyE8),
    limit_price: order.limitPriceE9 === null ? null : e9ToColumn(order.limitPriceE9),
    venue: order.venue,
    policy: order.policy,
    urgency: order.urgency,
    router_version: order.routerVersion,
    sandbox: order.sandbox ? 1 : 0,
    status,
    created_at_ms: wholeMs(order.createdAtMs),
    updated_at_ms: wholeMs(updatedAtMs),
  };
}

export function toOrderRecord(row: Selectable<OrdersTable>): OrderRecord {
  return {
    id: row.id,
    deskId: row.desk_id,
    keyId: row.key_id,
    parentId: row.parent_id,
    nodeOrderId: row.node_order_id,
    graphId: row.graph_id,
    clientRequestId: row.client_request_id,
    bodyHash: row.body_hash,
    bodyJson: row.body_json,
    symbol: row.symbol as SymbolId,
    side: row.side,
    qtyE8: e8FromColumn(row.qty),
    limitPriceE9: row.limit_price === null ? null : e9FromColumn(row.limit_price),
    venue: row.venue as VenueId | null,
    policy: row.policy,
    urgency: row.urgency as Urgency,
    routerVersion: row.router_version,
    sandbox: row.sandbox === 1,
    status: row.status,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  };
}

export function toEventRow(orderId: string, seq: number, event: OrderEvent): Selectable<OrderEventsTable> {
  const encoded = encodeOrderEvent(event);
  return { order_id: orderId, seq, kind: encoded.kind, payload_json: encoded.payloadJson, at_ms: wholeMs(encoded.atMs) };
}

export function toEventRecord(row: Selectable<OrderEventsTable>): OrderEventRecord {
  return {
    orderId: row.order_id,
    seq: row.seq,
    event: decodeOrderEvent({ kind: row.kind, atMs: row.at_ms, payloadJson: row.payload_json }),
  };
}

export function fillOfEvent(orderId: string, event: OrderFillEvent): FillRecord {
  return {
    fillId: event.fillId,
    orderId,
    childId: event.childId,
    venue: event.venue,
    qtyE8: event.qtyE8,
    priceE9: event.priceE9,
    feeE9: event.feeE9,
    liquidity: event.liquidity,
    atMs: event.atMs,
  };
}

export function toFillRow(fill: FillRecord): Selectable<FillsTable> {
  return {
    fill_id: fill.fillId,
    order_id: fill.orderId,
    child_id: fill.childId,
    venue: fill.venue,
    qty: e8ToColumn(fill.qtyE8),
    price: e9ToColumn(fill.priceE9),
    fee: e9ToColumn(fill.feeE9),
    liquidity: fill.liquidity,
    at_ms: wholeMs(fill.atMs),
  };
}

export function toFillRecord(row: Selectable<FillsTable>): FillRecord {
  return {
    fillId: row.fill_id,
    orderId: row.order_id,
    childId: row.child_id,
    venue: row.venue as VenueId,
    qtyE8: e8FromColumn(row.qty),
    priceE9: e9FromColumn(row.price),
    feeE9: e9FromColumn(row.fee),
    liquidity: row.liquidity,
    atMs: row.at_ms,
  };
}
