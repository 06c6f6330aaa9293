import { describe, expect, it } from "vitest";
import { BookSide } from "./book-side";

const prices = (s: BookSide) => s.levels.map((l) => l.price);

describe("BookSide", () => {
  it("keeps bids descending and asks ascending through inserts and deletes", () => {
    const bids = new BookSide("bid");
    const asks = new BookSide("ask");
    for (const p of [100, 98, 101, 99]) {
      bids.set(p, 1);
      asks.set(p, 1);
    }
    expect(prices(bids)).toEqual([101, 100, 99, 98]);
    expect(prices(asks)).toEqual([98, 99, 100, 101]);
    bids.set(100, 0);
    asks.set(42, 0); // deleting a missing level is a no-op
    expect(prices(bids)).toEqual([101, 99, 98]);
    expect(asks.length).toBe(4);
    expect(bids.indexOf(99)).toBe(1);
    expect(bids.indexOf(100)).toBe(-2); // would insert at index 1
    expect(bids.isBetter(101, 100)).toBe(true);
    expect(asks.isBetter(101, 100)).toBe(false);
  });

  it("replaces level objects instead of mutating them, so earlier snapshots stay intact", () => {
    const side = new BookSide("ask");
    side.set(10, 1);
    const snap = side.snapshot();
    side.set(10, 5);
    side.addQty(10, 2);
    expect(snap[0]!.qty).toBe(1);
    expect(side.best()!.qty).toBe(7);
    expect(Object.isFrozen(snap)).toBe(true);
  });

  it("adds quantity with optional lot rounding and sweeps from the best end", () => {
    const side = new BookSide("bid");
    side.addQty(5, 0.1);
    side.addQty(5, 0.2, (x) => Math.round(x * 1e8) / 1e8);
    expect(side.best()!.qty).toBe(0.3);
    side.addQty(4, 1);
    side.addQty(3, 1);
    side.removeBest(2);
    expect(prices(side)).toEqual([3]);
    side.setQtyAt(0, 0);
    expect(side.length).toBe(0);
  });

  it("re-prices every level in order and loads unsorted snapshots with duplicates", () => {
    const side = new BookSide("bid");
    side.replaceAll([
      { price: 1, qty: 1 },
      { price: 3, qty: 1 },
      { price: 2, qty: 0 },
      { price: 3, qty: 4 },
    ]);
    expect(side.levels).toEqual([
      { price: 3, qty: 4 },
      { price: 1, qty: 1 },
    ]);
    side.shiftPrices((p) => p + 10);
    expect(prices(side)).toEqual([13, 11]);
    expect(side.snapshot(1)).toEqual([{ price: 13, qty: 4 }]);
  });
});
