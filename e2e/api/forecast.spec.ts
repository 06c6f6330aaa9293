import { expect, test } from "@playwright/test";
import { ForecastResponseSchema } from "@/lib/contracts/pretrade";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

const SYMBOLS = ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"];
const SIZES: Record<string, number> = { "BTC-USD": 2, "ETH-USD": 50, "SOL-USD": 1_000, "XRP-USD": 50_000, "DOGE-USD": 500_000 };

async function forecast(request: import("@playwright/test").APIRequestContext, query: string) {
  const res = await request.get(`/v1/execution/forecast?${query}`, { headers: bearer(demoKey()) });
  expect(res.status(), await res.text()).toBe(200);
  return ForecastResponseSchema.parse(await res.json());
}

test.describe("GET /v1/execution/forecast", () => {
  for (const symbol of SYMBOLS) {
    for (const side of ["buy", "sell"] as const) {
      test(`${symbol} ${side}: invariants hold`, async ({ request }) => {
        const f = await forecast(request, `symbol=${symbol}&side=${side}&qty=${SIZES[symbol]}`);
        expect(f.symbol).toBe(symbol);
        expect(f.complete).toBe(true);
        expect(f.downside_cost_bps).toBeGreaterThanOrEqual(f.expected_cost_bps);
        expect(f.expected_cost_usd).toBeCloseTo((f.expected_cost_bps / 1e4) * f.qty * f.mid, 2);
        // Capacity curve: non-decreasing in size, P90 ≥ P50 at every point, and it spans the order.
        const curve = f.capacity_curve;
        expect(curve.length).toBeGreaterThanOrEqual(5);
        for (let i = 1; i < curve.length; i++) {
          expect(curve[i]!.qty).toBeGreaterThan(curve[i - 1]!.qty);
          expect(curve[i]!.p50_cost_bps).toBeGreaterThanOrEqual(curve[i - 1]!.p50_cost_bps - 1e-9);
          expect(curve[i]!.p90_cost_bps).toBeGreaterThanOrEqual(curve[i - 1]!.p90_cost_bps - 1e-9);
        }
        for (const p of curve) expect(p.p90_cost_bps).toBeGreaterThanOrEqual(p.p50_cost_bps);
        expect(curve[0]!.qty).toBeLessThan(f.qty);
        expect(curve.at(-1)!.qty).toBeGreaterThan(f.qty);
        // Landed = sum of parts; ranks follow landed cost.
        f.venues.forEach((v, i) => {
          expect(v.landed_cost_bps).toBeCloseTo(v.book_cost_bps + v.fee_bps + v.latency_cost_bps + v.staleness_bps, 9);
          expect(v.rank).toBe(i + 1);
          if (i > 0) expect(v.landed_cost_bps).toBeGreaterThanOrEqual(f.venues[i - 1]!.landed_cost_bps);
        });
        // Venue mix sums to 1.
        expect(f.venue_mix.reduce((s, m) => s + m.fraction, 0)).toBeCloseTo(1, 9);
        // Fill confidence is a monotone curve ending near certainty for a fillable order.
        const fc = f.fill_confidence;
        for (let i = 1; i < fc.length; i++) {
          expect(fc[i]!.cost_bps).toBeGreaterThan(fc[i - 1]!.cost_bps);
          expect(fc[i]!.probability).toBeGreaterThanOrEqual(fc[i - 1]!.probability);
        }
        expect(fc.at(-1)!.probability).toBeGreaterThan(0.85);
        expect(f.urgency_tradeoff.map((u) => u.urgency)).toEqual(["low", "medium", "high"]);
        expect(f.model_version).toMatch(/\w/);
      });
    }
  }

  test("a bigger order costs at least as much", async ({ request }) => {
    const small = await forecast(request, "symbol=BTC-USD&side=buy&qty=0.5");
    const big = await forecast(request, "symbol=BTC-USD&side=buy&qty=200");
    expect(big.expected_cost_bps).toBeGreaterThan(small.expected_cost_bps);
  });

  test("exclude_venues removes venues from ranking and mix", async ({ request }) => {
    const f = await forecast(request, "symbol=ETH-USD&side=buy&qty=10&exclude_venues=binance,okx");
    const venues = f.venues.map((v) => v.venue);
    expect(venues).not.toContain("binance");
    expect(venues).not.toContain("okx");
    expect(f.venue_mix.map((m) => m.venue)).not.toContain("binance");
  });

  test("an order beyond all visible depth gets a clear answer, not an error", async ({ request }) => {
    const f = await forecast(request, "symbol=BTC-USD&side=buy&qty=100000");
    expect(f.complete).toBe(false);
    expect(f.fillable_qty).toBeGreaterThan(0);
    expect(f.fillable_qty).toBeLessThan(100000);
    expect(Number.isFinite(f.expected_cost_bps)).toBe(true);
    expect(f.warnings.join(" ")).toMatch(/depth/i);
    expect(f.fill_confidence.at(-1)!.probability).toBeLessThan(0.5);
  });

  for (const [name, query, field] of [
    ["zero qty", "symbol=BTC-USD&side=buy&qty=0", "qty"],
    ["negative qty", "symbol=BTC-USD&side=buy&qty=-1", "qty"],
    ["NaN qty", "symbol=BTC-USD&side=buy&qty=NaN", "qty"],
    ["non-numeric qty", "symbol=BTC-USD&side=buy&qty=ten", "qty"],
    ["huge qty", "symbol=BTC-USD&side=buy&qty=1e30", "qty"],
    ["infinite qty", "symbol=BTC-USD&side=buy&qty=Infinity", "qty"],
    ["missing qty", "symbol=BTC-USD&side=buy", "qty"],
    ["bad side", "symbol=BTC-USD&side=hold&qty=1", "side"],
    ["unknown symbol", "symbol=FOO-USD&side=buy&qty=1", "symbol"],
    ["unknown venue", "symbol=BTC-USD&side=buy&qty=1&exclude_venues=nasdaq", "exclude_venues.0"],
    ["all venues excluded", "symbol=BTC-USD&side=buy&qty=1&exclude_venues=binance,coinbase,kraken,okx,bybit,bitget,cryptocom", "exclude_venues"],
  ] as const) {
    test(`bad input: ${name}`, async ({ request }) => {
      const res = await request.get(`/v1/execution/forecast?${query}`, { headers: bearer(demoKey()) });
      const err = await expectEnvelope(res, "VALIDATION_ERROR", 422);
      expect(err.details.map((d) => d.field)).toContain(field);
    });
  }

  test("requires a key", async ({ request }) => {
    await expectEnvelope(await request.get("/v1/execution/forecast?symbol=BTC-USD&side=buy&qty=1"), "UNAUTHORIZED", 401);
  });
});
