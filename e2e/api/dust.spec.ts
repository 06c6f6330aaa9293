import { expect, test, type APIRequestContext } from "@playwright/test";
import { DecisionsResponseSchema, LiveResponseSchema } from "@/lib/contracts/live";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { ReviewResponseSchema } from "@/lib/contracts/review";
import { bearer, createKey } from "../support/demo";

type Headers = ReturnType<typeof bearer>;

async function getOrder(request: APIRequestContext, id: string, headers: Headers) {
  const res = await request.get(`/v1/orders/${id}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  return OrderResponseSchema.parse(await res.json()).order;
}

test.describe("dust: a remainder no venue would take ends the order cleanly", () => {
  test("1.000004 BTC on Binance (0.00001 lots, 5 USD minimum) completes with dust_qty on the order, Live, Review and the CSV, and no empty routing decisions", async ({ request }) => {
    const desk = `e2e-dust-${Date.now()}`;
    const trader = bearer(createKey(["--desk", desk, "--role", "trader", "--sandbox"]));
    const lead = bearer(createKey(["--desk", desk, "--role", "lead", "--sandbox"]));
    const res = await request.post("/v1/orders", { headers: trader, data: { symbol: "BTC-USD", side: "buy", qty: 1.000004, venue: "binance" } });
    expect(res.status(), await res.text()).toBe(201);
    const placed = OrderResponseSchema.parse(await res.json()).order;
    // Before dust ended orders, this one re-routed the remainder for 10 s and ended FAILED.
    await expect.poll(async () => (await getOrder(request, placed.order_id, trader)).status, { timeout: 6_000 }).toBe("COMPLETED");
    const order = await getOrder(request, placed.order_id, trader);
    expect(order.reject_reason).toBeNull();
    expect(order.remaining_qty).toBe(0);
    // Below Binance's smallest order: 0.00001 BTC, or 5 USD at the price it traded.
    expect(order.dust_qty).toBeGreaterThan(0);
    expect(order.dust_qty).toBeLessThan(Math.max(0.00001, 5 / order.avg_price!));
    expect(order.filled_qty + order.dust_qty).toBeCloseTo(1.000004, 8);
    expect(order.dust_note).toContain("BTC was left unfilled: below every allowed venue's minimum order size");

    const live = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${order.node_order_id}`, { headers: trader })).json());
    const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${order.node_order_id}`, { headers: trader })).json());
    for (const view of [live.order, review.order]) expect([view.status, view.dust_qty, view.dust_note]).toEqual(["COMPLETED", order.dust_qty, order.dust_note]);
    expect(live.totals.remaining_qty).toBe(0);
    expect(review.shortfall.unfilled_qty).toBeCloseTo(order.dust_qty, 8);

    const decisions = DecisionsResponseSchema.parse(
      await (await request.get(`/v1/execution/decisions?node_order_id=${order.node_order_id}&last_n=1000`, { headers: trader })).json(),
    ).decisions;
    expect(decisions.length).toBeGreaterThan(0);
    // Every stored decision sent something and none was repeated empty: the dust was never routed.
    expect(decisions.filter((d) => d.legs.length === 0 || d.repeat_count > 0)).toEqual([]);

    const csv = await request.get("/v1/execution/summary?format=csv", { headers: lead });
    expect(csv.status(), await csv.text()).toBe(200);
    const [header, ...rows] = (await csv.text()).trim().split("\r\n");
    const columns = header!.split(",");
    const row = rows.map((r) => r.split(",")).find((r) => r[0] === order.order_id);
    expect(row, "the order's CSV row").toBeDefined();
    expect(row![columns.indexOf("status")]).toBe("COMPLETED");
    expect(Number(row![columns.indexOf("dust_qty")])).toBeCloseTo(order.dust_qty, 8);
  });
});
