import { expect, test, type APIRequestContext } from "@playwright/test";
import { LiveResponseSchema } from "@/lib/contracts/live";
import { OrderListResponseSchema, OrderResponseSchema, type OrderView } from "@/lib/contracts/orders";
import { ReviewResponseSchema } from "@/lib/contracts/review";
import { REASON_MESSAGES } from "@/lib/reason-messages";
import { bearer, createKey } from "../support/demo";

type Headers = ReturnType<typeof bearer>;
const FINAL = ["COMPLETED", "CANCELLED", "REJECTED", "FAILED"];

async function getOrder(request: APIRequestContext, id: string, headers: Headers) {
  const res = await request.get(`/v1/orders/${id}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  return OrderResponseSchema.parse(await res.json());
}

/** The order as /v1/orders/{id}, live and review each show it. */
async function threeViews(request: APIRequestContext, o: OrderView, headers: Headers): Promise<OrderView[]> {
  const live = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${o.node_order_id}`, { headers })).json());
  const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${o.node_order_id}`, { headers })).json());
  return [(await getOrder(request, o.order_id, headers)).order, live.order, review.order];
}

test.describe("reasons: every order that did not complete says why", () => {
  test("the kill switch engaged by the lead while a TWAP works: KILL_SWITCH with its message on the order, its graph nodes, live and review", async ({ request }) => {
    const desk = `e2e-reasons-kill-${Date.now()}`;
    const trader = bearer(createKey(["--desk", desk, "--role", "trader", "--sandbox"]));
    const lead = bearer(createKey(["--desk", desk, "--role", "lead", "--sandbox"]));
    const res = await request.post("/v1/orders", {
      headers: trader,
      data: {
        graph_id: `reasons-${Date.now()}`,
        nodes: [
          { node_id: "twap", instrument: "ETH-USD", side: "buy", quantity: 20, execution: { policy: "sor", urgency: "low", pacing: { num_slices: 20, interval_ms: 2000 } } },
          { node_id: "hedge", instrument: "BTC-USD", side: "sell", quantity: 0.2 },
        ],
        edges: [{ from: "twap", to: "hedge", trigger: "on_full_fill" }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const placed = OrderResponseSchema.parse(await res.json());
    const [twap, hedge] = placed.nodes;
    // Working and waiting orders have no reason yet.
    for (const n of placed.nodes) expect([n.reject_reason, n.reason_message]).toEqual([null, null]);
    await expect.poll(async () => (await getOrder(request, twap!.order_id, trader)).order.filled_qty, { timeout: 10_000 }).toBeGreaterThan(0);

    const engaged = await request.post("/v1/kill_switch", { headers: lead, data: { action: "engage" } });
    expect(engaged.status(), await engaged.text()).toBe(200);
    expect(await engaged.json()).toMatchObject({ engaged: true, cancelled_orders: 2 });

    // The engage answers once the cancels are durable; children at a venue end within their ack latency.
    await expect.poll(async () => (await getOrder(request, twap!.order_id, trader)).order.status, { timeout: 2_000 }).toBe("CANCELLED");
    const after = await getOrder(request, twap!.order_id, trader);
    expect(after.order.filled_qty).toBeGreaterThan(0);
    expect(after.order.filled_qty).toBeLessThan(20);
    expect(after.nodes.map((n) => [n.node_id, n.status, n.reject_reason, n.reason_message])).toEqual([
      ["twap", "CANCELLED", "KILL_SWITCH", REASON_MESSAGES.KILL_SWITCH],
      ["hedge", "CANCELLED", "KILL_SWITCH", REASON_MESSAGES.KILL_SWITCH],
    ]);
    for (const node of [twap!, hedge!]) {
      for (const view of await threeViews(request, node, trader)) {
        expect([view.node_order_id, view.status, view.reject_reason, view.reason_message]).toEqual([node.node_order_id, "CANCELLED", "KILL_SWITCH", REASON_MESSAGES.KILL_SWITCH]);
      }
    }
    // The blotter reads the roll-up: the same code there.
    const list = OrderListResponseSchema.parse(await (await request.get("/v1/orders?status=CANCELLED", { headers: lead })).json());
    expect(list.orders.filter((o) => o.graph_id !== null || o.parent_id !== null).map((o) => o.reject_reason)).toEqual(["KILL_SWITCH", "KILL_SWITCH"]);
    // The review's timeline names it at the cancel too.
    const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${twap!.node_order_id}`, { headers: trader })).json());
    expect(review.timeline.find((t) => t.kind === "cancelled")?.reason).toBe("KILL_SWITCH");
    expect((await request.post("/v1/kill_switch", { headers: lead, data: { action: "release" } })).status()).toBe(200);
  });

  test("a client's cancel reads CLIENT_CANCEL (the log keeps no reason); a completed order has none", async ({ request }) => {
    const trader = bearer(createKey(["--desk", `e2e-reasons-cancel-${Date.now()}`, "--role", "trader", "--sandbox"]));
    const resting = OrderResponseSchema.parse(
      await (await request.post("/v1/orders", { headers: trader, data: { symbol: "BTC-USD", side: "buy", qty: 1, limit_price: 1000 } })).json(),
    ).order;
    const filled = OrderResponseSchema.parse(await (await request.post("/v1/orders", { headers: trader, data: { symbol: "SOL-USD", side: "buy", qty: 5 } })).json()).order;
    expect([resting.reject_reason, resting.reason_message]).toEqual([null, null]);
    const cancelled = await request.post(`/v1/orders/${resting.order_id}/cancel`, { headers: trader });
    expect(cancelled.status()).toBe(200);
    // The resting child is pulled first; the order is CANCELLED once the venue confirms.
    await expect.poll(async () => (await getOrder(request, resting.order_id, trader)).order.status, { timeout: 5_000 }).toBe("CANCELLED");
    for (const view of await threeViews(request, resting, trader)) {
      expect([view.status, view.reject_reason, view.reason_message]).toEqual(["CANCELLED", "CLIENT_CANCEL", REASON_MESSAGES.CLIENT_CANCEL]);
    }
    const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${resting.node_order_id}`, { headers: trader })).json());
    expect(review.timeline.find((t) => t.kind === "cancelled")?.reason).toBeNull();

    await expect.poll(async () => FINAL.includes((await getOrder(request, filled.order_id, trader)).order.status), { timeout: 20_000 }).toBe(true);
    for (const view of await threeViews(request, filled, trader)) {
      expect([view.status, view.reject_reason, view.reason_message]).toEqual(["COMPLETED", null, null]);
    }
  });
});
