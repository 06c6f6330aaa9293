import { beforeAll, describe, expect, it } from "vitest";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { BookView, Trade, VenueId } from "@/server/market-data/types";
import { createManualClock } from "@/server/shared/clock";
import { greedyPlanLegs } from "./greedy-plan-legs";
import { recommendStrategy } from "./recommend-strategy";
import { NoTwoSidedMarketError, simulateStrategies, type SimulateStrategiesInput } from "./simulate-strategies";
import type { StrategyResult } from "./summarize-strategy-paths";

const SYMBOL = "BTC-USD";
let market: { books: BookView[]; tradesByVenue: Partial<Record<VenueId, readonly Trade[]>>; sigmaPerSecond: number; nowMs: number };

beforeAll(() => {
  const clock = createManualClock();
  const source = createSimulatedSource({ clock, seed: 42, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: [SYMBOL] });
  source.start();
  const store = createObservationStore({ source, clock });
  for (let i = 0; i < 600; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  source.stop();
  const books: BookView[] = [];
  const tradesByVenue: Partial<Record<VenueId, readonly Trade[]>> = {};
  for (const venue of source.venuesFor(SYMBOL)) {
    books.push(source.book(venue, SYMBOL) as BookView);
    tradesByVenue[venue] = store.recentTrades(SYMBOL, venue, 60_000);
  }
  market = { books, tradesByVenue, sigmaPerSecond: store.volatility(SYMBOL).sigmaPerSecond, nowMs: clock.nowMs() };
});

function simInput(overrides: Partial<SimulateStrategiesInput> = {}): SimulateStrategiesInput {
  return {
    books: market.books,
    side: "buy",
    qty: 2,
    symbol: SYMBOL,
    urgency: "medium",
    sigmaPerSecond: market.sigmaPerSecond,
    tradesByVenue: market.tradesByVenue,
    planLegs: greedyPlanLegs,
    seed: 11,
    paths: 40,
    nowMs: market.nowMs,
    ...overrides,
  };
}

const byName = (results: readonly StrategyResult[], name: StrategyResult["strategy"]) => results.find((r) => r.strategy === name) as StrategyResult;

function expectFiniteOrNull(r: StrategyResult): void {
  for (const x of [r.p50CostBps, r.p90CostBps, r.meanCostBps, r.p50TimeToCompleteMs]) if (x !== null) expect(Number.isFinite(x)).toBe(true);
  for (const x of [r.meanFillRate, r.completionRate]) {
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(1);
  }
}

/** A hand-built venue book around mid 100 (tick 0.01 on Binance/OKX BTC-USD). */
function handBook(venue: VenueId, askQty: number[], bidQty: number[]): BookView {
  return {
    venue,
    symbol: SYMBOL,
    asks: askQty.map((qty, i) => ({ price: Number((100.01 + i * 0.01).toFixed(2)), qty })),
    bids: bidQty.map((qty, i) => ({ price: Number((99.99 - i * 0.01).toFixed(2)), qty })),
    seq: 1,
    updatedAtMs: 0,
  };
}

describe("simulateStrategies: reproducibility", () => {
  it("the same seed gives identical results; another seed does not", () => {
    const a = simulateStrategies(simInput());
    expect(simulateStrategies(simInput())).toEqual(a);
    const b = simulateStrategies(simInput({ seed: 12 }));
    expect(b.results.map((r) => r.p90CostBps)).not.toEqual(a.results.map((r) => r.p90CostBps));
  });

  it("strategies share each path's market: a strategy's result does not depend on which others run", () => {
    const all = simulateStrategies(simInput());
    const alone = simulateStrategies(simInput({ strategies: ["passive"] }));
    expect(alone.results).toEqual([byName(all.results, "passive")]);
  });
});

describe("simulateStrategies: costs", () => {
  it("aggressive on a deep book costs the t=0 book walk plus the taker fee", () => {
    const book = handBook("binance", [1, 1, 5, 50], [50]);
    const out = simulateStrategies(simInput({ books: [book], tradesByVenue: {}, qty: 2.5, urgency: "high", paths: 60 }));
    const aggressive = byName(out.results, "aggressive");
    // Walk: 1 @ 100.01 + 1 @ 100.02 + 0.5 @ 100.03 = VWAP 100.018 vs mid 100 → 1.8 bps, + 10 bps Binance taker.
    expect(out.arrivalMid).toBe(100);
    expect(aggressive.p50CostBps).toBeCloseTo(11.8, 8);
    expect(aggressive.meanFillRate).toBe(1);
    expect(aggressive.venuesUsed).toEqual(["binance"]);
    expect(aggressive.p50TimeToCompleteMs).toBeGreaterThan(0);
    expect(aggressive.p50TimeToCompleteMs).toBeLessThan(100);

    const sell = simulateStrategies(simInput({ books: [book], tradesByVenue: {}, qty: 10, side: "sell", urgency: "high", paths: 20, strategies: ["aggressive"] }));
    expect(sell.results[0]?.p50CostBps).toBeCloseTo(1 + 10, 8); // 10 @ 99.99: 1 bp under mid, + fee
  });

  it("passive costs less than aggressive for a small order when makers pay less than takers", () => {
    const venues = new Set<VenueId>(["binance", "okx", "bybit"]);
    const books = market.books.filter((b) => venues.has(b.venue));
    const out = simulateStrategies(simInput({ books, qty: 0.5, paths: 60, feeTier: { binance: "VIP3", okx: "VIP3", bybit: "VIP3" } }));
    const passive = byName(out.results, "passive");
    const aggressive = byName(out.results, "aggressive");
    expect(passive.meanFillRate).toBeGreaterThan(0.95);
    expect(passive.meanCostBps as number).toBeLessThan(aggressive.meanCostBps as number);
    expect(passive.p50CostBps as number).toBeLessThan(aggressive.p50CostBps as number);
    expect(passive.venuesUsed.every((v) => venues.has(v))).toBe(true);
  });

  it("a passive order fills more of itself the more time it is given", () => {
    const run = (urgency: "low" | "high") => byName(simulateStrategies(simInput({ qty: 200, urgency, paths: 20, strategies: ["passive"] })).results, "passive");
    const high = run("high");
    const low = run("low");
    expect(high.meanFillRate).toBeLessThan(0.9);
    expect(low.meanFillRate).toBeGreaterThan(high.meanFillRate + 0.2);
    expect(high.bindingConstraints).toContain("horizon");
  });
});

describe("simulateStrategies: constraints", () => {
  it("an order larger than all depth fills partly, says depth and horizon bound it, and never yields NaN", () => {
    const books = [handBook("binance", [0.5, 0.5], [0.5]), handBook("okx", [0.3], [0.3])];
    const out = simulateStrategies(simInput({ books, tradesByVenue: {}, qty: 500, urgency: "high", paths: 20 }));
    for (const r of out.results) expectFiniteOrNull(r);
    const aggressive = byName(out.results, "aggressive");
    expect(aggressive.meanFillRate).toBeGreaterThan(0);
    expect(aggressive.meanFillRate).toBeLessThan(0.05);
    expect(aggressive.bindingConstraints).toEqual(expect.arrayContaining(["depth", "horizon"]));
    expect(aggressive.p50TimeToCompleteMs).toBeNull();
    expect(byName(out.results, "passive").bindingConstraints).toContain("horizon");
    const rec = recommendStrategy(out.results);
    expect(rec.message).toMatch(/No strategy fills at least 95/);
  });

  it("excluded venues are never used and are reported as binding", () => {
    const books = market.books.filter((b) => b.venue !== "binance" && b.venue !== "cryptocom");
    const out = simulateStrategies(simInput({ books, excludedVenues: ["binance", "cryptocom"], paths: 20 }));
    for (const r of out.results) {
      expect(r.venuesUsed).not.toContain("binance");
      expect(r.venuesUsed).not.toContain("cryptocom");
      expect(r.bindingConstraints).toContain("exclude_venues");
    }
  });

  it("passive_only and max_cost_bps change the recommendation", () => {
    const out = simulateStrategies(simInput());
    const base = recommendStrategy(out.results);
    expect(base.recommended).not.toBeNull();
    const chosen = byName(out.results, base.recommended?.strategy as StrategyResult["strategy"]);

    const passiveOnly = recommendStrategy(out.results, { passiveOnly: true });
    expect(passiveOnly.recommended?.strategy).toBe("passive");
    expect(passiveOnly.dropped.map((d) => d.strategy).sort()).toEqual(["aggressive", "split"]);

    const others = out.results.filter((r) => r.strategy !== chosen.strategy);
    const cheapestOther = Math.min(...others.map((r) => r.p50CostBps as number));
    // Here (seeded) the recommended strategy is strictly the cheapest, so a cap just below
    // its P50 removes it — and with it everything else.
    expect(cheapestOther).toBeGreaterThan(chosen.p50CostBps as number);
    const between = recommendStrategy(out.results, { maxCostBps: ((chosen.p50CostBps as number) + cheapestOther) / 2 });
    expect(between.recommended?.strategy).toBe(chosen.strategy);
    expect(between.dropped).toHaveLength(2);
    const none = recommendStrategy(out.results, { maxCostBps: Math.min(...out.results.map((r) => r.p50CostBps as number)) - 1 });
    expect(none.recommended).toBeNull();
    expect(none.dropped).toHaveLength(3);
    expect(none.message).toMatch(/^No strategy meets the constraints/);
  });

  it("refuses inputs it cannot simulate", () => {
    expect(() => simulateStrategies(simInput({ books: [handBook("binance", [1], [])] }))).toThrow(NoTwoSidedMarketError);
    expect(() => simulateStrategies(simInput({ qty: 0 }))).toThrow(RangeError);
    expect(() => simulateStrategies(simInput({ sigmaPerSecond: Number.NaN }))).toThrow(RangeError);
    expect(() => simulateStrategies(simInput({ paths: 0 }))).toThrow(RangeError);
    const book = handBook("binance", [1], [1]);
    expect(() => simulateStrategies(simInput({ books: [book, book] }))).toThrow(/two books/);
    expect(() => simulateStrategies(simInput({ books: [{ ...book, symbol: "ETH-USD" }] }))).toThrow(/not BTC-USD/);
  });
});
