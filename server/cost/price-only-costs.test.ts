import { describe, expect, it } from "vitest";
import type { BookView, Level } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { GreedySweeper, type SweepVenue } from "./greedy-sweep";
import { priceOnlyCostsAtSizes } from "./price-only-costs";
import { takenLevels } from "./side";
import { sweepCostsAtSizes } from "./sweep-ladder";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function book(venue: string, asks: Level[], bids: Level[]): BookView {
  return { venue: venue as BookView["venue"], symbol: "BTC-USD", asks, bids, seq: 1, updatedAtMs: 0 };
}

function reference(books: readonly BookView[], side: "buy" | "sell", mid: number, sizes: number[]) {
  const venues: SweepVenue[] = books.map((b) => ({ venue: b.venue, levels: takenLevels(b, side), feeBps: 0, latencyBps: 0, stalenessBps: 0, lotSize: 0, minQty: 0, minNotional: 0 }));
  const cost: number[] = [];
  const filled: number[] = [];
  sweepCostsAtSizes(new GreedySweeper(), venues, side, mid, sizes, cost, filled);
  return { cost, filled };
}

describe("priceOnlyCostsAtSizes", () => {
  it("matches a price-only sweep, on both sides, also asked again for other sizes", () => {
    const rng = createRng(4);
    const books = Array.from({ length: 4 }, (_, v) => {
      let a = 100.01;
      let b = 99.99;
      return book(
        `v${v}`,
        Array.from({ length: 30 }, () => ({ price: (a += 0.01 * (1 + rng.int(3))), qty: 0.1 + rng.int(20) * 0.1 })),
        Array.from({ length: 30 }, () => ({ price: (b -= 0.01 * (1 + rng.int(3))), qty: 0.1 + rng.int(20) * 0.1 })),
      );
    });
    for (const side of ["buy", "sell"] as const) {
      for (const sizes of [[0.5, 1, 2], [10, 20, 40], [100, 200, 400]]) {
        const got = { cost: [] as number[], filled: [] as number[] };
        priceOnlyCostsAtSizes(new GreedySweeper(), books, side, 100, sizes, got.cost, got.filled);
        const want = reference(books, side, 100, sizes);
        got.cost.forEach((c, k) => expect(close(c, want.cost[k]!), `${side} ${sizes[k]}`).toBe(true));
        got.filled.forEach((f, k) => expect(close(f, want.filled[k]!)).toBe(true));
      }
    }
  });

  it("sweeps a book whose prices are out of order (walked in array order, as the sweep does)", () => {
    const books = [book("a", [100.3, 100.1, 100.2].map((price) => ({ price, qty: 1 })), [{ price: 99.9, qty: 1 }])];
    const got = { cost: [] as number[], filled: [] as number[] };
    priceOnlyCostsAtSizes(new GreedySweeper(), books, "buy", 100, [1, 2], got.cost, got.filled);
    expect(got).toEqual(reference(books, "buy", 100, [1, 2]));
  });
});
