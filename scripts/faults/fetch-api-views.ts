/** GET /v1/orders/{id} for every acknowledged order and graph node: what a client can read back. */
import type { ApiClient } from "./api-client";
import type { ApiOrderView } from "./audit-acks";
import type { FaultLedger } from "./fault-ledger";

export async function fetchApiViews(api: ApiClient, key: string, ledger: FaultLedger): Promise<Map<string, ApiOrderView>> {
  const ids = [...new Set(ledger.orders.flatMap((o) => o.nodeIds))];
  const views = new Map<string, ApiOrderView>();
  // Under the demo desk's 50 requests/s. A 429 or 503 (load shedding, with Retry-After)
  // says "come back shortly", as to any client: retried, so only a lasting refusal reads
  // as a lost order.
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    await Promise.all(
      batch.map(async (id) => {
        let ans = await api.call("GET", `/v1/orders/${id}`, key);
        for (let tries = 0; (ans.status === 429 || ans.status === 503) && tries < 10; tries++) {
          await new Promise((r) => setTimeout(r, 1_000));
          ans = await api.call("GET", `/v1/orders/${id}`, key);
        }
        const order = (ans.body as { order?: { status?: string; filled_qty?: number } } | null)?.order;
        views.set(id, { status: ans.status, ...(order?.status ? { orderStatus: order.status } : {}), ...(typeof order?.filled_qty === "number" ? { filledQty: order.filled_qty } : {}) });
      }),
    );
    await new Promise((r) => setTimeout(r, 250));
  }
  return views;
}
