import { expect, test } from "@playwright/test";
import { CalibrationResponseSchema } from "@/lib/contracts/calibration";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { ForecastResponseSchema } from "@/lib/contracts/pretrade";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

test.describe("GET /v1/execution/calibration", () => {
  test("buckets the desk's completed orders by size and policy with Wilson intervals around the shares", async ({ request }) => {
    // One completed order of this desk at least: it carries its calibration group (sor, size bucket).
    const placed = OrderResponseSchema.parse(
      await (await request.post("/v1/orders", { headers: bearer(demoKey("trader")), data: { symbol: "BTC-USD", side: "buy", qty: 0.2 } })).json(),
    );
    await expect
      .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: bearer(demoKey("lead")) })).json()).order.status, { timeout: 20_000 })
      .toBe("COMPLETED");
    const res = await request.get("/v1/execution/calibration?days=30", { headers: bearer(demoKey("lead")) });
    expect(res.status(), await res.text()).toBe(200);
    const c = CalibrationResponseSchema.parse(await res.json());
    expect(c.orders).toBeGreaterThan(0);
    expect(c.by_policy.map((b) => b.key)).toContain("sor");
    expect(c.by_size.reduce((a, b) => a + b.orders, 0)).toBe(c.orders);
    expect(c.by_policy.reduce((a, b) => a + b.orders, 0)).toBe(c.orders);
    for (const b of [...c.by_size, ...c.by_policy]) {
      for (const p of [b.within_p50, b.within_p90]) {
        expect(p.share).toBeCloseTo(p.within / b.orders, 12);
        expect(p.low).toBeLessThanOrEqual(p.share!);
        expect(p.high).toBeGreaterThanOrEqual(p.share!);
      }
      expect(b.within_p90.within).toBeGreaterThanOrEqual(b.within_p50.within);
      expect(b.meets_target === null).toBe(b.orders < c.targets.min_orders);
    }
  });

  test("bad input gets the error envelope", async ({ request }) => {
    await expectEnvelope(await request.get("/v1/execution/calibration?days=0", { headers: bearer(demoKey()) }), "VALIDATION_ERROR", 422);
    await expectEnvelope(await request.get("/v1/execution/calibration?days=abc", { headers: bearer(demoKey()) }), "VALIDATION_ERROR", 422);
    await expectEnvelope(await request.get("/v1/execution/calibration"), "UNAUTHORIZED", 401);
  });
});

test("forecast: the fill-confidence curve reads 0.5 at the P50 card and 0.9 at the P90 card", async ({ request }) => {
  const res = await request.get("/v1/execution/forecast?symbol=BTC-USD&side=buy&qty=0.5", { headers: bearer(demoKey()) });
  expect(res.status(), await res.text()).toBe(200);
  const f = ForecastResponseSchema.parse(await res.json());
  expect(f.complete).toBe(true);
  const at = (cost: number) => f.fill_confidence.find((p) => Math.abs(p.cost_bps - cost) < 1e-6)?.probability;
  expect(at(f.expected_cost_bps)).toBeCloseTo(0.5, 4);
  expect(at(f.downside_cost_bps)).toBeCloseTo(0.9, 4);
  // One set of numbers: the capacity curve at the order's size is the cards, the urgency
  // table's "immediately" is the P50 card, and the response names the fit that made them.
  const one = f.capacity_curve.find((p) => Math.abs(p.qty - f.qty) < 1e-12);
  expect(one?.p50_cost_bps).toBeCloseTo(f.expected_cost_bps, 9);
  expect(one?.p90_cost_bps).toBeCloseTo(f.downside_cost_bps, 9);
  expect(f.urgency_tradeoff.length).toBe(3);
  for (const u of f.urgency_tradeoff) expect(u.expected_cost_bps + u.savings_bps).toBeCloseTo(f.expected_cost_bps, 9);
  expect(f.calibration.group).toMatch(/^sor\|/);
  expect(f.calibration.fit).toMatch(/^(identity|conformal)/);
});
