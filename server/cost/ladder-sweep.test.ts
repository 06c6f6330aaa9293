import { describe, expect, it } from "vitest";
import type { Level } from "@/server/market-data/types";
import { createRng, type Rng } from "@/server/shared/rng";
import { cumulativeLadder } from "./cumulative-ladder";
import { GreedySweeper, type SweepVenue } from "./greedy-sweep";
import { LadderSweep } from "./ladder-sweep";
import { MergedLadder } from "./merged-ladder";
import { sweepCostsAtSizes } from "./sweep-ladder";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** A book side best first, on a 0.01 tick so different venues share prices (and scores tie). */
function side(rng: Rng, buy: boolean, levels: number): Level[] {
  let price = buy ? 100.01 + 0.01 * rng.int(5) : 99.99 - 0.01 * rng.int(5);
  return Array.from({ length: levels }, () => {
    const level = { price: Math.round(price * 100) / 100, qty: 0.05 + rng.int(40) * 0.05 };
    price += (buy ? 0.01 : -0.01) * (1 + rng.int(3));
    return level;
  });
}

function venue(name: string, levels: Level[], feeBps: number): SweepVenue {
  return { venue: name as SweepVenue["venue"], levels, feeBps, latencyBps: 0, stalenessBps: 0, lotSize: 0, minQty: 0, minNotional: 0 };
}

function expectSame(got: readonly number[], want: readonly number[], label: string): void {
  expect(got.length, label).toBe(want.length);
  got.forEach((g, k) => expect(close(g, want[k]!), `${label} [${k}] ${g} vs ${want[k]}`).toBe(true));
}

describe("LadderSweep (threshold search)", () => {
  it("gives the heap sweep's cost and fill at every size, ties and all, both sides", () => {
    const rng = createRng(17);
    const search = new LadderSweep();
    for (let trial = 0; trial < 300; trial++) {
      const buy = trial % 2 === 0;
      const mid = 100;
      // Integer fees on a tick grid: equal scores across venues happen often.
      const venues = Array.from({ length: 1 + rng.int(6) }, (_, v) => venue(`v${v}`, side(rng, buy, 1 + rng.int(25)), rng.int(3)));
      const sizes = [0, 0.01, 0.3, 1, 2.5, 6, 20, 80, 500].filter(() => rng.next() < 0.8);
      const want = { cost: [] as number[], filled: [] as number[] };
      sweepCostsAtSizes(new GreedySweeper(), venues, buy ? "buy" : "sell", mid, sizes, want.cost, want.filled);
      const got = { cost: [] as number[], filled: [] as number[] };
      search.resetHints(venues.length, sizes.length);
      search.begin();
      venues.forEach((v, i) => search.add(i, cumulativeLadder(v.levels), 0, mid, buy ? 1e4 / mid : -1e4 / mid, v.feeBps));
      search.costsAtSizes(sizes, 0, got.cost, got.filled);
      expectSame(got.cost, want.cost, `trial ${trial} cost`);
      expectSame(got.filled, want.filled, `trial ${trial} filled`);
    }
  });

  it("starts at a given size index and counts the levels the sweep would fill", () => {
    const rng = createRng(3);
    const venues = [venue("a", side(rng, true, 30), 1), venue("b", side(rng, true, 30), 0)];
    const sizes = [0.5, 3, 9];
    const want = { cost: [] as number[], filled: [] as number[] };
    const sweeper = new GreedySweeper();
    sweepCostsAtSizes(sweeper, venues, "buy", 100, sizes, want.cost, want.filled);
    const search = new LadderSweep();
    search.resetHints(2, sizes.length);
    search.begin();
    venues.forEach((v, i) => search.add(i, cumulativeLadder(v.levels), 0, 100, 100, v.feeBps));
    const cost = [-1, -1, -1];
    const filled = [-1, -1, -1];
    search.costsAtSizes(sizes, 1, cost, filled);
    expect(cost[0]).toBe(-1);
    expectSame(cost.slice(1), want.cost.slice(1), "cost");
    expectSame(filled.slice(1), want.filled.slice(1), "filled");
    expect(search.fillCount).toBe(sweeper.fillCount);
  });

  it("prices a ladder already merged in score order alongside venue ladders", () => {
    // The merged ladder's entries are scores (mid 0, sign 1, fixed 0); a deeper book joins it.
    const rng = createRng(5);
    const a = side(rng, true, 20);
    const b = side(rng, true, 20);
    const deep = side(rng, true, 60).map((l) => ({ ...l, price: l.price + 0.3 }));
    const merged = new MergedLadder([cumulativeLadder(a), cumulativeLadder(b)], Float64Array.from([2, 1]), 100, 100);
    merged.complete();
    const search = new LadderSweep();
    const sizes = [1, 10, 40, 1000];
    search.resetHints(3, sizes.length);
    search.begin();
    search.add(0, merged.ladder, 0, 0, 1, 0);
    search.add(1, cumulativeLadder(deep), 0, 100, 100, 0.5);
    const got = { cost: [] as number[], filled: [] as number[] };
    search.costsAtSizes(sizes, 0, got.cost, got.filled);
    const want = { cost: [] as number[], filled: [] as number[] };
    sweepCostsAtSizes(new GreedySweeper(), [venue("a", a, 2), venue("b", b, 1), venue("d", deep, 0.5)], "buy", 100, sizes, want.cost, want.filled);
    expectSame(got.cost, want.cost, "cost");
    expectSame(got.filled, want.filled, "filled");
  });

  it("gives the same answer whatever it is seeded with (seeds only speed it up)", () => {
    const rng = createRng(8);
    const venues = Array.from({ length: 5 }, (_, v) => venue(`v${v}`, side(rng, false, 40), v));
    const sizes = [0.2, 1, 4, 16, 64];
    const run = (seed: (s: LadderSweep) => void) => {
      const s = new LadderSweep();
      s.resetHints(5, sizes.length);
      s.begin();
      venues.forEach((v, i) => s.add(i, cumulativeLadder(v.levels), 0, 100, -100, v.feeBps));
      seed(s);
      const out = { cost: [] as number[], filled: [] as number[] };
      s.costsAtSizes(sizes, 0, out.cost, out.filled);
      return out;
    };
    const plain = run(() => {});
    // Wildly wrong seeds: t* and positions from elsewhere.
    const wild = run((s) => {
      const [w, h] = s.seedLengths;
      s.seedFrom(new Float64Array(w).fill(1e6), new Int32Array(h).fill(39));
    });
    const between = run((s) => {
      const [w, h] = s.seedLengths;
      s.seedBetween(Float64Array.from([1, 10]), new Float64Array(w).fill(-50), new Int32Array(h).fill(3), sizes);
    });
    expectSame(wild.cost, plain.cost, "wild seeds");
    expectSame(between.cost, plain.cost, "interpolated seeds");
  });
});

describe("MergedLadder", () => {
  it("answers the sweep's costs by binary search, merging only as deep as asked", () => {
    const rng = createRng(21);
    const venues = Array.from({ length: 4 }, (_, v) => venue(`v${v}`, side(rng, true, 30), v * 0.5));
    const merged = new MergedLadder(venues.map((v) => cumulativeLadder(v.levels)), Float64Array.from(venues.map((v) => v.feeBps)), 100, 100);
    const got = { cost: [] as number[], filled: [] as number[] };
    expect(merged.costsAtSizes([0.1, 0.5], Infinity, got.cost, got.filled)).toBe(2);
    expect(merged.ladder.levels).toBeLessThan(10);
    const sizes = [0.1, 0.5, 5, 30, 10_000];
    const all = { cost: [] as number[], filled: [] as number[] };
    merged.costsAtSizes(sizes, Infinity, all.cost, all.filled);
    const want = { cost: [] as number[], filled: [] as number[] };
    sweepCostsAtSizes(new GreedySweeper(), venues, "buy", 100, sizes, want.cost, want.filled);
    expectSame(all.cost, want.cost, "cost");
    expectSame(all.filled, want.filled, "filled");
  });

  it("stops at the first size whose marginal level scores above the bound", () => {
    const merged = new MergedLadder([cumulativeLadder([1, 2, 3].map((i) => ({ price: 100 + i * 0.1, qty: 1 })))], Float64Array.from([0]), 100, 100);
    const cost: number[] = [];
    // Scores ≈ 10, 20, 30 bps: a bound of 25 answers sizes up to 2 units.
    expect(merged.costsAtSizes([0.5, 2, 2.5], 25, cost, [])).toBe(2);
    expect(cost).toEqual([expect.closeTo(10, 9), expect.closeTo(15, 9)]);
    // A finite bound and sizes beyond every level: the caller's part.
    expect(merged.costsAtSizes([5], 1e9, [], [])).toBe(0);
  });
});
