import { describe, expect, it } from "vitest";
import { bookMid, bookSpreadBps, computeNbbo } from "./nbbo";
import type { BookView, Level, VenueId } from "./types";

const book = (venue: VenueId, bids: [number, number][], asks: [number, number][]): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids: bids.map(([price, qty]): Level => ({ price, qty })),
  asks: asks.map(([price, qty]): Level => ({ price, qty })),
  seq: 1,
  updatedAtMs: 0,
});

describe("computeNbbo", () => {
  it("takes the best bid and ask from different venues", () => {
    const n = computeNbbo([
      book("binance", [[100, 1], [99, 5]], [[102, 1]]),
      book("coinbase", [[100.5, 2]], [[101.5, 3]]),
      book("kraken", [[99.5, 9]], [[101, 0.5]]),
    ]);
    expect(n.bid).toEqual({ price: 100.5, qty: 2, venue: "coinbase" });
    expect(n.ask).toEqual({ price: 101, qty: 0.5, venue: "kraken" });
    expect(n.mid).toBeCloseTo(100.75, 12);
    expect(n.spreadBps).toBeCloseTo((0.5 / 100.75) * 1e4, 9);
    expect(n.crossed).toBe(false);
  });

  it("ignores empty books and one-sided books on the missing side", () => {
    const n = computeNbbo([book("okx", [], []), book("bybit", [[10, 1]], []), book("bitget", [], [[11, 2]])]);
    expect(n.bid?.venue).toBe("bybit");
    expect(n.ask?.venue).toBe("bitget");
    expect(n.spreadBps).toBeCloseTo((1 / 10.5) * 1e4, 9);
  });

  it("returns no mid without both sides", () => {
    expect(computeNbbo([])).toEqual({ bid: undefined, ask: undefined, mid: undefined, spreadBps: undefined, crossed: false });
    expect(computeNbbo([book("okx", [[1, 1]], [])]).mid).toBeUndefined();
  });

  it("reports a crossed consolidated market with a negative spread", () => {
    const n = computeNbbo([book("binance", [[101, 1]], [[102, 1]]), book("kraken", [[99, 1]], [[100, 1]])]);
    expect(n.crossed).toBe(true);
    expect(n.spreadBps).toBeLessThan(0);
  });

  it("breaks price ties by size, then by input order", () => {
    const n = computeNbbo([book("binance", [[100, 1]], [[101, 1]]), book("okx", [[100, 3]], [[101, 1]])]);
    expect(n.bid?.venue).toBe("okx");
    expect(n.ask?.venue).toBe("binance");
  });

  it("gives a single book's mid and spread", () => {
    const b = book("binance", [[100, 1]], [[100.02, 1]]);
    expect(bookMid(b)).toBeCloseTo(100.01, 12);
    expect(bookSpreadBps(b)).toBeCloseTo((0.02 / 100.01) * 1e4, 9);
    expect(bookSpreadBps(book("binance", [], [[1, 1]]))).toBeUndefined();
  });
});
