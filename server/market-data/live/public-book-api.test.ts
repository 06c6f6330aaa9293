import { describe, expect, it } from "vitest";
import { parsePublicBook, publicBookPath } from "./public-book-api";

const lv = (price: number, qty: number) => ({ price, qty });

describe("publicBookPath", () => {
  it("builds each venue's documented depth request", () => {
    expect(publicBookPath("binance", "BTCUSDT")).toBe("/api/v3/depth?symbol=BTCUSDT&limit=100");
    expect(publicBookPath("coinbase", "BTC-USD")).toBe("/products/BTC-USD/book?level=2");
    expect(publicBookPath("kraken", "XBTUSD")).toBe("/0/public/Depth?pair=XBTUSD&count=100");
    expect(publicBookPath("okx", "BTC-USDT")).toBe("/api/v5/market/books?instId=BTC-USDT&sz=100");
    expect(publicBookPath("bybit", "BTCUSDT")).toBe("/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=50");
    expect(publicBookPath("bitget", "BTCUSDT")).toBe("/api/v2/spot/market/orderbook?symbol=BTCUSDT&type=step0&limit=100");
    expect(publicBookPath("cryptocom", "BTC_USD")).toBe("/exchange/v1/public/get-book?instrument_name=BTC_USD&depth=50");
  });
});

describe("parsePublicBook", () => {
  it("binance: levels and lastUpdateId", () => {
    const body = { lastUpdateId: 51, bids: [["61800.01", "0.5"], ["61800.00", "0.00000000"]], asks: [["61800.02", "1.25"]] };
    expect(parsePublicBook("binance", body)).toEqual({ bids: [lv(61800.01, 0.5)], asks: [lv(61800.02, 1.25)], seq: 51 });
  });

  it("coinbase: three-column levels and sequence", () => {
    const body = { bids: [["61800.01", "0.5", 3]], asks: [["61800.5", "2", 1]], sequence: 9, time: "2025-01-01T00:00:00Z" };
    expect(parsePublicBook("coinbase", body)).toEqual({ bids: [lv(61800.01, 0.5)], asks: [lv(61800.5, 2)], seq: 9 });
  });

  it("kraken: the result is keyed by Kraken's own pair name; errors yield nothing", () => {
    const body = { error: [], result: { XXBTZUSD: { bids: [["61800.0", "0.5", 1723161600]], asks: [["61800.1", "1", 1723161600]] } } };
    expect(parsePublicBook("kraken", body)).toEqual({ bids: [lv(61800, 0.5)], asks: [lv(61800.1, 1)] });
    expect(parsePublicBook("kraken", { error: ["EQuery:Unknown asset pair"] })).toBeUndefined();
  });

  it("okx, bybit, bitget, crypto.com envelopes", () => {
    expect(parsePublicBook("okx", { code: "0", data: [{ bids: [["1", "2", "0", "3"]], asks: [["2", "1", "0", "1"]], seqId: 5 }] })).toEqual({
      bids: [lv(1, 2)],
      asks: [lv(2, 1)],
      seq: 5,
    });
    expect(parsePublicBook("bybit", { retCode: 0, result: { s: "BTCUSDT", b: [["1", "2"]], a: [["2", "1"]], u: 8 } })).toEqual({
      bids: [lv(1, 2)],
      asks: [lv(2, 1)],
      seq: 8,
    });
    expect(parsePublicBook("bitget", { code: "00000", data: { bids: [["1", "2"]], asks: [["2", "1"]], ts: "1" } })).toEqual({
      bids: [lv(1, 2)],
      asks: [lv(2, 1)],
    });
    expect(parsePublicBook("cryptocom", { code: 0, result: { data: [{ bids: [["1", "2", "1"]], asks: [["2", "1", "1"]], t: 1 }] } })).toEqual({
      bids: [lv(1, 2)],
      asks: [lv(2, 1)],
    });
  });

  it("error envelopes and malformed bodies yield undefined, never a guessed book", () => {
    expect(parsePublicBook("okx", { code: "51001", msg: "Instrument ID does not exist", data: [] })).toBeUndefined();
    expect(parsePublicBook("bybit", { retCode: 10001, result: {} })).toBeUndefined();
    expect(parsePublicBook("bitget", { code: "40034", data: null })).toBeUndefined();
    expect(parsePublicBook("cryptocom", { code: 40004 })).toBeUndefined();
    expect(parsePublicBook("binance", { code: -1121, msg: "Invalid symbol." })).toBeUndefined();
    expect(parsePublicBook("binance", { bids: [["x", "1"]], asks: [] })).toBeUndefined();
    expect(parsePublicBook("binance", "nope")).toBeUndefined();
  });
});
