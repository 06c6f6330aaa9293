import { describe, expect, it } from "vitest";
import { simulateStrategies } from "@/server/execution/simulate-strategies";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { Trade, VenueId } from "@/server/market-data/types";
import { createManualClock } from "@/server/shared/clock";
import { createSweepPlanner } from "./plan-sweep-legs";

function frozenMarket(symbol: string) {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed: 11, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: [symbol] });
  source.start();
  const observations = createObservationStore({ source, clock });
  for (let i = 0; i < 300; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  const books = source.venuesFor(symbol).flatMap((v) => source.book(v, symbol) ?? []);
  const trades: Partial<Record<VenueId, readonly Trade[]>> = {};
  for (const b of books) trades[b.venue] = observations.recentTrades(symbol, b.venue, 30_000);
  return { clock, books, trades, sigma: observations.volatility(symbol).sigmaPerSecond };
}

describe("sweep planner (cost engine allocation as the execution layer's leg planner)", () => {
  const m = frozenMarket("BTC-USD");
  const plan = createSweepPlanner({ symbol: "BTC-USD", sigmaPerSecond: m.sigma, nowMs: () => m.clock.nowMs() });

  it("splits the whole quantity across venues when depth allows", () => {
    const legs = plan(m.books, "buy", 40);
    expect(legs.length).toBeGreaterThan(1);
    expect(legs.reduce((s, l) => s + l.qty, 0)).toBeCloseTo(40, 6);
    expect(new Set(legs.map((l) => l.venue)).size).toBe(legs.length);
  });

  it("plans nothing for an empty market or a zero quantity", () => {
    expect(plan([], "buy", 1)).toEqual([]);
    expect(plan(m.books, "sell", 0)).toEqual([]);
  });

  it("same seed on the same books gives the same simulation; another seed differs", () => {
    const run = (seed: number) =>
      simulateStrategies({
        books: m.books,
        side: "buy",
        qty: 3,
        symbol: "BTC-USD",
        urgency: "high",
        sigmaPerSecond: m.sigma,
        tradesByVenue: m.trades,
        tradeWindowMs: 30_000,
        planLegs: plan,
        seed,
        paths: 40,
        nowMs: m.clock.nowMs(),
      });
    const a = run(5);
    expect(run(5)).toEqual(a);
    expect(run(6).results).not.toEqual(a.results);
    expect(a.results.map((r) => r.strategy).sort()).toEqual(["aggressive", "passive", "split"]);
  });
});
