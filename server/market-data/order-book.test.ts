import { describe, expect, it } from "vitest";
import { OrderBook, type BookIssue } from "./order-book";

const L = (price: number, qty: number) => ({ price, qty });

function seeded(): OrderBook {
  const book = new OrderBook("binance", "BTC-USD");
  book.applySnapshot([L(99, 2), L(100, 1), L(98, 3)], [L(102, 1), L(101, 2)], 100, 1_000);
  return book;
}

describe("OrderBook snapshot and deltas", () => {
  it("sorts a snapshot best-first and serves it", () => {
    const v = seeded().view();
    expect(v?.bids.map((l) => l.price)).toEqual([100, 99, 98]);
    expect(v?.asks.map((l) => l.price)).toEqual([101, 102]);
    expect(v?.seq).toBe(100);
    expect(v?.updatedAtMs).toBe(1_000);
  });

  it("applies inserts, updates and qty-0 deletes", () => {
    const book = seeded();
    const r = book.applyDelta({
      firstSeq: 101,
      lastSeq: 103,
      bids: [L(100.5, 4), L(99, 0), L(98, 7)],
      asks: [L(101, 0), L(103, 1)],
      tsMs: 1_100,
    });
    expect(r).toBe("applied");
    const v = book.view();
    expect(v?.bids).toEqual([L(100.5, 4), L(100, 1), L(98, 7)]);
    expect(v?.asks).toEqual([L(102, 1), L(103, 1)]);
    expect(v?.seq).toBe(103);
    expect(book.ageMs(1_250)).toBe(150);
  });

  it("returns the same cached view until the next update, and views stay immutable", () => {
    const book = seeded();
    const a = book.view();
    expect(book.view()).toBe(a);
    book.applyDelta({ firstSeq: 101, lastSeq: 101, bids: [L(100, 5)], asks: [], tsMs: 1_001 });
    const b = book.view();
    expect(b).not.toBe(a);
    expect(a?.bids[0]?.qty).toBe(1); // the old view did not change under the caller
    expect(b?.bids[0]?.qty).toBe(5);
    expect(Object.isFrozen(b)).toBe(true);
    expect(Object.isFrozen(b?.bids)).toBe(true);
  });
});

describe("OrderBook sequencing (Binance spot rule)", () => {
  it("drops deltas already contained in the snapshot and bridges with U <= id+1 <= u", () => {
    const book = seeded();
    expect(book.applyDelta({ firstSeq: 90, lastSeq: 100, bids: [L(100, 9)], asks: [], tsMs: 1 })).toBe("stale");
    expect(book.view()?.bids[0]?.qty).toBe(1);
    expect(book.applyDelta({ firstSeq: 95, lastSeq: 105, bids: [L(100, 9)], asks: [], tsMs: 2 })).toBe("applied");
    expect(book.applyDelta({ firstSeq: 106, lastSeq: 110, bids: [], asks: [], tsMs: 3 })).toBe("applied");
    expect(book.seq).toBe(110);
    expect(book.stats).toMatchObject({ stale: 1, applied: 2, gaps: 0 });
  });

  it("treats a first delta that starts after id+1 as a gap", () => {
    const book = seeded();
    expect(book.applyDelta({ firstSeq: 102, lastSeq: 105, bids: [], asks: [], tsMs: 2 })).toBe("gap");
  });

  it("marks a gap, hides the book and refuses deltas until a new snapshot", () => {
    const issues: BookIssue[] = [];
    const book = new OrderBook("binance", "BTC-USD", { onIssue: (i) => issues.push(i) });
    book.applySnapshot([L(100, 1)], [L(101, 1)], 10, 0);
    expect(book.applyDelta({ firstSeq: 11, lastSeq: 12, bids: [], asks: [], tsMs: 1 })).toBe("applied");
    expect(book.applyDelta({ firstSeq: 14, lastSeq: 15, bids: [], asks: [], tsMs: 2 })).toBe("gap");
    expect(book.needsResync).toBe(true);
    expect(book.view()).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: "gap", seq: 12, firstSeq: 14 });
    // even the delta that would have been next is refused: the book is untrusted now
    expect(book.applyDelta({ firstSeq: 13, lastSeq: 13, bids: [], asks: [], tsMs: 3 })).toBe("awaiting_snapshot");
    book.applySnapshot([L(100, 1)], [L(101, 1)], 20, 4);
    expect(book.needsResync).toBe(false);
    expect(book.view()?.seq).toBe(20);
  });

  it("refuses deltas before the first snapshot", () => {
    const book = new OrderBook("okx", "ETH-USD");
    expect(book.view()).toBeUndefined();
    expect(book.applyDelta({ firstSeq: 1, lastSeq: 1, bids: [L(1, 1)], asks: [], tsMs: 0 })).toBe("awaiting_snapshot");
    expect(book.ageMs(5)).toBe(Infinity);
  });
});

describe("OrderBook sequencing (Binance futures rule, prevSeq)", () => {
  it("bridges with U <= id <= u, then requires pu === previous u", () => {
    const book = seeded(); // seq 100
    expect(book.applyDelta({ firstSeq: 97, lastSeq: 104, prevSeq: 96, bids: [], asks: [], tsMs: 1 })).toBe("applied");
    // futures ids are not contiguous: U jumps, pu links
    expect(book.applyDelta({ firstSeq: 120, lastSeq: 130, prevSeq: 104, bids: [], asks: [], tsMs: 2 })).toBe("applied");
    expect(book.applyDelta({ firstSeq: 131, lastSeq: 140, prevSeq: 129, bids: [], asks: [], tsMs: 3 })).toBe("gap");
  });

  it("accepts a first delta linked by pu after an event equal to the snapshot id was dropped", () => {
    const book = seeded(); // seq 100
    expect(book.applyDelta({ firstSeq: 95, lastSeq: 100, prevSeq: 94, bids: [], asks: [], tsMs: 1 })).toBe("stale");
    expect(book.applyDelta({ firstSeq: 150, lastSeq: 160, prevSeq: 100, bids: [], asks: [], tsMs: 2 })).toBe("applied");
  });
});

describe("OrderBook crossed-book detection", () => {
  it("flags a delta that crosses the book", () => {
    const issues: BookIssue[] = [];
    const book = new OrderBook("kraken", "BTC-USD", { onIssue: (i) => issues.push(i) });
    book.applySnapshot([L(100, 1)], [L(101, 1)], 1, 0);
    expect(book.applyDelta({ firstSeq: 2, lastSeq: 2, bids: [L(101, 1)], asks: [], tsMs: 5 })).toBe("crossed");
    expect(book.needsResync).toBe(true);
    expect(book.view()).toBeUndefined();
    expect(issues[0]).toMatchObject({ kind: "crossed", bestBid: 101, bestAsk: 101 });
    expect(book.stats.crossed).toBe(1);
  });

  it("flags a crossed snapshot", () => {
    const book = new OrderBook("kraken", "BTC-USD");
    expect(book.applySnapshot([L(102, 1)], [L(101, 1)], 1, 0)).toBe("crossed");
    expect(book.view()).toBeUndefined();
  });

  it("caps the levels in a view without losing them from the book", () => {
    const book = new OrderBook("bybit", "SOL-USD", { maxViewLevels: 2 });
    book.applySnapshot([L(10, 1), L(9, 1), L(8, 1)], [L(11, 1)], 1, 0);
    expect(book.view()?.bids).toHaveLength(2);
    expect(book.bids.length).toBe(3);
  });
});
