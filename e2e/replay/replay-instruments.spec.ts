import { expect, test, type APIRequestContext } from "@playwright/test";
import { MarketStatusResponseSchema } from "@/lib/contracts/market-status";
import { LiveResponseSchema } from "@/lib/contracts/live";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { ForecastResponseSchema, type ForecastResponse } from "@/lib/contracts/pretrade";
import { bearer, demoKey, expectEnvelope, replayDataDir } from "../support/demo";

// MARKET_SOURCE=replay over the three Binance recordings: Binance spot is BTC-USD, USD-M and
// COIN-M are BTC-USD-PERP. Spot and perp must never share a book, a ranking or a fill.
const key = () => bearer(demoKey("trader", replayDataDir));
const PERPS = ["binance-coinm", "binance-usdm"];

async function forecast(request: APIRequestContext, symbol: string, side: "buy" | "sell", qty: number): Promise<ForecastResponse> {
  const res = await request.get(`/v1/execution/forecast?symbol=${symbol}&side=${side}&qty=${qty}`, { headers: key() });
  expect(res.status(), await res.text()).toBe(200);
  return ForecastResponseSchema.parse(await res.json());
}

async function placeAndFinish(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/v1/orders", {
    headers: { ...key(), "Content-Type": "application/json" },
    data: { ...body, client_request_id: `instr-${Date.now()}-${Math.random()}` },
  });
  expect(res.status(), await res.text()).toBe(201);
  const placed = OrderResponseSchema.parse(await res.json());
  await expect
    .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: key() })).json()).order.status, {
      timeout: 20_000,
    })
    .toBe("COMPLETED");
  return LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${placed.order.node_order_id}`, { headers: key() })).json());
}

test.describe("spot and perpetuals are separate instruments (replay)", () => {
  test.beforeAll(async ({ request }) => {
    // Both instruments' books exist once the COIN-M stream has started (about 2 recorded seconds in).
    await expect
      .poll(
        async () => {
          const body = MarketStatusResponseSchema.parse(await (await request.get("/v1/market", { headers: key() })).json());
          return body.venues.filter((v) => v.books.some((b) => b.bid_levels > 0)).length;
        },
        { timeout: 20_000 },
      )
      .toBe(3);
  });

  test("GET /v1/market lists BTC-USD on the spot venue and BTC-USD-PERP on the two perps", async ({ request }) => {
    const body = MarketStatusResponseSchema.parse(await (await request.get("/v1/market", { headers: key() })).json());
    expect(body.symbols).toEqual(["BTC-USD", "BTC-USD-PERP"]);
    const booksOf = (venue: string) => body.venues.find((v) => v.venue === venue)!.books.map((b) => b.symbol);
    expect(booksOf("binance")).toEqual(["BTC-USD"]);
    expect(booksOf("binance-usdm")).toEqual(["BTC-USD-PERP"]);
    expect(booksOf("binance-coinm")).toEqual(["BTC-USD-PERP"]);
  });

  test("a BTC-USD forecast ranks only spot venues, each with non-negative book cost", async ({ request }) => {
    for (const side of ["buy", "sell"] as const) {
      const f = await forecast(request, "BTC-USD", side, 1);
      expect(f.symbol).toBe("BTC-USD");
      expect(f.venues.map((v) => v.venue)).toEqual(["binance"]);
      expect(f.venue_mix.map((m) => m.venue)).toEqual(["binance"]);
      for (const v of f.venues) expect(v.book_cost_bps, `${side} ${v.venue}`).toBeGreaterThanOrEqual(0);
      // Against its own mid, a 1 BTC walk of the recorded spot book costs well under a bp.
      expect(f.venues[0]!.book_cost_bps).toBeLessThan(1);
    }
  });

  test("a BTC-USD-PERP forecast ranks only the perp venues", async ({ request }) => {
    const f = await forecast(request, "BTC-USD-PERP", "buy", 1);
    expect(f.symbol).toBe("BTC-USD-PERP");
    expect(f.venues.map((v) => v.venue).sort()).toEqual(PERPS);
    for (const m of f.venue_mix) expect(PERPS).toContain(m.venue);
    // The perp mid sits at a few bps' basis to spot, not at the spot price.
    const spot = await forecast(request, "BTC-USD", "buy", 1);
    expect(Math.abs((f.mid - spot.mid) / spot.mid) * 1e4).toBeLessThan(20);
    expect(f.mid).not.toBe(spot.mid);
  });

  test("a spot order fills only on spot, a perp order only on perps, and a spot order cannot be pinned to a perp", async ({ request }) => {
    const spot = await placeAndFinish(request, { symbol: "BTC-USD", side: "buy", qty: 0.5 });
    expect(spot.fills.length).toBeGreaterThan(0);
    for (const f of spot.fills) expect(f.venue).toBe("binance");
    expect(spot.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(0.5, 8);

    const perp = await placeAndFinish(request, { symbol: "BTC-USD-PERP", side: "sell", qty: 0.5 });
    expect(perp.fills.length).toBeGreaterThan(0);
    for (const f of perp.fills) expect(PERPS).toContain(f.venue);

    const pinned = await request.post("/v1/orders", {
      headers: { ...key(), "Content-Type": "application/json" },
      data: { symbol: "BTC-USD", side: "buy", qty: 0.01, venue: "binance-usdm", client_request_id: `instr-pin-${Date.now()}` },
    });
    const err = await expectEnvelope(pinned, "VALIDATION_ERROR", 422);
    expect(err.message).toMatch(/binance-usdm/);
  });
});
