import { expect, test, type APIRequestContext } from "@playwright/test";
import { DecisionsResponseSchema, LiveResponseSchema } from "@/lib/contracts/live";
import { KillSwitchStateSchema, OrderListResponseSchema, OrderResponseSchema } from "@/lib/contracts/orders";
import { ReviewResponseSchema } from "@/lib/contracts/review";
import { bearer, createKey, demoKey, expectEnvelope } from "../support/demo";

const trader = () => bearer(demoKey("trader"));

async function place(request: APIRequestContext, data: unknown, headers = trader()) {
  const res = await request.post("/v1/orders", { headers, data });
  expect([200, 201], await res.text()).toContain(res.status());
  return OrderResponseSchema.parse(await res.json());
}

async function waitFinal(request: APIRequestContext, id: string, headers = trader(), timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const o = OrderResponseSchema.parse(await (await request.get(`/v1/orders/${id}`, { headers })).json());
    if (["COMPLETED", "CANCELLED", "REJECTED", "FAILED"].includes(o.order.status) || Date.now() > deadline) return o;
    await new Promise((r) => setTimeout(r, 250));
  }
}

test.describe("orders", () => {
  test("an SOR order fills in the sandbox to COMPLETED, durable and consistent", async ({ request }) => {
    const placed = await place(request, { symbol: "BTC-USD", side: "buy", qty: 2 });
    expect(placed.order.status).toBe("ACCEPTED");
    expect(placed.order.sandbox).toBe(true);
    expect(["v1", "v2", "v3"]).toContain(placed.order.router_version);
    const done = await waitFinal(request, placed.order.order_id);
    expect(done.order.status).toBe("COMPLETED");
    expect(done.order.filled_qty).toBeCloseTo(2, 8);
    expect(done.order.filled_qty).toBeLessThanOrEqual(2);
    expect(done.order.avg_price).toBeGreaterThan(0);
    expect(done.order.fees_usd).toBeGreaterThan(0);

    const live = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${placed.order.node_order_id}`, { headers: trader() })).json());
    expect(live.totals.fill_pct).toBeCloseTo(100, 6);
    expect(live.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(2, 8);
    expect(new Set(live.fills.map((f) => f.fill_id)).size).toBe(live.fills.length);
    expect(live.schedule.status).toBe("done");
    expect(live.tca.arrival_mid).toBeGreaterThan(0);

    const decisions = DecisionsResponseSchema.parse(
      await (await request.get(`/v1/execution/decisions?node_order_id=${placed.order.node_order_id}`, { headers: trader() })).json(),
    ).decisions;
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    const d = decisions[0]!;
    expect(d.router_version).toBe(placed.order.router_version);
    expect(d.candidates.length).toBeGreaterThanOrEqual(5);
    for (const c of d.candidates) {
      const parts = Object.entries(c.score_parts).filter(([k]) => k !== "total_bps");
      expect(parts.reduce((s, [, v]) => s + v, 0)).toBeCloseTo(c.score_parts.total_bps!, 9);
    }
    expect(d.legs.reduce((s, l) => s + l.qty, 0)).toBeGreaterThan(0);
  });

  test("a TWAP graph node paces its slices and its edge starts the next node", async ({ request }) => {
    const placed = await place(request, {
      graph_id: `g-${Date.now()}`,
      nodes: [
        { node_id: "twap", instrument: "ETH-USD", side: "sell", quantity: 9, execution: { policy: "sor", urgency: "medium", pacing: { num_slices: 3, interval_ms: 1000 } } },
        { node_id: "hedge", instrument: "BTC-USD", side: "buy", quantity: 0.2 },
      ],
      edges: [{ from: "twap", to: "hedge", trigger: "on_full_fill" }],
    });
    expect(placed.nodes.map((n) => n.node_id)).toEqual(["twap", "hedge"]);
    const twap = placed.nodes[0]!;
    const early = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${twap.node_order_id}`, { headers: trader() })).json());
    expect(early.totals.filled_qty).toBeLessThanOrEqual(6 + 1e-9); // at most two of three slices within the first second
    const done = await waitFinal(request, placed.nodes[1]!.order_id);
    expect(done.nodes.map((n) => n.status)).toEqual(["COMPLETED", "COMPLETED"]);
  });

  test("a limit order away from the market rests without logging children; its repeated routing decision is stored once and counted", async ({ request }) => {
    const placed = await place(request, { symbol: "ETH-USD", side: "buy", qty: 1, limit_price: 10 });
    await new Promise((r) => setTimeout(r, 2_500));
    const d = DecisionsResponseSchema.parse(await (await request.get(`/v1/execution/decisions?node_order_id=${placed.order.node_order_id}&last_n=100`, { headers: trader() })).json());
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]!.repeat_count).toBeGreaterThanOrEqual(4);
    expect(d.decisions[0]!.last_repeat_at_ns).not.toBeNull();
    const order = OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: trader() })).json()).order;
    expect(order.status).toBe("RUNNING");
    expect(order.filled_qty).toBe(0);
    expect((await request.post(`/v1/orders/${placed.order.order_id}/cancel`, { headers: trader() })).status()).toBe(200);
  });

  test("pause right after acceptance works (the order has started even if its started event is still being written)", async ({ request }) => {
    for (let i = 0; i < 5; i++) {
      const placed = await place(request, {
        graph_id: `gpa-${Date.now()}-${i}`,
        nodes: [{ node_id: "twap", instrument: "ETH-USD", side: "buy", quantity: 2, execution: { policy: "sor", urgency: "low", pacing: { num_slices: 10, interval_ms: 1000 } } }],
        edges: [],
      });
      const res = await request.post(`/v1/orders/${placed.order.order_id}/pause`, { headers: trader() });
      expect(res.status(), await res.text()).toBe(200);
      expect(OrderResponseSchema.parse(await res.json()).order.status).toBe("PAUSED");
      expect((await request.post(`/v1/orders/${placed.order.order_id}/cancel`, { headers: trader() })).status()).toBe(200);
    }
  });

  test("pause holds a TWAP between slices, resume finishes it; repeats are harmless, finished orders are 409", async ({ request }) => {
    const placed = await place(request, {
      graph_id: `gp-${Date.now()}`,
      nodes: [{ node_id: "twap", instrument: "BTC-USD", side: "buy", quantity: 0.8, execution: { policy: "sor", urgency: "medium", pacing: { num_slices: 4, interval_ms: 1500 } } }],
      edges: [],
    });
    const node = placed.nodes[0]!;
    const filled = async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${node.order_id}`, { headers: trader() })).json()).order;
    await expect.poll(async () => (await filled()).filled_qty, { timeout: 5_000 }).toBeGreaterThan(0);
    const paused = OrderResponseSchema.parse(await (await request.post(`/v1/orders/${node.order_id}/pause`, { headers: trader() })).json());
    expect(paused.order.status).toBe("PAUSED");
    const held = paused.order.filled_qty;
    expect(held).toBeLessThan(0.8);
    // Again: the same answer, not an error.
    const again = await request.post(`/v1/orders/${node.order_id}/pause`, { headers: trader() });
    expect(again.status()).toBe(200);
    // Two more slices fall due while paused; nothing more fills.
    await new Promise((r) => setTimeout(r, 3_500));
    const still = await filled();
    expect(still.status).toBe("PAUSED");
    expect(still.filled_qty).toBeCloseTo(held, 9);
    // Live does not call a paused order "behind": the pause is not working time.
    const live = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${node.node_order_id}`, { headers: trader() })).json());
    expect(live.suggestions.map((x) => x.kind)).not.toContain("speed_up");
    expect(live.suggestions.some((x) => /paused/i.test(x.message))).toBe(true);
    const resumed = OrderResponseSchema.parse(await (await request.post(`/v1/orders/${node.node_order_id}/resume`, { headers: trader() })).json());
    expect(resumed.order.status).toBe("RUNNING");
    const timeline = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${node.node_order_id}`, { headers: trader() })).json()).timeline;
    expect(timeline.filter((t) => t.kind === "paused" || t.kind === "resumed").map((t) => t.kind)).toEqual(["paused", "resumed"]);
    const done = await waitFinal(request, node.order_id);
    expect(done.order.status).toBe("COMPLETED");
    expect(done.order.filled_qty).toBeCloseTo(0.8, 8);
    await expectEnvelope(await request.post(`/v1/orders/${node.order_id}/pause`, { headers: trader() }), "CONFLICT", 409);
    await expectEnvelope(await request.post(`/v1/orders/${node.order_id}/resume`, { headers: trader() }), "CONFLICT", 409);
    await expectEnvelope(await request.post(`/v1/orders/${node.order_id}/pause`, { headers: bearer(demoKey("viewer")) }), "FORBIDDEN", 403);
    await expectEnvelope(await request.post(`/v1/orders/ord_nope/pause`, { headers: trader() }), "NOT_FOUND", 404);
  });

  test("idempotency: same body returns the original, a different body is 409", async ({ request }) => {
    const key = `cr-${Date.now()}`;
    const first = await request.post("/v1/orders", { headers: trader(), data: { symbol: "SOL-USD", side: "buy", qty: 10, client_request_id: key } });
    expect(first.status()).toBe(201);
    const again = await request.post("/v1/orders", { headers: trader(), data: { side: "buy", symbol: "SOL-USD", qty: 10, client_request_id: key } });
    expect(again.status()).toBe(200);
    expect(OrderResponseSchema.parse(await again.json()).order.order_id).toBe(OrderResponseSchema.parse(await first.json()).order.order_id);
    await expectEnvelope(await request.post("/v1/orders", { headers: trader(), data: { symbol: "SOL-USD", side: "buy", qty: 11, client_request_id: key } }), "CONFLICT", 409);
  });

  test("another desk's order is NOT_FOUND; viewers cannot trade; live keys are refused clearly", async ({ request }) => {
    const placed = await place(request, { symbol: "XRP-USD", side: "buy", qty: 100 });
    const other = createKey(["--desk", "e2e-other", "--role", "trader", "--sandbox"]);
    for (const path of [`/v1/orders/${placed.order.order_id}`, `/v1/execution/live/${placed.order.node_order_id}`]) {
      await expectEnvelope(await request.get(path, { headers: bearer(other) }), "NOT_FOUND", 404);
    }
    await expectEnvelope(await request.post(`/v1/orders/${placed.order.order_id}/cancel`, { headers: bearer(other) }), "NOT_FOUND", 404);
    await expectEnvelope(await request.post("/v1/orders", { headers: bearer(demoKey("viewer")), data: { symbol: "BTC-USD", side: "buy", qty: 1 } }), "FORBIDDEN", 403);
    const live = createKey(["--desk", "e2e-live", "--role", "trader"]);
    const err = await expectEnvelope(await request.post("/v1/orders", { headers: bearer(live), data: { symbol: "BTC-USD", side: "buy", qty: 1 } }), "FORBIDDEN", 403);
    expect(err.message).toMatch(/credentials/);
  });

  test("cancel a working order; cancelling a finished one is 409", async ({ request }) => {
    const placed = await place(request, { symbol: "BTC-USD", side: "buy", qty: 1, limit_price: 1000 }); // rests far below the market
    const res = await request.post(`/v1/orders/${placed.order.order_id}/cancel`, { headers: trader() });
    expect(res.status()).toBe(200);
    const done = await waitFinal(request, placed.order.order_id);
    expect(done.order.status).toBe("CANCELLED");
    expect(done.order.filled_qty).toBe(0);
    await expectEnvelope(await request.post(`/v1/orders/${placed.order.order_id}/cancel`, { headers: trader() }), "CONFLICT", 409);
    // The log says who asked and when, before the outcome.
    const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${placed.order.node_order_id}`, { headers: trader() })).json());
    const kinds = review.timeline.map((t) => t.kind);
    expect(kinds).toContain("cancel_requested");
    expect(kinds.indexOf("cancel_requested")).toBeLessThan(kinds.indexOf("cancelled"));
  });

  test("kill switch cancels working orders within a second and refuses new ones until released", async ({ request }) => {
    const key = createKey(["--desk", "e2e-kill", "--role", "trader", "--sandbox"]);
    const h = bearer(key);
    const resting = await place(request, { symbol: "ETH-USD", side: "buy", qty: 1, limit_price: 10 }, h);
    expect(await (await request.get("/v1/kill_switch", { headers: h })).json()).toEqual({ engaged: false, changed_at_ns: null, changed_by_key_id: null });
    const engaged = await request.post("/v1/kill_switch", { headers: h, data: { action: "engage" } });
    expect(engaged.status()).toBe(200);
    expect(await engaged.json()).toMatchObject({ engaged: true, cancelled_orders: 1 });
    const after = await waitFinal(request, resting.order.order_id, h, 1_000);
    expect(after.order.status).toBe("CANCELLED");
    expect(after.order.reject_reason).toBe("KILL_SWITCH");
    await expectEnvelope(await request.post("/v1/orders", { headers: h, data: { symbol: "ETH-USD", side: "buy", qty: 1 } }), "CONFLICT", 409);
    // Anyone on the desk can read the stored state, with when and by which key it changed.
    const viewer = bearer(createKey(["--desk", "e2e-kill", "--role", "viewer", "--sandbox"]));
    const read = KillSwitchStateSchema.parse(await (await request.get("/v1/kill_switch", { headers: viewer })).json());
    expect(read.engaged).toBe(true);
    expect(read.changed_by_key_id).toMatch(/^key_/);
    expect(BigInt(read.changed_at_ns!)).toBeGreaterThan(0n);
    // Another desk's switch is its own.
    expect(KillSwitchStateSchema.parse(await (await request.get("/v1/kill_switch", { headers: trader() })).json()).engaged).toBe(false);
    expect((await request.post("/v1/kill_switch", { headers: h, data: { action: "release" } })).status()).toBe(200);
    expect(KillSwitchStateSchema.parse(await (await request.get("/v1/kill_switch", { headers: viewer })).json()).engaged).toBe(false);
    expect((await request.post("/v1/orders", { headers: h, data: { symbol: "ETH-USD", side: "buy", qty: 0.1 } })).status()).toBe(201);
  });

  test("the blotter pages newest first and filters", async ({ request }) => {
    const page1 = OrderListResponseSchema.parse(await (await request.get("/v1/orders?limit=2", { headers: trader() })).json());
    expect(page1.orders.length).toBe(2);
    expect(page1.next_cursor).not.toBeNull();
    const page2 = OrderListResponseSchema.parse(await (await request.get(`/v1/orders?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`, { headers: trader() })).json());
    expect(page2.orders[0]!.order_id).not.toBe(page1.orders[1]!.order_id);
    expect(BigInt(page2.orders[0]!.created_at_ns)).toBeLessThanOrEqual(BigInt(page1.orders[1]!.created_at_ns));
    const completed = OrderListResponseSchema.parse(await (await request.get("/v1/orders?status=COMPLETED&symbol=BTC-USD", { headers: trader() })).json());
    for (const o of completed.orders) expect([o.status, o.symbol]).toEqual(["COMPLETED", "BTC-USD"]);
    await expectEnvelope(await request.get("/v1/orders?cursor=garbage", { headers: trader() }), "INVALID_PARAMS", 400);
    await expectEnvelope(await request.get("/v1/orders?from=2026-13-01", { headers: trader() }), "VALIDATION_ERROR", 422);
  });

  for (const [name, body, field] of [
    ["zero qty", { symbol: "BTC-USD", side: "buy", qty: 0 }, "qty"],
    ["negative qty", { symbol: "BTC-USD", side: "buy", qty: -2 }, "qty"],
    ["unknown venue", { symbol: "BTC-USD", side: "buy", qty: 1, venue: "mtgox" }, "venue"],
    ["unknown field", { symbol: "BTC-USD", side: "buy", qty: 1, leverage: 100 }, "(body)"],
    ["cyclic graph", { graph_id: "cyc", nodes: [{ node_id: "a", instrument: "BTC-USD", side: "buy", quantity: 1 }, { node_id: "b", instrument: "BTC-USD", side: "sell", quantity: 1 }], edges: [{ from: "a", to: "b", trigger: "on_done" }, { from: "b", to: "a", trigger: "on_done" }] }, "edges"],
    ["edge to a missing node", { graph_id: "miss", nodes: [{ node_id: "a", instrument: "BTC-USD", side: "buy", quantity: 1 }], edges: [{ from: "a", to: "z", trigger: "on_done" }] }, "edges.0.to"],
  ] as const) {
    test(`bad body: ${name} → 422, nothing written`, async ({ request }) => {
      const before = OrderListResponseSchema.parse(await (await request.get("/v1/orders?limit=200", { headers: trader() })).json()).orders.length;
      const err = await expectEnvelope(await request.post("/v1/orders", { headers: trader(), data: body }), "VALIDATION_ERROR", 422);
      expect(err.details.map((d) => d.field).join(" ")).toContain(field);
      const after = OrderListResponseSchema.parse(await (await request.get("/v1/orders?limit=200", { headers: trader() })).json()).orders.length;
      expect(after).toBe(before);
    });
  }

  test("decisions: last_n beyond 1000 is 422; unknown live id is 404", async ({ request }) => {
    await expectEnvelope(await request.get("/v1/execution/decisions?last_n=1001", { headers: trader() }), "VALIDATION_ERROR", 422);
    await expectEnvelope(await request.get("/v1/execution/live/nod_doesnotexist", { headers: trader() }), "NOT_FOUND", 404);
  });

  test("the live stream sends server-sent events and ends when the order is final", async ({ request }) => {
    const placed = await place(request, { symbol: "DOGE-USD", side: "sell", qty: 1000 });
    await waitFinal(request, placed.order.order_id);
    const res = await request.get(`/v1/execution/live/${placed.order.node_order_id}/stream`, { headers: trader() });
    expect(res.headers()["content-type"]).toContain("text/event-stream");
    const text = await res.text();
    const first = text.split("\n").find((l) => l.startsWith("data: "));
    expect(text).toContain("event: update");
    expect(LiveResponseSchema.parse(JSON.parse(first!.slice(6))).order.status).toBe("COMPLETED");
  });
});
