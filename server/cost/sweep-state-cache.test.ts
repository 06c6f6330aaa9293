import { describe, expect, it } from "vitest";
import type { BookSample } from "@/server/market-data/observation-store";
import type { BookView, Level } from "@/server/market-data/types";
import { alignBookStates, type BookState } from "./align-book-states";
import { sampleSweepCosts } from "./sample-sweep-costs";
import { SweepStateCache, type SweepContext } from "./sweep-state-cache";
import { referenceSweepCosts } from "./testing/reference-sweep-costs";
import type { VenueCostSpec } from "./venue-cost-spec";

const context = (over: Partial<SweepContext> = {}): SweepContext => ({
  buy: true,
  sigma: 1e-4,
  multiplier: 0.4,
  truncatedAt: 20,
  sizes: Float64Array.from([1, 2]),
  venues: ["binance"],
  fee: Float64Array.from([10]),
  latency: Float64Array.from([0.5]),
  extra: Float64Array.from([0]),
  deep: [undefined],
  ...over,
});

describe("SweepStateCache", () => {
  it("hands out one context object per distinct context, and keeps only the last few", () => {
    const cache = new SweepStateCache();
    const a = cache.context(context());
    expect(cache.context(context())).toBe(a);
    expect(cache.context(context({ sigma: 2e-4 }))).not.toBe(a);
    expect(cache.context(context({ sizes: Float64Array.from([1, 2.0000001]) }))).not.toBe(a);
    expect(cache.context(context({ deep: [{ packed: new Float64Array(0), levels: 0, qty: new Float64Array(1), cost: new Float64Array(1), ascending: true, descending: true }] }))).not.toBe(a);
    expect(cache.context(context({ buy: false }))).not.toBe(a);
    for (let i = 0; i < 8; i++) cache.context(context({ sigma: i }));
    expect(cache.context(context())).not.toBe(a);
  });

  it("prepares a state once per side and keeps the align memos of recent keys only", () => {
    const cache = new SweepStateCache();
    const state: BookState = { tsMs: 1000, books: [{ venue: "binance", tsMs: 900, bids: [{ price: 99, qty: 1 }], asks: [{ price: 101, qty: 1 }] }] };
    const buy = cache.side(state, true);
    expect(cache.side(state, true)).toBe(buy);
    expect(cache.side(state, false)).not.toBe(buy);
    expect(buy.mid).toBe(100);
    expect(buy.sqrtAge[0]).toBeCloseTo(Math.sqrt(0.1), 15);
    const memo = cache.alignMemo("BTC-USD|a");
    expect(cache.alignMemo("BTC-USD|a")).toBe(memo);
    for (let i = 0; i < 64; i++) cache.alignMemo(`k${i}`);
    expect(cache.alignMemo("BTC-USD|a")).not.toBe(memo);
  });
});

const sample = (tsMs: number, asks: Level[]): BookSample => ({ tsMs, seq: tsMs, bids: [{ price: 99.9, qty: 5 }], asks });

describe("alignBookStates with a memo", () => {
  const asks = (p: number) => [{ price: p, qty: 1 }];
  const history = [sample(1000, asks(100.1)), sample(2000, asks(100.2)), sample(3000, asks(100.3))];
  const current = (updatedAtMs: number): BookView[] => [{ venue: "binance", symbol: "BTC-USD", bids: [{ price: 99.9, qty: 1 }], asks: asks(100.4), seq: 9, updatedAtMs }];

  it("returns the same state objects while the samples are the same, and new ones for what changed", () => {
    const memo = { firstSlot: 0, bySlot: [] };
    const books = current(3500);
    const input = { histories: [{ venue: "binance" as const, samples: history }], current: books, nowMs: 4000, maxStates: 10 };
    const a = alignBookStates(input, memo);
    const b = alignBookStates(input, memo);
    expect(b).toEqual(a);
    b.forEach((s, i) => expect(s).toBe(a[i]));
    // A new sample: the old seconds are the same objects, the new second is new.
    const c = alignBookStates({ ...input, histories: [{ venue: "binance", samples: [...history, sample(4000, asks(100.5))] }], nowMs: 5000 }, memo);
    expect(c.slice(0, 3)).toEqual(a.slice(0, 3));
    c.slice(0, 3).forEach((s, i) => expect(s).toBe(a[i]));
    expect(c[3]!.books[0]!.asks[0]!.price).toBe(100.5);
    // Other current books: a new current state, the history unchanged.
    const d = alignBookStates({ ...input, current: current(3600) }, memo);
    expect(d[d.length - 1]).not.toBe(a[a.length - 1]);
    expect(d.slice(0, -1)).toEqual(a.slice(0, -1));
    // The same as without a memo, every time.
    expect(d).toEqual(alignBookStates({ ...input, current: current(3600) }));
  });
});

describe("cached pricing", () => {
  const specs: VenueCostSpec[] = [
    { venue: "binance", feeTier: "t", feeBps: 10, ackLatencyMs: 20, lotSize: 0, minQty: 0, minNotional: 0 },
    { venue: "okx", feeTier: "t", feeBps: 8, ackLatencyMs: 15, lotSize: 0, minQty: 0, minNotional: 0 },
  ];
  const ladder = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ price: from + 0.1 * i, qty: 1 }));
  const states: BookState[] = [900, 1900, 2900].map((t) => ({
    tsMs: t + 100,
    books: [
      { venue: "binance" as const, tsMs: t, bids: [{ price: 99.9, qty: 5 }], asks: ladder(100.1, 3) },
      { venue: "okx" as const, tsMs: t + 50, bids: [{ price: 99.8, qty: 5 }], asks: [100.3, 100.1, 100.2].map((price) => ({ price, qty: 1 })) },
    ],
  }));
  const deep: BookView[] = [{ venue: "binance", symbol: "BTC-USD", bids: [], asks: ladder(100.1, 40), seq: 1, updatedAtMs: 0 }];

  it("agrees with the sweep when a sample's prices are out of order (it is swept, not searched)", () => {
    const cache = new SweepStateCache();
    for (let round = 0; round < 3; round++) {
      const input = { states, specs, side: "buy" as const, sizes: [0.5, 2, 8], sigmaPerSecond: 1e-4, deepBooks: deep, truncatedAt: 3 };
      const got = sampleSweepCosts({ ...input, cache });
      const want = referenceSweepCosts(input);
      for (let k = 0; k < 3; k++) for (let i = 0; i < 3; i++) expect(got.cost[k]![i]).toBeCloseTo(want.cost[k]![i]!, 9);
    }
  });

  it("answers a repeated question with the same numbers, and a changed one afresh", () => {
    const cache = new SweepStateCache();
    const sorted = states.map((s) => ({ ...s, books: s.books.map((b) => ({ ...b, asks: [...b.asks].sort((x, y) => x.price - y.price) })) }));
    const input = { states: sorted, specs, side: "buy" as const, sizes: [0.5, 2, 8], sigmaPerSecond: 1e-4, deepBooks: deep, truncatedAt: 3 };
    const first = sampleSweepCosts({ ...input, cache });
    const again = sampleSweepCosts({ ...input, cache });
    expect(again.cost).toEqual(first.cost);
    const otherFee = sampleSweepCosts({ ...input, specs: [{ ...specs[0]!, feeBps: 20 }, specs[1]!], cache });
    const want = referenceSweepCosts({ ...input, specs: [{ ...specs[0]!, feeBps: 20 }, specs[1]!] });
    for (let k = 0; k < 3; k++) for (let i = 0; i < 3; i++) expect(otherFee.cost[k]![i]).toBeCloseTo(want.cost[k]![i]!, 9);
    expect(otherFee.cost[2]![0]).toBeGreaterThan(first.cost[2]![0]!);
  });
});
