import { describe, expect, it } from "vitest";
import type { BookView } from "@/server/market-data/types";
import { createPathBookTemplate } from "./path-book-template";
import { PathVenueBook } from "./path-venue-book";

const BOOK: BookView = {
  venue: "binance",
  symbol: "BTC-USD",
  bids: [
    { price: 99.99, qty: 1 },
    { price: 99.97, qty: 2 },
    { price: 99.9, qty: 3 },
  ],
  asks: [
    { price: 100.01, qty: 1 },
    { price: 100.03, qty: 2 },
    { price: 100.1, qty: 3 },
    { price: 100.2, qty: 4 },
    { price: 100.3, qty: 5 },
    { price: 100.4, qty: 6 },
  ],
  seq: 7,
  updatedAtMs: 0,
};

const HALF_LIFE_S = 10;
const book = () => new PathVenueBook(createPathBookTemplate(BOOK), 0, Math.LN2 / HALF_LIFE_S);

describe("path venue book", () => {
  it("starts as the given book and re-centres by whole ticks, keeping its shape", () => {
    const b = book();
    expect(b.best("bid")).toEqual({ price: 99.99, qty: 1 });
    expect(b.best("ask")).toEqual({ price: 100.01, qty: 1 });
    const seq = b.seq;
    b.moveTo(150, 1000); // +1.50 at a 0.01 tick
    expect(b.seq).toBeGreaterThan(seq);
    expect(b.updatedAtMs).toBe(1000);
    expect(b.best("bid")).toEqual({ price: 101.49, qty: 1 });
    expect(b.qtyAt("ask", 101.53)).toBe(2);
    expect(b.qtyAt("ask", 100.03)).toBe(0);
    expect(b.qtyAt("ask", 101.535)).toBe(0); // off the tick grid
  });

  it("our taker fills deplete a level, which recovers at the resilience rate (Obizhaeva–Wang)", () => {
    const b = book();
    b.consume("ask", 100.01, 1);
    b.consume("ask", 100.03, 1);
    expect(b.best("ask")).toEqual({ price: 100.03, qty: 1 });
    b.moveTo(0, HALF_LIFE_S * 1000); // one half-life later
    expect(b.qtyAt("ask", 100.01)).toBeCloseTo(0.5, 5);
    expect(b.qtyAt("ask", 100.03)).toBeCloseTo(1.5, 5);
    b.moveTo(0, 100 * HALF_LIFE_S * 1000);
    expect(b.qtyAt("ask", 100.01)).toBe(1);
    // Depletion is tied to the distance from the mid: it moves with the book.
    const c = book();
    c.consume("ask", 100.01, 1);
    c.moveTo(-2, 0);
    expect(c.best("ask")).toEqual({ price: 100.01, qty: 2 });
  });

  it("other traders' prints walk the book without depleting it", () => {
    const b = book();
    const prints: [number, number][] = [];
    b.printTrades(true, 2.5, (p, q) => prints.push([p, q]));
    expect(prints).toEqual([
      [100.01, 1],
      [100.03, 1.5],
    ]);
    expect(b.best("ask")).toEqual({ price: 100.01, qty: 1 });
  });

  it("counts the quantity up to a price, inclusive, optionally capped", () => {
    const b = book();
    expect(b.qtyUpTo("ask", 100.03)).toBe(3);
    expect(b.qtyUpTo("ask", 100.05)).toBe(3);
    expect(b.qtyUpTo("ask", 100.0)).toBe(0);
    expect(b.qtyUpTo("bid", 99.97)).toBe(3);
    b.consume("ask", 100.01, 0.4);
    expect(b.qtyUpTo("ask", 100.03)).toBeCloseTo(2.6, 12);
    expect(b.qtyUpTo("ask", 100.4, 2)).toBeLessThan(21);
  });

  it("snapshots the book, truncated to what a sweep of a given size needs", () => {
    const b = book();
    expect(b.snapshot().asks).toHaveLength(6);
    const s = b.snapshot("ask", 3.5);
    expect(s.asks.map((l) => l.price)).toEqual([100.01, 100.03, 100.1]);
    expect(s.bids).toHaveLength(3);
    expect(s).toMatchObject({ venue: "binance", symbol: "BTC-USD" });
  });
});
