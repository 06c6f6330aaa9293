import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import type { TradeFlow } from "./build-trade-flow";
import { simulateMarketPath, type MarketPathParams } from "./simulate-market-path";

const flow = (venue: TradeFlow["venue"], ratePerS: number): TradeFlow => ({
  venue,
  ratePerS,
  source: "observed",
  drawSize: (rng) => 0.01 + rng.next() * 0.01,
});

const params: MarketPathParams = {
  mid0: 100,
  sigmaPerSecond: 0.001,
  stepMs: 100,
  steps: 2000,
  flows: [flow("binance", 20), flow("okx", 5)],
};

function ordersOf(path: ReturnType<typeof simulateMarketPath>, v: number, k: number): [boolean, number][] {
  const out: [boolean, number][] = [];
  path.stepOrders(v, k, (buy, qty) => out.push([buy, qty]));
  return out;
}

describe("simulated market path", () => {
  it("is the same path whatever order it is read in (lazy, per-stream)", () => {
    const a = simulateMarketPath(params, createRng(9).fork("path-0"));
    const b = simulateMarketPath(params, createRng(9).fork("path-0"));
    const late = ordersOf(b, 1, 50); // read okx's step 50 first, nothing else yet
    const mid50 = b.mid(50);
    for (let k = 1; k <= 50; k++) ordersOf(a, 0, k);
    expect(ordersOf(a, 1, 50)).toEqual(late);
    expect(a.mid(50)).toBe(mid50);
    expect(ordersOf(a, 0, 7)).toEqual(ordersOf(b, 0, 7));
    const c = simulateMarketPath(params, createRng(10).fork("path-0"));
    expect(c.mid(50)).not.toBe(mid50);
  });

  it("moves the mid with σ per second and no drift in the price", () => {
    const path = simulateMarketPath(params, createRng(1));
    let sumSq = 0;
    for (let k = 1; k <= params.steps; k++) sumSq += Math.log(path.mid(k) / path.mid(k - 1)) ** 2;
    const sigmaPerS = Math.sqrt(sumSq / params.steps / (params.stepMs / 1000));
    expect(sigmaPerS).toBeGreaterThan(0.00093);
    expect(sigmaPerS).toBeLessThan(0.00107);
    const flat = simulateMarketPath({ ...params, sigmaPerSecond: 0 }, createRng(1));
    expect(flat.mid(params.steps)).toBeCloseTo(100, 10);
  });

  it("brings market orders at each venue's rate, both sides", () => {
    const path = simulateMarketPath(params, createRng(2));
    let n = 0;
    let buys = 0;
    for (let k = 1; k <= params.steps; k++) {
      for (const [buy] of ordersOf(path, 0, k)) {
        n++;
        if (buy) buys++;
      }
    }
    const seconds = (params.steps * params.stepMs) / 1000;
    expect(n / seconds).toBeGreaterThan(18.5);
    expect(n / seconds).toBeLessThan(21.5);
    expect(buys / n).toBeGreaterThan(0.45);
    expect(buys / n).toBeLessThan(0.55);
  });

  it("adds Merton jumps when asked", () => {
    const path = simulateMarketPath({ ...params, jumps: { perDay: 86_400, sigmaLog: 0.01 } }, createRng(4));
    path.mid(params.steps);
    expect(path.jumps).toBeGreaterThan(100);
    expect(() => path.mid(params.steps + 1)).toThrow(RangeError);
  });
});
