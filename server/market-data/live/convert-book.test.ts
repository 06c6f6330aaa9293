import { describe, expect, it } from "vitest";
import { classifyWatchError, copySide, toBookView, toTrade } from "./convert-book";

class ChecksumError extends Error {
  constructor(m: string) {
    super(m);
    this.name = "ChecksumError";
  }
}

describe("copySide", () => {
  it("drops zero, negative and malformed levels and caps the depth", () => {
    const raw = [[100, 1], [99, 0], [98, Number.NaN], [97], [96, 2], [95, 3], [94, 4]];
    expect(copySide(raw, true, 3)).toEqual([
      { price: 100, qty: 1 },
      { price: 96, qty: 2 },
      { price: 95, qty: 3 },
    ]);
  });

  it("sorts a mis-sorted side before capping, so the best levels are kept", () => {
    expect(copySide([[101, 1], [103, 1], [102, 1]], false, 2).map((l) => l.price)).toEqual([101, 102]);
    expect(copySide([[101, 1], [103, 1], [102, 1]], true, 2).map((l) => l.price)).toEqual([103, 102]);
  });
});

describe("toBookView", () => {
  const at = { nowMs: 5_000, maxLevels: 10, fallbackSeq: 7 };
  it("takes seq from the ccxt nonce and the time from the clock", () => {
    const { book, crossed } = toBookView("binance", "BTC-USD", { bids: [[100, 1]], asks: [[101, 2]], nonce: 42 }, at);
    expect(crossed).toBe(false);
    expect(book).toEqual({
      venue: "binance",
      symbol: "BTC-USD",
      bids: [{ price: 100, qty: 1 }],
      asks: [{ price: 101, qty: 2 }],
      seq: 42,
      updatedAtMs: 5_000,
    });
  });

  it("falls back to the local counter without a nonce, and flags a crossed book", () => {
    const { book, crossed } = toBookView("kraken", "BTC-USD", { bids: [[101, 1]], asks: [[101, 2]], nonce: undefined }, at);
    expect(book.seq).toBe(7);
    expect(crossed).toBe(true);
  });
});

describe("toTrade", () => {
  it("maps ccxt's taker side to the aggressor and namespaces the id by venue", () => {
    expect(toTrade("binance", "BTC-USD", { id: "9", price: 61_000, amount: 0.5, side: "buy", timestamp: 1 }, 77)).toEqual({
      venue: "binance",
      symbol: "BTC-USD",
      price: 61_000,
      qty: 0.5,
      aggressor: "buy",
      tsMs: 77,
      id: "binance:9",
    });
    expect(toTrade("okx", "BTC-USD", { id: "1", price: 1, amount: 1, side: "sell" }, 0)?.aggressor).toBe("sell");
  });

  it("refuses a trade without side, price or size", () => {
    expect(toTrade("binance", "BTC-USD", { id: "1", price: 1, amount: 1, side: undefined }, 0)).toBeUndefined();
    expect(toTrade("binance", "BTC-USD", { id: "1", price: 0, amount: 1, side: "buy" }, 0)).toBeUndefined();
    expect(toTrade("binance", "BTC-USD", { id: "1", price: 1, amount: undefined, side: "buy" }, 0)).toBeUndefined();
  });
});

describe("classifyWatchError", () => {
  it("resyncs on ccxt's gap/checksum errors, reconnects on everything else", () => {
    expect(classifyWatchError(new ChecksumError("binance BTC/USDT"))).toBe("resync");
    const nonce = new Error("x");
    nonce.name = "InvalidNonce";
    expect(classifyWatchError(nonce)).toBe("resync");
    const closed = new Error("connection closed by remote server, closing code 1006");
    closed.name = "NetworkError";
    expect(classifyWatchError(closed)).toBe("reconnect");
    expect(classifyWatchError("weird")).toBe("reconnect");
  });
});
