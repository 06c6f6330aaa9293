import { expect, test } from "@playwright/test";
import { DepthResponseSchema, QuotesResponseSchema } from "@/lib/contracts/market";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

const SYMBOLS = ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"];

test.describe("GET /v1/quotes", () => {
  test("NBBO and per-venue quotes for every symbol", async ({ request }) => {
    const res = await request.get(`/v1/quotes?symbols=${SYMBOLS.join(",")}`, { headers: bearer(demoKey()) });
    expect(res.status()).toBe(200);
    const { quotes } = QuotesResponseSchema.parse(await res.json());
    expect(quotes.map((q) => q.symbol)).toEqual(SYMBOLS);
    for (const q of quotes) {
      // Across venues the market may briefly lock or cross; the flag must say so.
      expect(q.nbbo.crossed).toBe(q.nbbo.bid >= q.nbbo.ask);
      expect(q.nbbo.mid).toBeCloseTo((q.nbbo.bid + q.nbbo.ask) / 2, 8);
      expect(q.nbbo.spread_bps).toBeCloseTo(((q.nbbo.ask - q.nbbo.bid) / q.nbbo.mid) * 1e4, 6);
      const venues = Object.entries(q.venues);
      expect(venues.length).toBeGreaterThanOrEqual(5);
      for (const [venue, v] of venues) {
        expect(v!.bid!, `${q.symbol} ${venue}`).toBeLessThan(v!.ask!);
        // The NBBO is the best of the venues.
        expect(v!.bid!).toBeLessThanOrEqual(q.nbbo.bid);
        expect(v!.ask!).toBeGreaterThanOrEqual(q.nbbo.ask);
        expect(v!.age_ms).toBeGreaterThanOrEqual(0);
      }
      expect(q.venues[q.nbbo.bid_venue]?.bid).toBe(q.nbbo.bid);
      expect(q.source.market).toBe("simulated");
    }
  });

  test("quotes move with the market and a repeat call is served warm", async ({ request }) => {
    const get = async () =>
      QuotesResponseSchema.parse(await (await request.get("/v1/quotes?symbols=BTC-USD", { headers: bearer(demoKey()) })).json()).quotes[0]!;
    const first = await get();
    await new Promise((r) => setTimeout(r, 1500));
    const second = await get();
    expect(second.source.path).toBe("warm");
    expect(BigInt(second.as_of_ns)).toBeGreaterThan(BigInt(first.as_of_ns));
    const moved = JSON.stringify(first.venues) !== JSON.stringify(second.venues);
    expect(moved).toBe(true);
  });

  test("symbols are case-insensitive and de-noised", async ({ request }) => {
    const res = await request.get("/v1/quotes?symbols=btc-usd, eth-usd", { headers: bearer(demoKey()) });
    expect(res.status()).toBe(200);
    const { quotes } = QuotesResponseSchema.parse(await res.json());
    expect(quotes.map((q) => q.symbol)).toEqual(["BTC-USD", "ETH-USD"]);
  });

  const bad: [string, string, number, string][] = [
    ["missing symbols", "/v1/quotes", 422, "symbols"],
    ["empty symbols", "/v1/quotes?symbols=", 422, "symbols"],
    ["malformed symbol", "/v1/quotes?symbols=BTCUSD", 422, "symbols.0"],
    ["unknown symbol", "/v1/quotes?symbols=BTC-USD,FOO-USD", 422, "symbols"],
    ["too many symbols", `/v1/quotes?symbols=${Array.from({ length: 21 }, () => "BTC-USD").join(",")}`, 422, "symbols"],
    ["unknown parameter", "/v1/quotes?symbols=BTC-USD&symbol=ETH-USD", 400, "symbol"],
    ["repeated parameter", "/v1/quotes?symbols=BTC-USD&symbols=ETH-USD", 400, "symbols"],
  ];
  for (const [name, url, status, field] of bad) {
    test(`bad input: ${name}`, async ({ request }) => {
      const err = await expectEnvelope(await request.get(url, { headers: bearer(demoKey()) }), status === 422 ? "VALIDATION_ERROR" : "INVALID_PARAMS", status);
      expect(err.details.map((d) => d.field)).toContain(field);
    });
  }
});

test.describe("GET /v1/intelligence/depth", () => {
  test("default bands, per venue and consolidated, cumulative in band width", async ({ request }) => {
    const res = await request.get("/v1/intelligence/depth?symbol=BTC-USD", { headers: bearer(demoKey()) });
    expect(res.status()).toBe(200);
    const depth = DepthResponseSchema.parse(await res.json());
    expect(depth.bands_bps).toEqual([5, 10, 25, 50, 100]);
    const venues = Object.values(depth.venues);
    expect(venues.length).toBeGreaterThanOrEqual(5);
    depth.consolidated.bands.forEach((band, i) => {
      const sumBid = venues.reduce((s, v) => s + v!.bands[i]!.bid_qty, 0);
      expect(band.bid_qty).toBeCloseTo(sumBid, 6);
      expect(band.bid_notional_usd).toBeGreaterThan(band.bid_qty * depth.mid * 0.98);
      if (i > 0) expect(band.ask_qty).toBeGreaterThanOrEqual(depth.consolidated.bands[i - 1]!.ask_qty);
    });
    expect(depth.consolidated.bands.at(-1)!.bid_qty).toBeGreaterThan(0);
  });

  test("custom bands are sorted and de-duplicated", async ({ request }) => {
    const res = await request.get("/v1/intelligence/depth?symbol=ETH-USD&bands=50,2,50,20", { headers: bearer(demoKey()) });
    expect(res.status()).toBe(200);
    expect(DepthResponseSchema.parse(await res.json()).bands_bps).toEqual([2, 20, 50]);
  });

  for (const [name, query, field] of [
    ["non-numeric band", "symbol=BTC-USD&bands=5,abc", "bands.1"],
    ["negative band", "symbol=BTC-USD&bands=-5", "bands.0"],
    ["zero band", "symbol=BTC-USD&bands=0", "bands.0"],
    ["huge band", "symbol=BTC-USD&bands=99999", "bands.0"],
    ["empty bands", "symbol=BTC-USD&bands=", "bands"],
    ["missing symbol", "bands=5", "symbol"],
    ["unknown symbol", "symbol=ABC-USD", "symbol"],
  ] as const) {
    test(`bad input: ${name}`, async ({ request }) => {
      const err = await expectEnvelope(
        await request.get(`/v1/intelligence/depth?${query}`, { headers: bearer(demoKey()) }),
        "VALIDATION_ERROR",
        422,
      );
      expect(err.details.map((d) => d.field)).toContain(field);
    });
  }

  test("hostile query strings never produce a 500", async ({ request }) => {
    const queries = [
      "symbol=%00", "symbol=" + "A".repeat(5000), "symbol=BTC-USD&bands=1e400", "symbol=BTC-USD&bands=NaN",
      "symbol=BTC-USD&bands=Infinity", "symbol=BTC-USD&bands=,,,", "symbol[]=x", "symbol=%E2%82%AC-USD", "%zz=1",
    ];
    for (const q of queries) {
      const res = await request.get(`/v1/intelligence/depth?${q}`, { headers: bearer(demoKey()) });
      expect(res.status(), q).toBeLessThan(500);
      expect(res.status(), q).toBeGreaterThanOrEqual(400);
    }
  });
});
