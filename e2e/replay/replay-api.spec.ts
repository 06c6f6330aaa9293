import { expect, test } from "@playwright/test";
import { QuotesResponseSchema } from "@/lib/contracts/market";
import { MarketStatusResponseSchema } from "@/lib/contracts/market-status";
import { ForecastResponseSchema, SimulateResponseSchema } from "@/lib/contracts/pretrade";
import { LiveResponseSchema } from "@/lib/contracts/live";
import { OrderResponseSchema } from "@/lib/contracts/orders";
import { ReviewResponseSchema } from "@/lib/contracts/review";
import { bearer, demoKey, expectEnvelope, replayDataDir } from "../support/demo";

// This server runs MARKET_SOURCE=replay over the three Binance recordings of 2024-08-08.
const key = (role: "trader" | "lead" | "viewer" = "trader") => bearer(demoKey(role, replayDataDir));
const RECORDING_START_MS = Date.parse("2024-08-08T23:54:13Z");
const RECORDING_END_MS = Date.parse("2024-08-09T00:00:01Z");
const BINANCE_VENUES = ["binance", "binance-coinm", "binance-usdm"];

test.describe("MARKET_SOURCE=replay", () => {
  test("GET /v1/market names the replay, its files and the recorded instant, with zero gaps", async ({ request }) => {
    const status = async () => {
      const res = await request.get("/v1/market", { headers: key("viewer") });
      expect(res.status()).toBe(200);
      return MarketStatusResponseSchema.parse(await res.json());
    };
    // The COIN-M stream starts about two recorded seconds after the spot one.
    await expect.poll(async () => (await status()).venues.filter((v) => (v.messages ?? 0) > 0).length, { timeout: 15_000 }).toBe(3);
    const body = await status();
    expect(body.source).toBe("replay");
    expect(body.symbols).toEqual(["BTC-USD", "BTC-USD-PERP"]);
    expect(body.venues.map((v) => v.venue).sort()).toEqual(BINANCE_VENUES);
    expect(body.replay!.files).toHaveLength(3);
    const at = Number(BigInt(body.replay!.recorded_at_ns!) / 1_000_000n);
    expect(at).toBeGreaterThanOrEqual(RECORDING_START_MS);
    expect(at).toBeLessThanOrEqual(RECORDING_END_MS);
    for (const v of body.venues) {
      expect(v.gaps, v.venue).toBe(0);
      expect(v.crossed, v.venue).toBe(0);
      expect(v.messages!, v.venue).toBeGreaterThan(0);
    }
    expect(body.venues.find((v) => v.venue === "binance-coinm")!.market_type).toBe("perp");
    expect(body.venues.find((v) => v.venue === "binance")!.market_type).toBe("spot");
  });

  test("quotes come from the recorded books: BTC near 61.8k, spot on Binance, the perp on USD-M and COIN-M; other symbols are not served", async ({ request }) => {
    const quotes = async () => {
      const res = await request.get("/v1/quotes?symbols=BTC-USD,BTC-USD-PERP", { headers: key() });
      expect(res.status()).toBe(200);
      return QuotesResponseSchema.parse(await res.json()).quotes;
    };
    await expect.poll(async () => (await quotes()).reduce((n, q) => n + Object.keys(q.venues).length, 0), { timeout: 15_000 }).toBe(3);
    const [spot, perp] = await quotes();
    expect(spot!.symbol).toBe("BTC-USD");
    expect(perp!.symbol).toBe("BTC-USD-PERP");
    expect(Object.keys(spot!.venues)).toEqual(["binance"]);
    expect(Object.keys(perp!.venues).sort()).toEqual(["binance-coinm", "binance-usdm"]);
    // Spot alone: its NBBO is its one book, never crossed by the perps' basis.
    expect(spot!.nbbo.crossed).toBe(false);
    for (const q of [spot!, perp!]) {
      expect(q.source.market).toBe("replay");
      for (const [venue, v] of Object.entries(q.venues)) {
        expect(v!.bid!, venue).toBeLessThan(v!.ask!);
        // The recording's BTC traded between roughly 61.0k and 62.5k in those six minutes.
        expect(v!.bid!, venue).toBeGreaterThan(60_000);
        expect(v!.ask!, venue).toBeLessThan(63_000);
      }
    }
    // COIN-M sizes are converted from 100 USD contracts to BTC: a top level of tens of
    // thousands of contracts would read as BTC if left unconverted.
    expect(perp!.venues["binance-coinm"]!.bid_size!).toBeLessThan(100);
    const err = await expectEnvelope(await request.get("/v1/quotes?symbols=ETH-USD", { headers: key() }), "VALIDATION_ERROR", 422);
    expect(err.message).toMatch(/ETH-USD/);
  });

  test("forecast and simulation run on the replayed books", async ({ request }) => {
    const f = await request.get("/v1/execution/forecast?symbol=BTC-USD&side=buy&qty=1", { headers: key() });
    expect(f.status(), await f.text()).toBe(200);
    const forecast = ForecastResponseSchema.parse(await f.json());
    expect(forecast.source.market).toBe("replay");
    expect(forecast.expected_cost_bps).toBeGreaterThan(0);
    expect(forecast.downside_cost_bps).toBeGreaterThanOrEqual(forecast.expected_cost_bps);
    const s = await request.get("/v1/execution/simulate?symbol=BTC-USD&side=sell&qty=2&urgency=medium&paths=50", { headers: key() });
    expect(s.status(), await s.text()).toBe(200);
    const sim = SimulateResponseSchema.parse(await s.json());
    expect(sim.source.market).toBe("replay");
    expect(sim.scenarios.length).toBeGreaterThan(0);
  });

  test("a sandbox order fills on the replayed books and its review names Binance venues", async ({ request }) => {
    const res = await request.post("/v1/orders", {
      headers: { ...key(), "Content-Type": "application/json" },
      data: { symbol: "BTC-USD", side: "buy", qty: 0.5, client_request_id: `replay-${Date.now()}` },
    });
    expect(res.status(), await res.text()).toBe(201);
    const placed = OrderResponseSchema.parse(await res.json());
    const id = placed.order.node_order_id;
    await expect
      .poll(async () => OrderResponseSchema.parse(await (await request.get(`/v1/orders/${placed.order.order_id}`, { headers: key() })).json()).order.status, {
        timeout: 20_000,
      })
      .toBe("COMPLETED");
    const live = LiveResponseSchema.parse(await (await request.get(`/v1/execution/live/${id}`, { headers: key() })).json());
    expect(live.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(0.5, 8);
    const review = ReviewResponseSchema.parse(await (await request.get(`/v1/execution/review/${id}`, { headers: key() })).json());
    expect(review.forecast.realized_cost_bps).not.toBeNull();
    const venues = new Set(review.timeline.filter((e) => e.kind === "fill").map((e) => e.venue));
    expect(venues.size).toBeGreaterThan(0);
    // A BTC-USD (spot) order fills on the spot book only.
    for (const v of venues) expect(v).toBe("binance");
  });
});
