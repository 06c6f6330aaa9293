import { expect, test, type APIRequestContext } from "@playwright/test";
import { SimulateResponseSchema } from "@/lib/contracts/pretrade";
import { bearer, demoKey, expectEnvelope } from "../support/demo";

async function simulate(request: APIRequestContext, query: string) {
  const res = await request.get(`/v1/execution/simulate?${query}`, { headers: bearer(demoKey()) });
  expect(res.status(), await res.text()).toBe(200);
  return SimulateResponseSchema.parse(await res.json());
}

test.describe("GET /v1/execution/simulate", () => {
  for (const symbol of ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"]) {
    test(`${symbol}: three strategies compared with a recommendation`, async ({ request }) => {
      const qty = { "BTC-USD": 1, "ETH-USD": 20, "SOL-USD": 300, "XRP-USD": 20_000, "DOGE-USD": 200_000 }[symbol];
      const s = await simulate(request, `symbol=${symbol}&side=buy&qty=${qty}&urgency=medium&paths=100`);
      expect(s.scenarios.map((x) => x.strategy).sort()).toEqual(["aggressive", "passive", "split"]);
      for (const x of s.scenarios) {
        expect(x.p90_cost_bps).toBeGreaterThanOrEqual(x.est_cost_bps);
        expect(x.fill_rate).toBeGreaterThan(0);
        expect(x.fill_rate).toBeLessThanOrEqual(1);
        expect(x.venue_count).toBe(x.venues.length);
      }
      const aggressive = s.scenarios.find((x) => x.strategy === "aggressive")!;
      expect(aggressive.fill_rate).toBeGreaterThan(0.99);
      expect(s.recommended).not.toBeNull();
      expect(s.recommended!.reason.length).toBeGreaterThan(10);
    });
  }

  test("the seed and path count are echoed (determinism itself is unit-tested on a frozen market)", async ({ request }) => {
    const s = await simulate(request, "symbol=BTC-USD&side=sell&qty=3&urgency=high&paths=50&seed=99");
    expect(s.seed).toBe(99);
    expect(s.paths).toBe(50);
    expect(s.urgency).toBe("high");
  });

  test("passive_only keeps only passive strategies", async ({ request }) => {
    const s = await simulate(request, "symbol=ETH-USD&side=buy&qty=5&passive_only=true&paths=50");
    expect(s.scenarios.map((x) => x.strategy)).toEqual(["passive"]);
    expect(s.dropped.map((d) => d.strategy).sort()).toEqual(["aggressive", "split"]);
    expect(s.recommended?.strategy ?? null).not.toBe("aggressive");
  });

  test("max_cost_bps drops strategies above it and says why; none left is said plainly", async ({ request }) => {
    const s = await simulate(request, "symbol=BTC-USD&side=buy&qty=1&max_cost_bps=-500&paths=50");
    expect(s.scenarios).toEqual([]);
    expect(s.dropped.length).toBe(3);
    for (const d of s.dropped) expect(d.reason).toMatch(/max_cost_bps/);
    expect(s.recommended).toBeNull();
    expect(s.message).toMatch(/no strategy/i);
  });

  test("exclude_venues removes venues from every scenario", async ({ request }) => {
    const s = await simulate(request, "symbol=BTC-USD&side=buy&qty=2&exclude_venues=binance,bybit&paths=50");
    for (const x of s.scenarios) {
      expect(x.venues).not.toContain("binance");
      expect(x.venues).not.toContain("bybit");
    }
  });

  for (const [name, query, field] of [
    ["bad urgency", "symbol=BTC-USD&side=buy&qty=1&urgency=asap", "urgency"],
    ["bad passive_only", "symbol=BTC-USD&side=buy&qty=1&passive_only=maybe", "passive_only"],
    ["bad max_cost_bps", "symbol=BTC-USD&side=buy&qty=1&max_cost_bps=cheap", "max_cost_bps"],
    ["zero qty", "symbol=BTC-USD&side=buy&qty=0", "qty"],
    ["too many paths", "symbol=BTC-USD&side=buy&qty=1&paths=100000", "paths"],
    ["all venues excluded", "symbol=BTC-USD&side=buy&qty=1&exclude_venues=binance,coinbase,kraken,okx,bybit,bitget,cryptocom", "exclude_venues"],
  ] as const) {
    test(`bad input: ${name}`, async ({ request }) => {
      const err = await expectEnvelope(
        await request.get(`/v1/execution/simulate?${query}`, { headers: bearer(demoKey()) }),
        "VALIDATION_ERROR",
        422,
      );
      expect(err.details.map((d) => d.field)).toContain(field);
    });
  }
});
