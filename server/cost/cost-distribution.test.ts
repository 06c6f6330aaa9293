import { describe, expect, it } from "vitest";
import type { BookView, Level, VenueId } from "@/server/market-data/types";
import type { BookState, StateBook } from "./align-book-states";
import { capacityCurve, capacitySizes } from "./capacity-curve";
import { costDistribution, horizonRiskBps } from "./cost-distribution";
import { fillConfidence } from "./fill-confidence";
import { normalQuantile } from "./normal";
import { sampleSweepCosts } from "./sample-sweep-costs";
import type { VenueCostSpec } from "./venue-cost-spec";

const spec = (venue: VenueId, feeBps: number): VenueCostSpec => ({ venue, feeTier: "t", feeBps, ackLatencyMs: 20, lotSize: 0, minQty: 0, minNotional: 0 });
const specs = [spec("binance", 10), spec("okx", 0)];
const sb = (venue: VenueId, tsMs: number, bid: number, asks: Level[]): StateBook => ({ venue, tsMs, bids: [{ price: bid, qty: 5 }], asks });

// Three hand-computed states around mid 100 (σ = 0 so only price + fee count):
// A: binance 100.1 x1 (10+10 = 20 bps), 100.3 x2 (40); okx 100.2 x1 (20).   size 1 → 20, 2 → 20, 4 → (20+20+80)/4 = 30
// B: binance 100.2 x1 (30), 100.4 x5 (50); okx 100.3 x0.5 (30); bids 99.8.   size 1 → 30, 2 → (30+15+25)/2 = 35, 4 → (30+15+125)/4 = 42.5
// C: binance 100.1 x1 only.                                                 size 1 → 20, 2 and 4 → 20 (partial: 1 filled)
const states: BookState[] = [
  { tsMs: 1000, books: [sb("binance", 1000, 99.9, [{ price: 100.1, qty: 1 }, { price: 100.3, qty: 2 }]), sb("okx", 1000, 99.9, [{ price: 100.2, qty: 1 }])] },
  { tsMs: 2000, books: [sb("binance", 2000, 99.8, [{ price: 100.2, qty: 1 }, { price: 100.4, qty: 5 }]), sb("okx", 2000, 99.8, [{ price: 100.3, qty: 0.5 }])] },
  { tsMs: 3000, books: [sb("binance", 3000, 99.9, [{ price: 100.1, qty: 1 }])] },
];
const samples = () => sampleSweepCosts({ states, specs, side: "buy", sizes: [1, 2, 4], sigmaPerSecond: 0 });

describe("sampleSweepCosts", () => {
  it("prices every size in every state (hand-computed)", () => {
    const s = samples();
    expect(s.count).toBe(3);
    expect([...s.cost[0]!]).toEqual([20, 30, 20].map((x) => expect.closeTo(x, 8)));
    expect([...s.cost[1]!]).toEqual([20, 35, 20].map((x) => expect.closeTo(x, 8)));
    expect([...s.cost[2]!]).toEqual([30, 42.5, 20].map((x) => expect.closeTo(x, 8)));
    expect([...s.filled[2]!]).toEqual([4, 4, 1]);
  });

  it("thins the states past the fill budget, keeping the newest and the window's span", () => {
    const many: BookState[] = Array.from({ length: 10 }, (_, i) => ({ ...states[0]!, tsMs: 1000 * (i + 1) }));
    // Each state fills 3 levels for size 4 (20, 20, 40 bps) → 30 fills; budget 12 → stride 3.
    const s = sampleSweepCosts({ states: many, specs, side: "buy", sizes: [4], sigmaPerSecond: 0, maxFills: 12 });
    expect(s.stride).toBe(3);
    expect(s.statesConsidered).toBe(10);
    expect(s.stateTimesMs).toEqual([1000, 4000, 7000, 10_000]);
    expect(s.count).toBe(4);
  });

  it("continues a truncated top-N sample with today's deeper levels", () => {
    const deep: BookView = {
      venue: "binance",
      symbol: "BTC-USD",
      bids: [{ price: 99.9, qty: 5 }],
      asks: [{ price: 100.1, qty: 1 }, { price: 100.3, qty: 2 }, { price: 100.5, qty: 10 }],
      seq: 1,
      updatedAtMs: 1000,
    };
    const only: BookState[] = [{ tsMs: 1000, books: [sb("binance", 1000, 99.9, [{ price: 100.1, qty: 1 }, { price: 100.3, qty: 2 }])] }];
    const s = sampleSweepCosts({ states: only, specs, side: "buy", sizes: [5], sigmaPerSecond: 0, deepBooks: [deep], truncatedAt: 2 });
    // 1 @20 + 2 @40 + 2 @60 = 220 / 5 = 44
    expect(s.cost[0]![0]).toBeCloseTo(44, 8);
    expect(s.filled[0]![0]).toBe(5);
  });

  it("charges staleness from each venue sample's age at the state's time", () => {
    const one: BookState[] = [{ tsMs: 5000, books: [sb("okx", 1000, 99.9, [{ price: 100.1, qty: 1 }])] }];
    const s = sampleSweepCosts({ states: one, specs, side: "buy", sizes: [1], sigmaPerSecond: 1e-4 });
    // price 10 + fee 0 + latency 1e-4·√0.02·1e4·0.39894 + staleness 1e-4·√4·1e4·0.39894
    expect(s.cost[0]![0]).toBeCloseTo(10 + 0.0564189 + 0.7978846, 6);
  });
});

describe("costDistribution", () => {
  it("without a horizon move: type-7 quantiles of the state costs, partial states flagged", () => {
    const d = costDistribution(samples(), 1, { sigmaPerSecond: 0, horizonMs: 1000 });
    // size 2: [20, 35, 20] → sorted 20, 20, 35: P50 = 20, P90 = 20 + 0.8·15 = 32
    expect(d).toMatchObject({ modelVersion: "cost-dist-v1", qty: 2, samples: 3, partial: true, horizonRiskBps: 0 });
    expect(d.p50Bps).toBeCloseTo(20, 10);
    expect(d.p90Bps).toBeCloseTo(32, 10);
    expect(d.meanBps).toBeCloseTo(25, 10);
    expect(d.completeFraction).toBeCloseTo(2 / 3, 12);
  });

  it("adds the horizon move: one state → P90 = s + z₀.₉·σ·√T", () => {
    const s = sampleSweepCosts({ states: [states[0]!], specs, side: "buy", sizes: [1], sigmaPerSecond: 0 });
    const d = costDistribution(s, 0, { sigmaPerSecond: 2e-4, horizonMs: 60_000 });
    const h = 2e-4 * Math.sqrt(60) * 1e4; // 15.49 bps
    expect(d.horizonRiskBps).toBeCloseTo(h, 10);
    expect(horizonRiskBps(2e-4, 60_000)).toBeCloseTo(h, 10);
    expect(d.p50Bps).toBeCloseTo(20, 6);
    expect(d.p90Bps).toBeCloseTo(20 + normalQuantile(0.9) * h, 6);
    expect(d.partial).toBe(false);
  });

  it("applies and reports a calibration, raw figures kept", () => {
    const d = costDistribution(samples(), 1, {
      sigmaPerSecond: 0,
      horizonMs: 0,
      calibration: { p50Scale: 1, p90Scale: 1, p50OffsetBps: 2, p90OffsetBps: 5, source: "conformal", observations: 40 },
    });
    expect(d.p50Bps).toBeCloseTo(22, 10);
    expect(d.p90Bps).toBeCloseTo(37, 10);
    expect(d.raw.p90Bps).toBeCloseTo(32, 10);
    expect(d.calibration).toMatchObject({ source: "conformal", applied: true });
  });

  it("no book states: zeros and a clear flag, never NaN", () => {
    const s = sampleSweepCosts({ states: [], specs, side: "buy", sizes: [1], sigmaPerSecond: 1e-4 });
    const d = costDistribution(s, 0, { sigmaPerSecond: 1e-4, horizonMs: 100 });
    expect(d).toMatchObject({ p50Bps: 0, p90Bps: 0, samples: 0, completeFraction: 0, partial: false });
  });
});

describe("fillConfidence", () => {
  it("counts states that cannot fill as not completing (hand-computed, no horizon move)", () => {
    const fc = fillConfidence(samples(), 1, { sigmaPerSecond: 0, horizonMs: 0, levelsBps: [19, 25, 40, 100] });
    // complete states cost 20 (A) and 35 (B); C cannot fill 2.
    expect(fc.points.map((p) => p.probability)).toEqual([0, 1 / 3, 2 / 3, 2 / 3].map((x) => expect.closeTo(x, 12)));
    expect(fc.completeFraction).toBeCloseTo(2 / 3, 12);
  });

  it("is a monotone curve rising to the complete fraction with a horizon move", () => {
    const fc = fillConfidence(samples(), 0, { sigmaPerSecond: 1e-4, horizonMs: 30_000 });
    // The 12-point grid plus the distribution's own P50 and P90.
    expect(fc.points).toHaveLength(14);
    for (let i = 1; i < fc.points.length; i++) {
      expect(fc.points[i]!.costBps).toBeGreaterThan(fc.points[i - 1]!.costBps);
      expect(fc.points[i]!.probability).toBeGreaterThanOrEqual(fc.points[i - 1]!.probability);
    }
    expect(fc.points[0]!.probability).toBeLessThan(0.1);
    expect(fc.points.at(-1)!.probability).toBeGreaterThan(0.99);
  });

  it("at the calibrated P50 the probability is about one half for a fully fillable size", () => {
    const s = sampleSweepCosts({ states: states.slice(0, 2), specs, side: "buy", sizes: [2], sigmaPerSecond: 0 });
    const cal = { p50Scale: 1, p90Scale: 1, p50OffsetBps: 3, p90OffsetBps: 3, source: "t", observations: 30 };
    const d = costDistribution(s, 0, { sigmaPerSecond: 1e-4, horizonMs: 60_000, calibration: cal });
    const fc = fillConfidence(s, 0, { sigmaPerSecond: 1e-4, horizonMs: 60_000, calibration: cal, levelsBps: [d.p50Bps, d.p90Bps] });
    expect(fc.points[0]!.probability).toBeCloseTo(0.5, 5);
    expect(fc.points[1]!.probability).toBeCloseTo(0.9, 5);
  });
});

describe("capacityCurve", () => {
  it("P50/P90 per size (hand-computed) and non-decreasing", () => {
    const curve = capacityCurve(samples(), 2, { sigmaPerSecond: 0, horizonMs: 0 });
    // size 1: [20,30,20] → 20, 28; size 2: → 20, 32; size 4: [30,42.5,20] → 30, 40
    expect(curve.points.map((p) => [p.qty, p.multiplier])).toEqual([
      [1, 0.5],
      [2, 1],
      [4, 2],
    ]);
    expect(curve.points.map((p) => p.p50Bps)).toEqual([20, 20, 30].map((x) => expect.closeTo(x, 8)));
    expect(curve.points.map((p) => p.p90Bps)).toEqual([28, 32, 40].map((x) => expect.closeTo(x, 8)));
    expect(curve.points.map((p) => p.completeFraction)).toEqual([1, 2 / 3, 2 / 3].map((x) => expect.closeTo(x, 12)));
  });

  it("the 1× point is the distribution itself", () => {
    const sizes = capacitySizes(2);
    expect(sizes).toEqual([0.2, 0.5, 1, 2, 4, 8, 16]);
    const s = sampleSweepCosts({ states, specs, side: "buy", sizes, sigmaPerSecond: 1e-4 });
    const curve = capacityCurve(s, 2, { sigmaPerSecond: 1e-4, horizonMs: 5000 });
    const d = costDistribution(s, 3, { sigmaPerSecond: 1e-4, horizonMs: 5000 });
    expect(curve.points[3]!.p50Bps).toBe(d.p50Bps);
    expect(curve.points[3]!.p90Bps).toBe(d.p90Bps);
    for (let k = 1; k < curve.points.length; k++) {
      expect(curve.points[k]!.p50Bps).toBeGreaterThanOrEqual(curve.points[k - 1]!.p50Bps);
      expect(curve.points[k]!.p90Bps).toBeGreaterThanOrEqual(curve.points[k - 1]!.p90Bps);
      expect(curve.points[k]!.p90Bps).toBeGreaterThanOrEqual(curve.points[k]!.p50Bps);
    }
  });
});
