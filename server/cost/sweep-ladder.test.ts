import { describe, expect, it } from "vitest";
import { allocateSweep } from "./allocate-sweep";
import { GreedySweeper, type SweepVenue } from "./greedy-sweep";
import { sweepCostsAtSizes } from "./sweep-ladder";

const v = (venue: SweepVenue["venue"], levels: SweepVenue["levels"], feeBps = 0): SweepVenue => ({
  venue,
  levels,
  feeBps,
  latencyBps: 0,
  stalenessBps: 0,
  lotSize: 0,
  minQty: 0,
  minNotional: 0,
});
const venues = [
  v("binance", [{ price: 100.1, qty: 1 }, { price: 100.3, qty: 2 }], 10),
  v("okx", [{ price: 100.2, qty: 1 }, { price: 100.4, qty: 5 }], 8),
];

describe("sweepCostsAtSizes", () => {
  it("gives each size the prefix average of one sweep (hand-computed)", () => {
    // Scores: binance 100.1 → 10+10 = 20; okx 100.2 → 20+8 = 28; binance 100.3 → 40; okx 100.4 → 48.
    // 0.5 → 20; 1.5 → (20 + 0.5·28)/1.5 = 22.667; 3 → (20 + 28 + 40)/3 = 29.333; 12 → all 9 units.
    const cost: number[] = [];
    const filled: number[] = [];
    sweepCostsAtSizes(new GreedySweeper(), venues, "buy", 100, [0.5, 1.5, 3, 12], cost, filled);
    expect(cost[0]).toBeCloseTo(20, 8);
    expect(cost[1]).toBeCloseTo(34 / 1.5, 8);
    expect(cost[2]).toBeCloseTo(88 / 3, 8);
    // 9 units: 20 + 28 + 2·40 + 5·48 = 368 → 40.889
    expect(cost[3]).toBeCloseTo(368 / 9, 8);
    expect(filled).toEqual([0.5, 1.5, 3, 9]);
  });

  it("agrees with the full allocation when no minimums bind", () => {
    const cost: number[] = [];
    const filled: number[] = [];
    sweepCostsAtSizes(new GreedySweeper(), venues, "buy", 100, [2.2], cost, filled);
    expect(cost[0]).toBeCloseTo(allocateSweep({ side: "buy", qty: 2.2, mid: 100, venues }).allInCostBps, 9);
  });

  it("is non-decreasing in size", () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 0.25 * (i + 1));
    const cost: number[] = [];
    sweepCostsAtSizes(new GreedySweeper(), venues, "buy", 100, sizes, cost, []);
    for (let i = 1; i < cost.length; i++) expect(cost[i]!).toBeGreaterThanOrEqual(cost[i - 1]! - 1e-12);
  });
});
