import { describe, expect, it } from "vitest";
import { computeMarkouts, MARKOUT_HORIZONS_MS } from "./markouts";

// Mid path: 100 until 10 s, 100.5 from 10 s, 101 from 11 s, 99 from 15 s; data ends at 60 s.
const mids = [
  { tsMs: 0, mid: 100 },
  { tsMs: 10_000, mid: 100.5 },
  { tsMs: 11_000, mid: 101 },
  { tsMs: 15_000, mid: 99 },
  { tsMs: 60_000, mid: 99 },
];
const fills = [
  { qty: 1, price: 100.5, atMs: 10_000 },
  { qty: 3, price: 100.6, atMs: 10_000 },
];

describe("computeMarkouts (post-trade mark-outs)", () => {
  it("qty-weights side·(mid(t+h) − p)/p, hand-computed for a buy", () => {
    const m = computeMarkouts("buy", fills, mids);
    expect(m.map((x) => x.horizonMs)).toEqual([...MARKOUT_HORIZONS_MS]);
    const at = (h: number) => m.find((x) => x.horizonMs === h)!;
    // −1 s: mid 100. (1·(−0.5/100.5) + 3·(−0.6/100.6))·1e4/4 = (−49.7512 − 178.9264)/4 = −57.1694 bps.
    expect(at(-1_000).bps).toBeCloseTo((-5000 / 100.5 - 18000 / 100.6) / 4, 9);
    expect(at(-1_000).bps).toBeCloseTo(-57.1694, 3);
    // +1 s: mid 101 → (0.5/100.5 + 3·0.4/100.6)·1e4/4 = (49.7512 + 119.2843)/4 = 42.2589 bps; USD 0.5 + 1.2 = 1.7.
    expect(at(1_000).bps).toBeCloseTo(42.2589, 3);
    expect(at(1_000).usd).toBeCloseTo(1.7, 12);
    // +5 s: mid 99 → adverse: (−1.5/100.5 − 3·1.6/100.6)·1e4/4 = (−149.2537 − 477.1372)/4 = −156.5977 bps.
    expect(at(5_000).bps).toBeCloseTo(-156.5977, 3);
    // +60 s lands on 70 s, after the newest sample: unavailable, not extrapolated.
    expect(at(60_000)).toMatchObject({ available: false, bps: undefined, coveredFills: 0, fills: 2 });
    expect(at(30_000).available).toBe(true);
  });
  it("flips the sign for a sell (a falling mid after a sale is good)", () => {
    const m = computeMarkouts("sell", [{ qty: 2, price: 100, atMs: 11_000 }], mids, [5_000]);
    // mid(16 s) = 99: −1·(99 − 100)/100·1e4 = +100 bps; USD 2·1 = 2.
    expect(m[0]!.bps).toBeCloseTo(100, 9);
    expect(m[0]!.usd).toBeCloseTo(2, 12);
  });
  it("is unavailable when only part of the fills are covered", () => {
    const m = computeMarkouts("buy", [{ qty: 1, price: 100, atMs: 0 }, { qty: 1, price: 100, atMs: 59_000 }], mids, [30_000]);
    expect(m[0]).toMatchObject({ available: false, coveredFills: 1, fills: 2 });
  });
});
