import { describe, expect, it } from "vitest";
import type { DepthResponse, Quote } from "@/lib/contracts/market";
import { basisBps, crossKind, depthBars, depthIsEmpty, depthVenues, imbalance, quoteDecimals, spotPerpBases, venueRows, venueSpreadBps } from "./market-math";

const quote: Quote = {
  symbol: "BTC-USD",
  nbbo: { bid: 100, ask: 100.1, mid: 100.05, spread_bps: 9.995, bid_venue: "kraken", ask_venue: "binance", crossed: false },
  venues: {
    okx: { bid: 99.9, ask: 100.1, bid_size: 1, ask_size: 2, age_ms: 40, stale: false, status: "ok" },
    binance: { bid: 99.95, ask: 100.1, bid_size: 3, ask_size: 1, age_ms: 20, stale: false, status: "ok" },
    kraken: { bid: 100, ask: 100.2, bid_size: 1, ask_size: 1, age_ms: 80, stale: false, status: "ok" },
    bybit: { bid: 100, ask: null, bid_size: 5, ask_size: null, age_ms: 9000, stale: true, status: "degraded" },
  },
  source: { market: "simulated", path: "warm" },
  as_of_ns: "1741097002123456789",
};

describe("venueSpreadBps", () => {
  it("is the spread over the venue's own mid", () => {
    expect(venueSpreadBps(99, 101)).toBeCloseTo(200, 10);
    expect(venueSpreadBps(null, 101)).toBeNull();
    expect(venueSpreadBps(0, 1)).toBeNull();
  });
});

describe("venueRows", () => {
  it("keeps registry order and flags NBBO venues, including ties, but not stale ones", () => {
    const rows = venueRows(quote);
    expect(rows.map((r) => r.venue)).toEqual(["binance", "kraken", "okx", "bybit"]);
    const by = Object.fromEntries(rows.map((r) => [r.venue, r]));
    expect(by.kraken?.atBestBid).toBe(true);
    expect(by.binance?.atBestAsk).toBe(true);
    expect(by.okx?.atBestAsk).toBe(true); // ties the best ask
    expect(by.okx?.atBestBid).toBe(false);
    expect(by.bybit?.atBestBid).toBe(false); // same price but stale
    expect(by.bybit?.spreadBps).toBeNull();
  });
});

const band = (band_bps: number, bid: number, ask: number) => ({
  band_bps,
  bid_qty: bid / 100,
  ask_qty: ask / 100,
  bid_notional_usd: bid,
  ask_notional_usd: ask,
});

const depth: DepthResponse = {
  symbol: "BTC-USD",
  mid: 100,
  bands_bps: [10, 5],
  venues: {
    coinbase: { bands: [band(5, 100, 50), band(10, 300, 150)] },
    binance: { bands: [band(5, 200, 100), band(10, 500, 400)] },
  },
  consolidated: { bands: [band(5, 300, 150), band(10, 800, 550)] },
  source: { market: "simulated", path: "warm" },
  as_of_ns: "1",
};

describe("depthBars", () => {
  it("mirrors bids (widest first) and asks (nearest first) with per-venue notional", () => {
    const bars = depthBars(depth);
    expect(bars.map((b) => b.label)).toEqual(["−10", "−5", "+5", "+10"]);
    expect(bars.map((b) => b.notional)).toEqual([800, 300, 150, 550]);
    expect(bars[0]?.byVenue).toEqual({ binance: 500, coinbase: 300 });
    expect(bars[3]?.byVenue).toEqual({ binance: 400, coinbase: 150 });
    expect(bars[0]?.qty).toBe(8);
  });

  it("lists venues in registry order and detects an empty book", () => {
    expect(depthVenues(depth)).toEqual(["binance", "coinbase"]);
    expect(depthIsEmpty(depth)).toBe(false);
    expect(depthIsEmpty({ ...depth, consolidated: { bands: [band(5, 0, 0)] } })).toBe(true);
  });
});

describe("imbalance", () => {
  it("is signed towards the heavier side", () => {
    expect(imbalance(300, 100)).toBe(0.5);
    expect(imbalance(0, 100)).toBe(-1);
    expect(imbalance(0, 0)).toBeNull();
  });
});

describe("quoteDecimals", () => {
  it("uses the magnitude rule unless a venue quotes a finer tick", () => {
    expect(quoteDecimals(quote)).toBe(2);
    const fine: Quote = { ...quote, venues: { ...quote.venues, okx: { ...quote.venues.okx!, bid: 99.9512 } } };
    expect(quoteDecimals(fine)).toBe(4);
  });
});

describe("crossKind", () => {
  const crossedQuote = (bidVenue: Quote["nbbo"]["bid_venue"], askVenue: Quote["nbbo"]["ask_venue"]): Quote => ({
    ...quote,
    nbbo: { ...quote.nbbo, bid: 61_830, ask: 61_809.6, bid_venue: bidVenue, ask_venue: askVenue, crossed: true },
  });
  const families = new Map([
    ["binance-usdm", "USDT"],
    ["binance-coinm", "USD"],
    ["okx", "USDT"],
    ["binance", "USDT"],
  ] as const);

  it("calls a USDT/USD cross a quote basis and a same-family cross a crossed market", () => {
    expect(crossKind(crossedQuote("binance-coinm", "binance-usdm"), families)).toBe("quote_basis");
    expect(crossKind(crossedQuote("binance", "okx"), families)).toBe("crossed");
    // A venue of unknown family is not excused.
    expect(crossKind(crossedQuote("kraken", "binance"), families)).toBe("crossed");
    expect(crossKind(quote, families)).toBe("none");
  });
});

describe("spotPerpBases", () => {
  const q = (symbol: string, mid: number): Quote => ({ ...quote, symbol, nbbo: { ...quote.nbbo, mid } });

  it("is (perp mid − spot mid) / spot mid in bps, one row per spot with a quoted perp", () => {
    // Hand-worked: spot 61,800, perp 61,780.224 → −19.776 / 61,800 × 10⁴ = −3.2 bps.
    const rows = spotPerpBases([q("BTC-USD", 61_800), q("BTC-USD-PERP", 61_780.224), q("ETH-USD", 3_000)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ spot: "BTC-USD", perp: "BTC-USD-PERP", spotMid: 61_800, perpMid: 61_780.224 });
    expect(rows[0]!.basisBps).toBeCloseTo(-3.2, 10);
    expect(basisBps(100, 100.05)).toBeCloseTo(5, 10);
  });

  it("has no row without both instruments", () => {
    expect(spotPerpBases([q("BTC-USD", 61_800)])).toEqual([]);
    expect(spotPerpBases([q("BTC-USD-PERP", 61_800)])).toEqual([]);
  });
});
