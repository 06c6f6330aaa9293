import { describe, expect, it } from "vitest";
import { arrivalMid, computeBenchmarks, costVsBenchmarkBps, intervalVwap, twapOfMids } from "./benchmarks";

const trade = (tsMs: number, price: number, qty: number) => ({ tsMs, price, qty });

describe("intervalVwap (Berkowitz, Logue & Noser 1988)", () => {
  it("Σp·q/Σq over the inclusive window, hand-computed", () => {
    // In window: 1×100 + 2×101 + 1×102 = 404 over 4 → 101. The prints at 900 and 2100 are outside.
    const tape = [trade(900, 99, 5), trade(1000, 100, 1), trade(1500, 101, 2), trade(2000, 102, 1), trade(2100, 110, 10)];
    expect(intervalVwap(tape, 1000, 2000)).toBeCloseTo(101, 12);
  });
  it("is undefined when the tape has no prints in the window", () => {
    expect(intervalVwap([trade(500, 100, 1)], 1000, 2000)).toBeUndefined();
  });
});

describe("twapOfMids (step function)", () => {
  const mids = [
    { tsMs: 0, mid: 100 },
    { tsMs: 10_000, mid: 102 },
    { tsMs: 20_000, mid: 104 },
  ];
  it("weights each mid by how long it was in force, hand-computed", () => {
    // [5 s,10 s) at 100 → 500; [10 s,20 s) at 102 → 1020; [20 s,25 s] at 104 → 520; 2040/20 = 102.
    expect(twapOfMids(mids, 5_000, 25_000)).toBeCloseTo(102, 12);
    // A sample average would give 103 for [10 s, 25 s]; time weighting: (102·10 + 104·5)/15 = 102.6667.
    expect(twapOfMids(mids, 10_000, 25_000)).toBeCloseTo(1540 / 15, 12);
  });
  it("starts at the first sample when the series begins inside the window", () => {
    expect(twapOfMids(mids.slice(1), 0, 20_000)).toBeCloseTo(102, 12);
  });
  it("is undefined with no sample at or before the window's end", () => {
    expect(twapOfMids(mids, -5_000, -1)).toBeUndefined();
  });
});

describe("computeBenchmarks", () => {
  it("signs costs so positive = cost for both sides, hand-computed", () => {
    expect(arrivalMid([{ tsMs: 0, mid: 100 }, { tsMs: 50, mid: 100.2 }], 60)).toBe(100.2);
    // Buy avg 101 vs arrival 100 → +100 bps; sell avg 101 vs 100 → −100 bps (received more).
    expect(costVsBenchmarkBps("buy", 101, 100)).toBeCloseTo(100, 10);
    expect(costVsBenchmarkBps("sell", 101, 100)).toBeCloseTo(-100, 10);
    const b = computeBenchmarks({
      side: "buy",
      avgPrice: 101,
      decisionMid: 100,
      arrivalMid: 100.5,
      mids: [{ tsMs: 0, mid: 100 }, { tsMs: 10_000, mid: 102 }],
      trades: [trade(1_000, 100, 1), trade(2_000, 104, 3)],
      fromMs: 0,
      toMs: 20_000,
    });
    // Decision 100 → 100 bps; arrival 100.5 → 0.5/100.5·1e4 = 49.7512 bps;
    // VWAP (100 + 312)/4 = 103 → −2/103·1e4 = −194.1748 bps; TWAP (100·10 + 102·10)/20 = 101 → 0.
    expect(b.decision.costBps).toBeCloseTo(100, 9);
    expect(b.arrival.costBps).toBeCloseTo(49.75124378, 6);
    expect(b.intervalVwap.price).toBeCloseTo(103, 12);
    expect(b.intervalVwap.costBps).toBeCloseTo(-194.17475728, 6);
    expect(b.twap.price).toBeCloseTo(101, 12);
    expect(b.twap.costBps).toBeCloseTo(0, 9);
  });
  it("leaves costs undefined when nothing filled", () => {
    const b = computeBenchmarks({ side: "sell", avgPrice: undefined, decisionMid: 100, arrivalMid: 100, mids: [], trades: [], fromMs: 0, toMs: 1 });
    expect(b.decision.costBps).toBeUndefined();
    expect(b.intervalVwap.price).toBeUndefined();
    expect(b.twap.price).toBeUndefined();
  });
});

describe("interval VWAP from a stored tape figure", () => {
  it("uses the given VWAP instead of the trades, and null as no prints", () => {
    const base = { side: "buy" as const, avgPrice: 101, decisionMid: 100, arrivalMid: 100, mids: [], trades: [{ price: 90, qty: 1, tsMs: 5 }], fromMs: 0, toMs: 10 };
    expect(computeBenchmarks(base).intervalVwap.price).toBe(90);
    expect(computeBenchmarks({ ...base, tapeVwap: 100 }).intervalVwap).toEqual({ price: 100, costBps: 100 });
    expect(computeBenchmarks({ ...base, tapeVwap: null }).intervalVwap.price).toBeUndefined();
  });
});
