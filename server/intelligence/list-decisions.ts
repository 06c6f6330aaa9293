import type { z } from "zod";
import type { DecisionsQuerySchema, DecisionsResponseSchema } from "@/lib/contracts/live";
import { e8ToQty } from "@/lib/units";
import type { Core } from "@/server/core";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { msToNs } from "@/server/shared/clock";

/** GET /v1/execution/decisions: the desk's routing decisions, newest first, with their score parts. */
export async function listDecisions(
  core: Core,
  deskId: string,
  q: z.output<typeof DecisionsQuerySchema>,
): Promise<z.input<typeof DecisionsResponseSchema>> {
  const rows = await core.store.listDecisions(deskId, { lastN: q.last_n, ...(q.node_order_id ? { nodeOrderId: q.node_order_id } : {}) });
  return {
    decisions: rows.map((r) => {
      const detail = (r.detail ?? null) as RoutingDecision | null;
      return {
        decision_id: r.id,
        node_order_id: r.nodeOrderId,
        order_id: r.orderId,
        at_ns: msToNs(r.atMs).toString(),
        router_version: r.routerVersion,
        symbol: r.symbol,
        side: r.side,
        qty: e8ToQty(r.qtyE8),
        mid: detail?.mid ?? null,
        candidates: detail
          ? detail.candidates.map((c) => ({ venue: c.venue, status: c.status, touch_price: c.touchPrice ?? null, depth_qty: c.depthQty, score_parts: { ...c.scoreParts } }))
          : r.candidates.map((c) => ({ venue: c.venue, status: "unknown", touch_price: null, depth_qty: 0, score_parts: { ...c.partsBps } })),
        exclusions: detail
          ? detail.exclusions.map((x) => ({ venue: x.venue, reason: x.reason, detail: x.detail }))
          : r.exclusions.map((x) => ({ venue: x.venue, reason: x.reason, detail: "" })),
        legs: detail
          ? detail.legs.map((l) => ({ venue: l.venue, qty: l.qty, limit_price: l.limitPrice, est_cost_bps: l.estCostBps }))
          : r.legs.map((l) => ({ venue: l.venue, qty: e8ToQty(l.qtyE8), limit_price: null, est_cost_bps: l.estCostBps })),
        est_cost_bps: r.estCostBps,
        repeat_count: r.repeatCount,
        last_repeat_at_ns: r.lastRepeatAtMs === null ? null : msToNs(r.lastRepeatAtMs).toString(),
      };
    }),
  };
}
