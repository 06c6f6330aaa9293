import { expect, test, type APIRequestContext } from "@playwright/test";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { ReviewResponseSchema } from "@/lib/contracts/review";
import { bearer, createKey, demoKey, expectEnvelope } from "../support/demo";

const lead = () => bearer(demoKey("lead"));

async function placeAndFinish(request: APIRequestContext, data: unknown) {
  const placed = OrderResponseSchema.parse(await (await request.post("/v1/orders", { headers: bearer(demoKey("trader")), data })).json());
  for (let i = 0; i < 80; i++) {
    const o = OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: lead() })).json());
    if (o.order.status === "COMPLETED") return o.order;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("order did not complete");
}

test.describe("GET /v1/execution/review/{id}", () => {
  test("a completed order's review: timeline, benchmarks, markouts, shortfall adding up, decision audit, forecast vs realized", async ({ request }) => {
    const order = await placeAndFinish(request, { symbol: "ETH-USD", side: "buy", qty: 30 });
    const res = await request.get(`/v1/execution/review/${order.node_order_id}`, { headers: lead() });
    expect(res.status(), await res.text()).toBe(200);
    const r = ReviewResponseSchema.parse(await res.json());
    expect(r.final).toBe(true);
    expect(r.note).toBeNull();
    const kinds = r.timeline.map((t) => t.kind);
    expect(kinds[0]).toBe("accepted");
    expect(kinds).toContain("child_sent");
    expect(kinds).toContain("fill");
    expect(kinds.at(-1)).toBe("completed");
    expect(r.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(30, 8);
    const s = r.shortfall;
    expect(s.delay.usd + s.spread.usd + s.impact.usd + s.fees.usd + s.opportunity.usd).toBeCloseTo(s.total.usd, 9);
    expect(s.delay.bps + s.spread.bps + s.impact.bps + s.fees.bps + s.opportunity.bps).toBeCloseTo(s.total.bps, 9);
    expect(s.fees.usd).toBeGreaterThan(0);
    expect(r.markouts.map((m) => m.horizon_ms)).toEqual([-1000, 0, 1000, 5000, 30000, 60000, 300000]);
    expect(r.benchmarks.arrival.price).toBeGreaterThan(0);
    expect(r.decision_audit.length).toBeGreaterThanOrEqual(1);
    expect(r.decision_audit[0]!.chosen.length).toBeGreaterThan(0);
    // The best alternative is never a venue that would have cost more than the router's routing.
    for (const d of r.decision_audit) {
      const alt = d.best_alternative;
      if (!alt) continue;
      expect(alt.saving_bps).toBeGreaterThanOrEqual(0);
      if (alt.kind === "routed") expect(alt.saving_bps).toBe(0);
      else {
        expect(alt.venue).toBe(d.counterfactual_best?.venue);
        expect(alt.saving_bps).toBeCloseTo(d.selection_error_bps!, 9);
      }
      if (d.selection_error_bps !== null && d.selection_error_bps <= 0) expect(alt.kind).toBe("routed");
    }
    expect(r.forecast.expected_cost_bps).not.toBeNull();
    expect(r.forecast.realized_cost_bps).not.toBeNull();
    expect(typeof r.forecast.within_p90).toBe("boolean");
  });

  test("a working order is reviewed so far and says so; another desk's order is 404", async ({ request }) => {
    const placed = OrderResponseSchema.parse(
      await (await request.post("/v1/orders", { headers: bearer(demoKey("trader")), data: { symbol: "BTC-USD", side: "buy", qty: 1, limit_price: 1000 } })).json(),
    );
    const r = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${placed.order.order_id}`, { headers: lead() })).json());
    expect(r.final).toBe(false);
    expect(r.note).toMatch(/so far/);
    const other = createKey(["--desk", "e2e-review-other", "--role", "lead", "--sandbox"]);
    await expectEnvelope(await request.get(`/v1/execution/review/${placed.order.order_id}`, { headers: bearer(other) }), "NOT_FOUND", 404);
    await expectEnvelope(await request.get("/v1/execution/review/nod_unknown", { headers: lead() }), "NOT_FOUND", 404);
    await request.post(`/v1/orders/${placed.order.order_id}/cancel`, { headers: bearer(demoKey("trader")) });
  });
});
