import { describe, expect, it } from "vitest";
import type { BookView } from "@/server/market-data/types";
import { InvalidQuantityError, walkBook } from "./book-walk";

// Hand-computed book: bids 99.9 x1, 99.8 x2, 99.5 x5; asks 100.1 x1, 100.2 x2, 100.5 x5.
// Mid = 100.0.
const book: BookView = {
  venue: "binance",
  symbol: "BTC-USD",
  bids: [
    { price: 99.9, qty: 1 },
    { price: 99.8, qty: 2 },
    { price: 99.5, qty: 5 },
  ],
  asks: [
    { price: 100.1, qty: 1 },
    { price: 100.2, qty: 2 },
    { price: 100.5, qty: 5 },
  ],
  seq: 1,
  updatedAtMs: 0,
};

describe("walkBook (hand-computed book)", () => {
  it("buys 2.5: 1 @100.1 + 1.5 @100.2 → VWAP 100.16, 16 bps over mid 100", () => {
    const w = walkBook(book, "buy", 2.5);
    // (100.1·1 + 100.2·1.5) / 2.5 = (100.1 + 150.3) / 2.5 = 250.4 / 2.5 = 100.16
    expect(w.avgPrice).toBeCloseTo(100.16, 10);
    expect(w.costBps).toBeCloseTo(16, 8);
    expect(w.levelsUsed).toBe(2);
    expect(w.worstPrice).toBe(100.2);
    expect(w.complete).toBe(true);
    expect(w.shortfallQty).toBe(0);
    expect(w.filledQty).toBe(2.5);
    expect(w.reference).toBe("book_mid");
  });

  it("sells 4: 1 @99.9 + 2 @99.8 + 1 @99.5 → VWAP 99.75, cost +25 bps (positive = worse for a sell too)", () => {
    const w = walkBook(book, "sell", 4);
    // (99.9 + 199.6 + 99.5) / 4 = 399 / 4 = 99.75 → (100 − 99.75)/100 = 25 bps
    expect(w.avgPrice).toBeCloseTo(99.75, 10);
    expect(w.costBps).toBeCloseTo(25, 8);
    expect(w.levelsUsed).toBe(3);
    expect(w.worstPrice).toBe(99.5);
  });

  it("inside the touch costs exactly the half spread", () => {
    const w = walkBook(book, "buy", 0.4);
    expect(w.avgPrice).toBe(100.1);
    expect(w.costBps).toBeCloseTo(10, 8);
  });

  it("uses the caller's mid (e.g. the NBBO mid) when given", () => {
    const w = walkBook(book, "buy", 1, 100.05);
    expect(w.costBps).toBeCloseTo(((100.1 - 100.05) / 100.05) * 1e4, 8);
    expect(w.reference).toBe("given");
  });

  it("reports a shortfall beyond the visible depth, with the cost of the fillable part", () => {
    const w = walkBook(book, "buy", 10);
    // all 8 units: (100.1 + 200.4 + 502.5) / 8 = 803 / 8 = 100.375 → 37.5 bps
    expect(w.complete).toBe(false);
    expect(w.filledQty).toBe(8);
    expect(w.shortfallQty).toBe(2);
    expect(w.avgPrice).toBeCloseTo(100.375, 10);
    expect(w.costBps).toBeCloseTo(37.5, 8);
    expect(Number.isFinite(w.costBps)).toBe(true);
  });

  it("an empty side gives a clear zero fill, never NaN", () => {
    const w = walkBook({ ...book, asks: [] }, "buy", 1);
    expect(w).toMatchObject({ filledQty: 0, shortfallQty: 1, complete: false, avgPrice: undefined, costBps: 0 });
  });

  it("a one-sided book measures against the touch and says so", () => {
    const w = walkBook({ ...book, bids: [] }, "buy", 2);
    expect(w.reference).toBe("touch");
    expect(w.mid).toBe(100.1);
    expect(w.costBps).toBeCloseTo(((100.15 - 100.1) / 100.1) * 1e4, 8);
  });

  it("zero quantity is complete and free; invalid quantities are rejected", () => {
    expect(walkBook(book, "buy", 0)).toMatchObject({ filledQty: 0, complete: true, costBps: 0 });
    expect(() => walkBook(book, "buy", Number.NaN)).toThrow(InvalidQuantityError);
    expect(() => walkBook(book, "buy", -1)).toThrow(InvalidQuantityError);
    expect(() => walkBook(book, "buy", Infinity)).toThrow(InvalidQuantityError);
  });

  it("skips malformed levels instead of propagating NaN", () => {
    const w = walkBook({ ...book, asks: [{ price: 100.1, qty: Number.NaN }, { price: 100.2, qty: 1 }] }, "buy", 1);
    expect(w.avgPrice).toBe(100.2);
  });
});
