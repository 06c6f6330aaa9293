import { expect, test } from "@playwright/test";
import { MarketStatusResponseSchema } from "@/lib/contracts/market-status";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

test.describe("GET /v1/market", () => {
  test("names the simulated source and reports fresh books on the seven spot venues", async ({ request }) => {
    // Make sure the symbol is running (the simulated market autostarts all five anyway).
    await request.get("/v1/quotes?symbols=BTC-USD", { headers: bearer(demoKey()) });
    const res = await request.get("/v1/market", { headers: bearer(demoKey("viewer")) });
    expect(res.status()).toBe(200);
    const body = MarketStatusResponseSchema.parse(await res.json());
    expect(body.source).toBe("simulated");
    expect(body.replay).toBeNull();
    expect(body.symbols).toEqual(["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"]);
    expect(body.venues.map((v) => v.venue).sort()).toEqual(["binance", "bitget", "bybit", "coinbase", "cryptocom", "kraken", "okx"]);
    for (const v of body.venues) {
      expect(v.market_type).toBe("spot");
      const btc = v.books.find((b) => b.symbol === "BTC-USD");
      expect(btc, v.venue).toBeDefined();
      expect(btc!.age_ms!).toBeGreaterThanOrEqual(0);
      expect(btc!.age_ms!).toBeLessThan(body.stale_after_ms);
      expect(btc!.bid_levels).toBeGreaterThan(0);
    }
    expect(body.status).toBe("ok");
    expect(body.freshest_age_ms!).toBeLessThanOrEqual(body.stalest_age_ms!);
    // Quote families are stated, not assumed: Binance trades USDT, Coinbase USD.
    expect(body.venues.find((v) => v.venue === "binance")!.quote).toBe("USDT");
    expect(body.venues.find((v) => v.venue === "coinbase")!.quote).toBe("USD");
  });

  test("needs a key and only answers GET", async ({ request }) => {
    await expectEnvelope(await request.get("/v1/market"), "UNAUTHORIZED", 401);
    await expectEnvelope(await request.post("/v1/market", { headers: bearer(demoKey()) }), "BAD_REQUEST", 405);
  });
});
