/**
 * The optimised sampler (merged ladders, threshold search, per-state cache) against the
 * straightforward one it replaced (testing/reference-sweep-costs.ts: every state swept
 * level by level to the largest size), on simulated markets as they move: every state's
 * cost and fill, and what the forecast makes of them (P50, P90, fill confidence, capacity
 * curve), within 1e-9 relative. The cache is kept across steps, so its every route is
 * exercised: first sight of a state, reuse within a market step, a new deeper book, a new
 * σ, a different order size, orders beyond the visible depth.
 */
import { describe, expect, it } from "vitest";
import { createObservationStore, type ObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource, type SimulatedSource } from "@/server/market-data/simulated-source";
import type { BookView } from "@/server/market-data/types";
import { createManualClock, type ManualClock } from "@/server/shared/clock";
import { alignBookStates, type BookState } from "./align-book-states";
import { capacityCurve, capacitySizes } from "./capacity-curve";
import { costDistribution } from "./cost-distribution";
import { fillConfidence } from "./fill-confidence";
import { sampleSweepCosts, type SweepCostSamples } from "./sample-sweep-costs";
import { SweepStateCache } from "./sweep-state-cache";
import { referenceSweepCosts } from "./testing/reference-sweep-costs";
import { venueCostSpecs, type VenueCostSpec } from "./venue-cost-spec";

interface Market {
  clock: ManualClock;
  source: SimulatedSource;
  store: ObservationStore;
}

function market(seed: number, seconds: number): Market {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: ["BTC-USD"] });
  source.start();
  const store = createObservationStore({ source, clock });
  for (let i = 0; i < seconds * 10; i++) step(clock, source);
  return { clock, source, store };
}

function step(clock: ManualClock, source: SimulatedSource, ms = 100): void {
  clock.advance(ms);
  source.advanceTo(clock.nowMs());
}

/** |a − b| within 1e-9 of the larger magnitude (1 as the floor: these are bps and BTC). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function expectSameSamples(got: SweepCostSamples, want: SweepCostSamples, label: string): void {
  expect(got.count, label).toBe(want.count);
  expect(got.stride, label).toBe(want.stride);
  expect(got.stateTimesMs, label).toEqual(want.stateTimesMs);
  const bad: string[] = [];
  for (let k = 0; k < want.sizes.length; k++) {
    for (let i = 0; i < want.count; i++) {
      const c = [got.cost[k]![i]!, want.cost[k]![i]!] as const;
      const f = [got.filled[k]![i]!, want.filled[k]![i]!] as const;
      if (!close(...c) || !close(...f)) bad.push(`${label} size ${want.sizes[k]} state ${i}: cost ${c[0]} vs ${c[1]}, filled ${f[0]} vs ${f[1]}`);
    }
  }
  expect(bad).toEqual([]);
}

/** What forecastCost makes of the samples: the distribution, fill confidence and capacity curve. */
function expectSameForecast(got: SweepCostSamples, want: SweepCostSamples, qty: number, sigma: number, label: string): void {
  const orderIndex = got.sizes.indexOf(qty);
  const common = { sigmaPerSecond: sigma, horizonMs: 60 };
  const [a, b] = [costDistribution(got, orderIndex, common), costDistribution(want, orderIndex, common)];
  expect(close(a.p50Bps, b.p50Bps) && close(a.p90Bps, b.p90Bps) && close(a.meanBps, b.meanBps), `${label} P50/P90 ${a.p50Bps}/${a.p90Bps} vs ${b.p50Bps}/${b.p90Bps}`).toBe(true);
  expect(a.completeFraction, label).toBe(b.completeFraction);
  const [fa, fb] = [fillConfidence(got, orderIndex, common), fillConfidence(want, orderIndex, common)];
  expect(fa.points.length, label).toBe(fb.points.length);
  fa.points.forEach((p, j) => {
    expect(close(p.costBps, fb.points[j]!.costBps) && close(p.probability, fb.points[j]!.probability), `${label} fill point ${j}`).toBe(true);
  });
  const [ca, cb] = [capacityCurve(got, qty, common), capacityCurve(want, qty, common)];
  ca.points.forEach((p, j) => {
    const q = cb.points[j]!;
    expect(close(p.p50Bps, q.p50Bps) && close(p.p90Bps, q.p90Bps) && p.completeFraction === q.completeFraction, `${label} capacity ${p.qty}`).toBe(true);
  });
}

interface Scene {
  states: BookState[];
  specs: VenueCostSpec[];
  books: BookView[];
  sigma: number;
}

function scene(m: Market, cache: SweepStateCache): Scene {
  const venues = m.source.venuesFor("BTC-USD");
  const books = venues.map((v) => m.source.book(v, "BTC-USD")!);
  const specs = venueCostSpecs("BTC-USD", venues);
  const histories = specs.map((s) => ({ venue: s.venue, samples: m.store.bookSamples("BTC-USD", s.venue) }));
  const states = alignBookStates({ histories, current: books, nowMs: m.clock.nowMs(), maxStates: 60, sampleEveryMs: 1000 }, cache.alignMemo("BTC-USD"));
  return { states, specs, books, sigma: m.store.volatility("BTC-USD").sigmaPerSecond };
}

const ORDERS = [0.001, 0.1, 1, 5, 20, 50, 100, 1000] as const;

describe("the optimised sampler against the reference sweep", () => {
  it.each([42, 7, 99])("agrees state by state and in the forecast as the market moves (seed %i)", (seed) => {
    const m = market(seed, 75);
    const cache = new SweepStateCache();
    // Steps: a new deeper book (100 ms), unchanged (0 ms: everything reused), a new second
    // (new state, new σ), and again unchanged.
    for (const ms of [0, 100, 0, 1000, 0, 300]) {
      step(m.clock, m.source, ms);
      const s = scene(m, cache);
      for (const side of ["buy", "sell"] as const) {
        for (const qty of ORDERS) {
          const input = { states: s.states, specs: s.specs, side, sizes: capacitySizes(qty, [0.1, 0.25, 0.5, 1, 2, 4, 8]), sigmaPerSecond: s.sigma, deepBooks: s.books };
          const want = referenceSweepCosts(input);
          const label = `seed ${seed} +${ms}ms ${side} ${qty}`;
          const cached = sampleSweepCosts({ ...input, cache });
          expectSameSamples(cached, want, `${label} (cache)`);
          expectSameForecast(cached, want, qty, s.sigma, label);
          expectSameSamples(sampleSweepCosts(input), want, `${label} (no cache)`);
        }
      }
    }
  });

  it("agrees for order sizes that change from call to call (seeded from other sizes)", () => {
    const m = market(11, 70);
    const cache = new SweepStateCache();
    const s = scene(m, cache);
    for (const qty of [5, 5.3, 4.1, 50, 61, 37, 0.2, 2000]) {
      const input = { states: s.states, specs: s.specs, side: "buy" as const, sizes: capacitySizes(qty), sigmaPerSecond: s.sigma, deepBooks: s.books };
      expectSameSamples(sampleSweepCosts({ ...input, cache }), referenceSweepCosts(input), `qty ${qty}`);
    }
  });

  it("thins states under a fill budget exactly as the reference does", () => {
    const m = market(42, 70);
    const cache = new SweepStateCache();
    const s = scene(m, cache);
    for (const maxFills of [12_000, 4000, 500]) {
      const input = { states: s.states, specs: s.specs, side: "buy" as const, sizes: capacitySizes(50), sigmaPerSecond: s.sigma, deepBooks: s.books, maxFills };
      const want = referenceSweepCosts(input);
      expect(want.stride).toBeGreaterThan(1);
      expectSameSamples(sampleSweepCosts({ ...input, cache }), want, `budget ${maxFills}`);
    }
  });

  it("uses every state for a large order by default", () => {
    const m = market(42, 70);
    const s = scene(m, new SweepStateCache());
    const got = sampleSweepCosts({ states: s.states, specs: s.specs, side: "buy", sizes: capacitySizes(50), sigmaPerSecond: s.sigma, deepBooks: s.books });
    expect(got.stride).toBe(1);
    expect(got.count).toBe(60);
  });
});
