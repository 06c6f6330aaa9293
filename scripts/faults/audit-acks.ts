/**
 * Acknowledged orders against the store: every 2xx order is there with the body the
 * client sent (and readable through the API), and an idempotency key never made two.
 */
import type { FaultLedger } from "./fault-ledger";
import type { StoreSnapshot } from "./store-snapshot";
import type { ViolationSink } from "./violations";

export interface ApiOrderView {
  /** HTTP status of GET /v1/orders/{id}. */
  status: number;
  orderStatus?: string;
  filledQty?: number;
}

export function auditAcks(ledger: FaultLedger, snap: StoreSnapshot, api: ReadonlyMap<string, ApiOrderView>, out: ViolationSink): void {
  for (const acked of ledger.orders) {
    for (const id of acked.nodeIds) {
      const row = snap.orders.get(id);
      if (!row) {
        out.add("lost", id, `acknowledged ${acked.kind} order (answer at ${acked.ackedAtMs}) is not in the store`);
        continue;
      }
      const view = api.get(id);
      if (view && view.status !== 200) out.add("lost", id, `in the store but GET /v1/orders/${id} answers ${view.status}`);
    }
    const root = snap.orders.get(acked.orderId);
    if (root && !containsAll(root.request, acked.body)) {
      out.add("lost", acked.orderId, `stored body differs from the acknowledged one: ${JSON.stringify(root.request)} vs ${JSON.stringify(acked.body)}`);
    }
  }

  const byKey = new Map<string, string[]>();
  for (const o of snap.orders.values()) {
    const key = o.clientRequestId !== null ? `crid:${o.deskId}:${o.clientRequestId}` : o.graphId !== null && o.parentId === null ? `graph:${o.deskId}:${o.graphId}` : undefined;
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), o.id]);
  }
  for (const [key, ids] of byKey) if (ids.length > 1) out.add("duplicated", key, `${ids.length} orders for one idempotency key: ${ids.join(", ")}`);

  for (const r of ledger.resubmits) {
    if (r.originalOrderId === undefined) continue;
    if (r.status === 201) out.add("duplicated", r.idemKey, `resubmit answered 201 (a new order ${r.answeredOrderId}) instead of the original ${r.originalOrderId}`);
    else if (r.status === 200 && r.answeredOrderId !== r.originalOrderId) {
      out.add("duplicated", r.idemKey, `resubmit answered order ${r.answeredOrderId}, not the original ${r.originalOrderId}`);
    }
  }
}

/** Every field the client sent is in the stored request with the same value (the service may add defaults). */
export function containsAll(stored: unknown, sent: unknown): boolean {
  if (Array.isArray(sent)) return Array.isArray(stored) && stored.length === sent.length && sent.every((s, i) => containsAll(stored[i], s));
  if (sent && typeof sent === "object") {
    if (!stored || typeof stored !== "object") return false;
    return Object.entries(sent as Record<string, unknown>).every(([k, v]) => v === undefined || containsAll((stored as Record<string, unknown>)[k], v));
  }
  return stored === sent;
}
