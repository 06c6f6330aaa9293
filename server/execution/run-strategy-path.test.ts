import { describe, expect, it } from "vitest";
import type { BookView } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { createAggressiveStrategy } from "./aggressive-strategy";
import { greedyPlanLegs } from "./greedy-plan-legs";
import { createPassiveStrategy } from "./passive-strategy";
import { createPathBookTemplate } from "./path-book-template";
import { runStrategyPath, type StrategyPathSetup } from "./run-strategy-path";
import { simulateMarketPath } from "./simulate-market-path";
import { pathCostBps } from "./summarize-strategy-paths";

function bookWithQueue(queue: number): BookView {
  return {
    venue: "binance",
    symbol: "BTC-USD",
    bids: [
      { price: 99.99, qty: queue },
      { price: 99.98, qty: 50 },
    ],
    asks: [
      { price: 100.01, qty: 1 },
      { price: 100.02, qty: 50 },
    ],
    seq: 1,
    updatedAtMs: 0,
  };
}

/** A still market (σ = 0) whose only event is a steady tape of 0.1 BTC orders, 10 a second. */
function setup(queue: number, overrides: Partial<StrategyPathSetup> = {}): StrategyPathSetup {
  const path = simulateMarketPath(
    { mid0: 100, sigmaPerSecond: 0, stepMs: 100, steps: 600, flows: [{ venue: "binance", ratePerS: 10, source: "observed", drawSize: () => 0.1 }] },
    createRng(5),
  );
  return {
    symbol: "BTC-USD",
    side: "buy",
    qty: 0.5,
    startMs: 0,
    horizonMs: 60_000,
    books: [createPathBookTemplate(bookWithQueue(queue))],
    path,
    resiliencePerS: Math.LN2 / 10,
    strategy: createPassiveStrategy(),
    engineRng: createRng(6),
    rejectRates: { binance: 0 },
    ...overrides,
  };
}

describe("one strategy over one path", () => {
  it("a passive bid waits for the sell flow to work through the queue ahead of it", () => {
    const short = runStrategyPath(setup(1));
    const long = runStrategyPath(setup(4));
    for (const o of [short, long]) {
      expect(o.filledQty).toBeCloseTo(0.5, 12);
      expect(o.notional / o.filledQty).toBeCloseTo(99.99, 10);
      // Maker fee (Binance entry tier 10 bps) less the 1 bp below mid.
      expect(pathCostBps(o, "buy", 100)).toBeCloseTo(9, 6);
    }
    // ~0.5 BTC/s of sells: about (queue + 0.5) / 0.5 seconds.
    expect(short.timeToCompleteMs).toBeGreaterThan(1500);
    expect(short.timeToCompleteMs).toBeLessThan(5000);
    expect(long.timeToCompleteMs).toBeGreaterThan(6000);
    expect(long.timeToCompleteMs).toBeLessThan(15000);
  });

  it("runs out of time when the queue is longer than the horizon's flow", () => {
    const o = runStrategyPath(setup(100, { horizonMs: 10_000 }));
    expect(o.filledQty).toBe(0);
    expect(o.timeToCompleteMs).toBeNull();
    expect([...o.bound]).toEqual(["horizon"]);
  });

  it("an aggressive order takes the offer at arrival and pays the taker fee", () => {
    const o = runStrategyPath(setup(1, { strategy: createAggressiveStrategy(greedyPlanLegs), qty: 1.5 }));
    expect(o.filledQty).toBe(1.5);
    // 1 @ 100.01 + 0.5 @ 100.02 vs mid 100, plus 10 bps.
    expect(pathCostBps(o, "buy", 100)).toBeCloseTo(((1 * 100.01 + 0.5 * 100.02) / 1.5 / 100 - 1) * 1e4 + 10, 8);
    expect(o.timeToCompleteMs).toBeGreaterThan(0);
    expect(o.timeToCompleteMs).toBeLessThan(200);
  });
});
