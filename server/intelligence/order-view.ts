import type { OrderView } from "@/lib/contracts/orders";
import { dustNote } from "@/lib/reason-messages";
import { e8ToQty, e9ToPrice, formatScaled } from "@/lib/units";
import { deriveOrder, summarizeOrder, type OrderSummary } from "@/server/execution/order-states";
import { msToNs } from "@/server/shared/clock";
import type { OrderRecord, Store } from "@/server/store/port";
import { deriveOrderReason } from "./derive-order-reason";
import { readStoredBody } from "./stored-order-body";

/** An order row and the summary of its event log, in the API's shape. */
export function toOrderView(record: OrderRecord, summary: OrderSummary): OrderView {
  const body = readStoredBody(record.bodyJson);
  const reason = deriveOrderReason(summary.status, summary.rejectReason);
  return {
    order_id: record.id,
    node_order_id: record.nodeOrderId,
    parent_id: record.parentId,
    graph_id: record.graphId,
    node_id: body.nodeId,
    client_request_id: record.clientRequestId,
    status: summary.status,
    reject_reason: reason?.code ?? null,
    reason_message: reason?.message ?? null,
    symbol: record.symbol,
    side: record.side,
    qty: e8ToQty(summary.qtyE8),
    filled_qty: e8ToQty(summary.filledE8),
    remaining_qty: e8ToQty(summary.residualE8),
    dust_qty: e8ToQty(summary.dustE8),
    dust_note: summary.dustE8 > 0n ? dustNote(formatScaled(summary.dustE8, 8), record.symbol.split("-")[0] ?? record.symbol) : null,
    avg_price: summary.avgPriceE9 === null ? null : e9ToPrice(summary.avgPriceE9),
    fees_usd: e9ToPrice(summary.feesE9),
    limit_price: record.limitPriceE9 === null ? null : e9ToPrice(record.limitPriceE9),
    venue: record.venue,
    policy: record.policy,
    urgency: record.urgency,
    router_version: record.routerVersion,
    sandbox: record.sandbox,
    created_at_ns: msToNs(record.createdAtMs).toString(),
    updated_at_ns: msToNs(summary.updatedAtMs).toString(),
  };
}

/** Reads the log and summarises it: the single source of an order's state. */
export async function loadOrderView(store: Store, record: OrderRecord): Promise<OrderView> {
  const events = (await store.listOrderEvents(record.id)).map((e) => e.event);
  return toOrderView(record, summarizeOrder(deriveOrder(events).state));
}
