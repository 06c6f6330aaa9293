import { describe, expect, it } from "vitest";
import { parseBinanceLine, receiveMs } from "./parse-binance-line";

describe("parseBinanceLine", () => {
  it("keeps sub-ms receive time from a ns count beyond 2^53", () => {
    expect(receiveMs("1723161254087891268") - 1_723_161_254_087).toBeCloseTo(0.891268, 3); // a double near 1.7e12 resolves ~0.24 µs
  });

  it("reads futures depth (pu), a COIN-M snapshot (symbol), trades and tickers", () => {
    const depth = parseBinanceLine(
      '1723161256172216566 {"stream":"btcusd_perp@depth@0ms","data":{"E":1723161257440,"s":"BTCUSD_PERP","U":10,"u":12,"pu":9,"b":[["61773.6","1001"]],"a":[]}}',
    );
    expect(depth).toMatchObject({ kind: "depth", venueSymbol: "BTCUSD_PERP", firstUpdateId: 10, lastUpdateId: 12, prevUpdateId: 9, bids: [{ price: 61773.6, qty: 1001 }], eventMs: 1723161257440 });
    expect(parseBinanceLine('1 {"lastUpdateId":5,"symbol":"BTCUSD_PERP","bids":[["1","2"]],"asks":[]}')).toMatchObject({ kind: "snapshot", lastUpdateId: 5, venueSymbol: "BTCUSD_PERP" });
    expect(parseBinanceLine('1 {"lastUpdateId":5,"bids":[],"asks":[]}')).toMatchObject({ kind: "snapshot", venueSymbol: undefined });
    expect(parseBinanceLine('1 {"stream":"btcusdt@trade","data":{"t":7,"p":"61800.3","q":"0.006","T":2,"m":false}}')).toMatchObject({
      kind: "trade",
      venueSymbol: "BTCUSDT",
      price: 61800.3,
      qty: 0.006,
      buyerIsMaker: false,
      tradeId: "7",
    });
    expect(parseBinanceLine('1 {"stream":"btcusdt@bookTicker","data":{"b":"1","B":"2","a":"3","A":"4"}}')).toMatchObject({ kind: "ticker", bid: 1, ask: 3 });
    expect(parseBinanceLine('1 {"stream":"btcusdt@kline_1m","data":{}}')).toMatchObject({ kind: "other" });
  });

  it("returns undefined for what is not `<ns> <json>`", () => {
    expect(parseBinanceLine("")).toBeUndefined();
    expect(parseBinanceLine("not a message")).toBeUndefined();
    expect(parseBinanceLine("123 {broken")).toBeUndefined();
    expect(parseBinanceLine("abc {}")).toBeUndefined();
  });
});
