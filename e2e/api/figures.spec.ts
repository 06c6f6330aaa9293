/**
 * One order, one set of numbers: Live (final), Review, the Summary's row and the CSV row
 * give the same arrival mid, realized cost (bps, USD), fees and vs-forecast, all by the
 * definitions of lib/execution-figures.ts (all-in realized cost vs the arrival mid).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { LiveResponseSchema } from "@/lib/contracts/live";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { ReviewResponseSchema } from "@/lib/contracts/review";
import { SummaryResponseSchema } from "@/lib/contracts/summary";
import { bearer, demoKey } from "../support/demo";

const trader = () => bearer(demoKey("trader"));
const lead = () => bearer(demoKey("lead"));

async function placeAndFinish(request: APIRequestContext, data: unknown): Promise<{ orderId: string; nodeOrderId: string }> {
  const res = await request.post("/v1/orders", { headers: trader(), data });
  expect([200, 201], await res.text()).toContain(res.status());
  const placed = OrderResponseSchema.parse(await res.json());
  // A paced order's figures are its node's (the parent); a graph's first node is the TWAP.
  const node = placed.nodes[0] ?? placed.order;
  await expect
    .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${node.order_id}`, { headers: lead() })).json()).order.status, { timeout: 30_000 })
    .toBe("COMPLETED");
  return { orderId: node.order_id, nodeOrderId: node.node_order_id };
}

function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split("\r\n");
  const cols = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v])));
}

test.describe("the same figures for the same order everywhere", () => {
  test("SOR, pinned venue and TWAP orders: Live (final) = Review = Summary row = CSV row", async ({ request }) => {
    const orders = [
      await placeAndFinish(request, { symbol: "ETH-USD", side: "buy", qty: 12 }),
      await placeAndFinish(request, { symbol: "ETH-USD", side: "sell", qty: 3, venue: "okx" }),
      await placeAndFinish(request, {
        graph_id: `fig-${Date.now()}`,
        nodes: [{ node_id: "twap", instrument: "ETH-USD", side: "buy", quantity: 6, execution: { policy: "sor", urgency: "medium", pacing: { num_slices: 3, interval_ms: 400 } } }],
        edges: [],
      }),
    ];
    const summary = SummaryResponseSchema.parse(await (await request.get("/v1/execution/summary?symbol=ETH-USD", { headers: lead() })).json());
    const csv = csvRows(await (await request.get("/v1/execution/summary?symbol=ETH-USD&format=csv", { headers: lead() })).text());

    for (const o of orders) {
      const live = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${o.nodeOrderId}`, { headers: lead() })).json());
      const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${o.nodeOrderId}`, { headers: lead() })).json());
      const row = summary.recent_orders.find((r) => r.node_order_id === o.nodeOrderId);
      const line = csv.find((r) => r.order_id === o.orderId);
      expect(row, `summary row of ${o.nodeOrderId}`).toBeDefined();
      expect(line, `CSV row of ${o.orderId}`).toBeDefined();
      expect(live.order.status).toBe("COMPLETED");

      const r = review.forecast;
      expect(r.arrival_mid).toBeGreaterThan(0);
      expect(r.realized_cost_bps).not.toBeNull();
      expect(r.fees_usd).toBeGreaterThan(0);
      // Arrival mid: one price, and Review's benchmark stack uses it too.
      expect(live.tca.arrival_mid).toBe(r.arrival_mid);
      expect(row!.arrival_mid).toBe(r.arrival_mid);
      expect(Number(line!.arrival_mid)).toBe(r.arrival_mid);
      expect(review.benchmarks.arrival.price).toBe(r.arrival_mid);
      expect(live.tca.decision_mid).toBe(r.decision_mid);
      // Realized cost, bps and USD, and fees.
      expect(live.tca.realized_cost_bps).toBe(r.realized_cost_bps);
      expect(row!.realized_cost_bps).toBe(r.realized_cost_bps);
      expect(Number(line!.realized_cost_bps)).toBe(r.realized_cost_bps);
      expect(live.tca.realized_cost_usd).toBe(r.realized_cost_usd);
      expect(row!.realized_cost_usd).toBe(r.realized_cost_usd);
      expect(Number(line!.realized_cost_usd)).toBe(r.realized_cost_usd);
      expect(live.tca.fees_usd).toBe(r.fees_usd);
      expect(row!.fees_usd).toBe(r.fees_usd);
      expect(Number(line!.fees_usd)).toBeCloseTo(r.fees_usd, 9);
      // vs forecast = realized − P50, both all-in.
      expect(live.tca.vs_forecast_bps).toBe(r.vs_forecast_bps);
      expect(row!.vs_forecast_bps).toBe(r.vs_forecast_bps);
      expect(Number(line!.vs_forecast_bps)).toBe(r.vs_forecast_bps);
      expect(r.vs_forecast_bps!).toBeCloseTo(r.realized_cost_bps! - r.expected_cost_bps!, 9);

      // The definition, recomputed here from Review's fills: (Σ s·q·(p − M) + fees)/(Q·M)·1e4.
      const s = review.order.side === "buy" ? 1 : -1;
      const M = r.arrival_mid!;
      const q = review.fills.reduce((a, f) => a + f.qty, 0);
      const usd = review.fills.reduce((a, f) => a + s * f.qty * (f.price - M) + f.fee_usd, 0);
      expect(r.realized_cost_usd!).toBeCloseTo(usd, 6);
      expect(r.realized_cost_bps!).toBeCloseTo((usd / (q * M)) * 1e4, 6);
      // The defect: Live's vs-forecast now includes the fees (book-only would differ by the fee bps).
      const feeBps = (r.fees_usd / (q * M)) * 1e4;
      expect(live.tca.vs_forecast_bps! - (live.tca.slippage_vs_arrival_bps! - live.tca.forecast_p50_bps!)).toBeCloseTo(feeBps, 6);
    }
  });
});
