import { expect, test } from "@playwright/test";
import { PreviewResponseSchema } from "@/lib/contracts/orders";
import { ForecastResponseSchema, RoutingResponseSchema, SlippageResponseSchema } from "@/lib/contracts/pretrade";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

test.describe("GET /v1/intelligence/slippage", () => {
  test("per venue and consolidated book-walk slippage", async ({ request }) => {
    const res = await request.get("/v1/intelligence/slippage?symbol=BTC-USD&side=buy&qty=3", { headers: bearer(demoKey()) });
    expect(res.status(), await res.text()).toBe(200);
    const s = SlippageResponseSchema.parse(await res.json());
    expect(s.venues.length).toBeGreaterThanOrEqual(5);
    for (const v of s.venues) {
      if (v.complete) expect(v.filled_qty).toBeCloseTo(3, 9);
      if (v.avg_price !== null) expect(v.avg_price).toBeGreaterThanOrEqual(s.mid);
    }
    // Sweeping all venues together is never worse than the best single venue.
    const best = Math.min(...s.venues.filter((v) => v.complete).map((v) => v.slippage_bps!));
    expect(s.consolidated.complete).toBe(true);
    expect(s.consolidated.slippage_bps!).toBeLessThanOrEqual(best + 1e-9);
  });

  test("bad input is 422", async ({ request }) => {
    await expectEnvelope(
      await request.get("/v1/intelligence/slippage?symbol=BTC-USD&side=buy&qty=-3", { headers: bearer(demoKey()) }),
      "VALIDATION_ERROR",
      422,
    );
  });
});

test.describe("GET /v1/intelligence/routing", () => {
  test("the leg split the router would use, with score parts", async ({ request }) => {
    const res = await request.get("/v1/intelligence/routing?symbol=ETH-USD&side=sell&qty=300", { headers: bearer(demoKey()) });
    expect(res.status(), await res.text()).toBe(200);
    const r = RoutingResponseSchema.parse(await res.json());
    expect(r.legs.length).toBeGreaterThan(1);
    expect(r.legs.reduce((s, l) => s + l.qty, 0) + r.unfilled_qty).toBeCloseTo(300, 6);
    expect(r.legs.reduce((s, l) => s + l.fraction, 0)).toBeCloseTo(1, 9);
    for (const leg of r.legs) {
      // The router's v3 planner: its penalty terms are in every leg's score parts.
      expect(Object.keys(leg.score_parts)).toEqual(
        expect.arrayContaining(["book_bps", "fee_bps", "latency_bps", "staleness_bps", "adverse_selection_bps", "reject_penalty_bps", "venue_impact_bps"]),
      );
      expect(leg.avg_price).toBeLessThanOrEqual(r.mid); // a sell fills at or below mid
    }
    expect(r.router).toBe("sor-v3");
  });

  test("the split is the forecast's venue mix for the same order (one planner)", async ({ request }) => {
    // The simulated market steps every 100 ms, so the two calls may see different books:
    // a few tries find a pair taken on the same books.
    let same = false;
    for (let i = 0; i < 10 && !same; i++) {
      const [r, f] = await Promise.all([
        request.get("/v1/intelligence/routing?symbol=ETH-USD&side=buy&qty=60", { headers: bearer(demoKey()) }).then(async (x) => RoutingResponseSchema.parse(await x.json())),
        request.get("/v1/execution/forecast?symbol=ETH-USD&side=buy&qty=60", { headers: bearer(demoKey()) }).then(async (x) => ForecastResponseSchema.parse(await x.json())),
      ]);
      expect(f.router_version).toBe("v3");
      same = r.mid === f.mid && JSON.stringify(r.legs.map((l) => l.venue)) === JSON.stringify(f.venue_mix.map((m) => m.venue));
    }
    expect(same).toBe(true);
  });

  test("excluded venues are listed with their reason", async ({ request }) => {
    const res = await request.get("/v1/intelligence/routing?symbol=ETH-USD&side=buy&qty=1&exclude_venues=kraken", { headers: bearer(demoKey()) });
    const r = RoutingResponseSchema.parse(await res.json());
    expect(r.legs.map((l) => l.venue)).not.toContain("kraken");
    expect(r.excluded).toContainEqual({ venue: "kraken", reason: expect.stringMatching(/excluded/i) });
  });
});

test.describe("POST /v1/orders/preview", () => {
  test("plan, legs, cost and fees with pre-trade checks; places nothing", async ({ request }) => {
    const res = await request.post("/v1/orders/preview", { headers: bearer(demoKey()), data: { symbol: "BTC-USD", side: "buy", qty: 2 } });
    expect(res.status(), await res.text()).toBe(200);
    const p = PreviewResponseSchema.parse(await res.json());
    expect(p.routing).toBe("sor");
    expect(p.legs.length).toBeGreaterThan(0);
    expect(p.would_accept).toBe(true);
    expect(p.estimated.fees_usd).toBeGreaterThan(0);
    expect(p.estimated.p90_cost_bps).toBeGreaterThanOrEqual(p.estimated.cost_bps);
    expect(p.checks.find((c) => c.check === "min_size")?.status).toBe("pass");
  });

  test("notional converts at mid; a direct venue order routes to that venue only", async ({ request }) => {
    const res = await request.post("/v1/orders/preview", {
      headers: bearer(demoKey()),
      data: { symbol: "ETH-USD", side: "sell", notional: 50_000, venue: "coinbase" },
    });
    const p = PreviewResponseSchema.parse(await res.json());
    expect(p.routing).toBe("direct");
    expect(p.legs.map((l) => l.venue)).toEqual(["coinbase"]);
    expect(p.qty * p.mid).toBeCloseTo(50_000, 0);
  });

  test("checks fail for an order below venue minimums and a limit far from mid", async ({ request }) => {
    const tiny = PreviewResponseSchema.parse(
      await (await request.post("/v1/orders/preview", { headers: bearer(demoKey()), data: { symbol: "BTC-USD", side: "buy", qty: 0.00000001 } })).json(),
    );
    expect(tiny.checks.find((c) => c.check === "min_size")?.status).toBe("fail");
    expect(tiny.would_accept).toBe(false);
    const far = PreviewResponseSchema.parse(
      await (await request.post("/v1/orders/preview", { headers: bearer(demoKey()), data: { symbol: "BTC-USD", side: "buy", qty: 1, limit_price: 1000 } })).json(),
    );
    expect(far.checks.find((c) => c.check === "price_deviation")?.status).toBe("fail");
  });

  for (const [name, body, field] of [
    ["both qty and notional", { symbol: "BTC-USD", side: "buy", qty: 1, notional: 100 }, "qty"],
    ["neither qty nor notional", { symbol: "BTC-USD", side: "buy" }, "qty"],
    ["negative qty", { symbol: "BTC-USD", side: "buy", qty: -1 }, "qty"],
    ["string qty", { symbol: "BTC-USD", side: "buy", qty: "1" }, "qty"],
    ["unknown venue", { symbol: "BTC-USD", side: "buy", qty: 1, venue: "nyse" }, "venue"],
    ["unknown field", { symbol: "BTC-USD", side: "buy", qty: 1, colour: "red" }, "(body)"],
    ["unknown symbol", { symbol: "ZZZ-USD", side: "buy", qty: 1 }, "symbol"],
  ] as const) {
    test(`bad body: ${name}`, async ({ request }) => {
      const err = await expectEnvelope(
        await request.post("/v1/orders/preview", { headers: bearer(demoKey()), data: body }),
        "VALIDATION_ERROR",
        422,
      );
      expect(err.details.map((d) => d.field)).toContain(field);
    });
  }

  test("wrong content type is 400", async ({ request }) => {
    await expectEnvelope(
      await request.post("/v1/orders/preview", { headers: { ...bearer(demoKey()), "Content-Type": "text/plain" }, data: "symbol=BTC-USD" }),
      "BAD_REQUEST",
      400,
    );
  });
});
