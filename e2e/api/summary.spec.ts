import { expect, test } from "@playwright/test";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { SummaryResponseSchema } from "@/lib/contracts/summary";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

test.describe("GET /v1/execution/summary", () => {
  test("rolls up today's orders for the lead, with CSV export", async ({ request }) => {
    const trader = bearer(demoKey("trader"));
    const placed = OrderResponseSchema.parse(await (await request.post("/v1/orders", { headers: trader, data: { symbol: "BTC-USD", side: "sell", qty: 0.7 } })).json());
    for (let i = 0; i < 40; i++) {
      const o = OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: trader })).json());
      if (o.order.status === "COMPLETED") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const res = await request.get("/v1/execution/summary", { headers: bearer(demoKey("lead")) });
    expect(res.status(), await res.text()).toBe(200);
    const s = SummaryResponseSchema.parse(await res.json());
    expect(s.scope).toBe("desk");
    expect(s.totals.orders).toBeGreaterThan(0);
    expect(s.totals.filled_notional_usd).toBeGreaterThan(0);
    expect(s.slippage_bps).not.toBeNull();
    const p = s.slippage_bps!;
    expect(p.p50).toBeLessThanOrEqual(p.p75);
    expect(p.p75).toBeLessThanOrEqual(p.p90);
    expect(p.p90).toBeLessThanOrEqual(p.p95);
    expect(p.p95).toBeLessThanOrEqual(p.p99);
    expect(s.per_venue.length).toBeGreaterThan(0);
    expect(s.per_symbol.map((x) => x.symbol)).toContain("BTC-USD");
    expect(s.calibration.observations).toBeGreaterThan(0);

    const btc = SummaryResponseSchema.parse(await (await request.get("/v1/execution/summary?symbol=BTC-USD", { headers: bearer(demoKey("lead")) })).json());
    expect(btc.per_symbol.map((x) => x.symbol)).toEqual(["BTC-USD"]);

    const csv = await request.get("/v1/execution/summary?format=csv", { headers: bearer(demoKey("lead")) });
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="execution-summary_/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "order_id,node_order_id,created_at_utc,symbol,side,qty,filled_qty,dust_qty,avg_price,fees_usd,status,router_version,arrival_mid,forecast_p50_bps,forecast_p90_bps,realized_cost_bps,within_p90,realized_cost_usd,vs_forecast_bps",
    );
    expect(lines.length - 1).toBe(s.totals.orders);
    expect(lines.some((l) => l.startsWith(placed.order.order_id))).toBe(true);
  });

  for (const [name, query, field] of [
    ["bad date", "start_date=2026-02-30", "start_date"],
    ["reversed dates", "start_date=2026-05-02&end_date=2026-05-01", "end_date"],
    ["span too long", "start_date=2024-01-01&end_date=2026-01-01", "end_date"],
    ["unknown venue", "venue=nyse", "venue"],
    ["malformed symbol", "symbol=BTCUSD", "symbol"],
  ] as const) {
    test(`bad input: ${name}`, async ({ request }) => {
      const err = await expectEnvelope(await request.get(`/v1/execution/summary?${query}`, { headers: bearer(demoKey("lead")) }), "VALIDATION_ERROR", 422);
      expect(err.details.map((d) => d.field)).toContain(field);
    });
  }
});
