import { describe, expect, it } from "vitest";
import { calibrateFromLines } from "./calibrate-from-recording";

const ns = (ms: number) => `${BigInt(1_723_161_000_000 + ms) * 1_000_000n}`;
const line = (ms: number, msg: unknown) => `${ns(ms)} ${JSON.stringify(msg)}`;
const depth = (U: number, u: number, b: [string, string][] = [], a: [string, string][] = []) => ({
  stream: "btcusdt@depth@100ms",
  data: { e: "depthUpdate", E: 1_723_161_000_000, s: "BTCUSDT", U, u, b, a },
});
const ticker = (b: string, B: string, a: string, A: string) => ({ stream: "btcusdt@bookTicker", data: { u: 1, s: "BTCUSDT", b, B, a, A } });
const trade = (p: string, q: string, m: boolean) => ({ stream: "btcusdt@trade", data: { e: "trade", p, q, T: 1, m } });

// A tiny hand-made recording in the hftbacktest format, with one stale diff, one bridging
// diff buffered before the REST snapshot, one in-sequence diff and one gap.
const LINES = [
  line(0, ticker("100.00", "2", "100.01", "1")),
  line(100, depth(95, 99, [["100.00", "9"]])), // before the snapshot and older than it: dropped
  line(200, depth(100, 102, [["100.00", "3"]])), // U <= lastUpdateId+1 <= u: bridges the snapshot
  line(300, {
    lastUpdateId: 100,
    bids: [["100.00", "2"], ["99.99", "1"], ["99.90", "5"]],
    asks: [["100.01", "1"], ["100.05", "3"], ["100.20", "4"]],
  }),
  line(500, trade("100.01", "0.5", false)), // m=false: the buyer was the taker
  line(600, trade("100.00", "1.5", true)),
  line(1000, depth(103, 105, [], [["100.01", "0"]])),
  line(1500, ticker("100.00", "3", "100.05", "3")),
  line(2000, depth(107, 108)), // 106 is missing: a gap
  "not a message",
  line(3000, ticker("100.00", "3", "100.05", "3")),
];

describe("calibrateFromLines", () => {
  const r = calibrateFromLines(LINES, { bandsBps: [10, 1], spreadSampleMs: 1000, depthSampleMs: 1000, returnIntervalMs: 1000 });

  it("counts message kinds and skips what it cannot parse", () => {
    expect(r.source).toMatchObject({ lines: 10, unparsed: 1, bookTickers: 3, depthDiffs: 4, trades: 2, snapshots: 1 });
    expect(r.source.durationS).toBeCloseTo(3, 9);
  });

  it("syncs the book with Binance's spot rule and reports the gap", () => {
    expect(r.sync).toEqual({ bufferedBeforeSnapshot: 2, applied: 2, stale: 1, gaps: 1, crossed: 0, refused: 0 });
  });

  it("samples quoted spreads on a time grid, from the ticker and from the rebuilt book", () => {
    const s1 = (0.01 / 100.005) * 1e4;
    const s5 = (0.05 / 100.025) * 1e4;
    expect(r.spread.fromBookTicker.samples).toBe(3); // t = 1, 2, 3 s (nothing known at t = 0)
    expect(r.spread.fromBookTicker.medianBps).toBeCloseTo(s5, 9);
    expect(r.spread.fromBookTicker.meanBps).toBeCloseTo((s1 + 2 * s5) / 3, 9);
    expect(r.spread.fromBook.samples).toBe(2); // at 3 s the book awaits a resync
    expect(r.spread.fromBook.medianBps).toBeCloseTo((s1 + s5) / 2, 9);
    expect(r.topOfBook.medianBidQty).toBe(3);
  });

  it("measures cumulative depth within each band of the book mid (bands sorted)", () => {
    expect(r.depth.bandsBps).toEqual([1, 10]);
    expect(r.depth.samples).toBe(2);
    // t=1s: bids 100.00x3 | asks 100.01x1, 100.05x3; t=2s: the 100.01 ask is gone
    expect(r.depth.bid.qty).toEqual([1.5, 4]);
    expect(r.depth.ask.qty).toEqual([0.5, 3.5]);
    expect(r.depth.bid.samples).toEqual([2, 2]);
    expect(r.depth.bid.usd[1]).toBeCloseTo(3 * 100 + 99.99, 9);
    expect(r.depth.coverageBps.bid).toBeCloseTo(((100.005 - 99.9) / 100.005) * 1e4, 6);
  });

  it("summarises the tape", () => {
    expect(r.trades.count).toBe(2);
    expect(r.trades.perSecond).toBeCloseTo(2 / 3, 9);
    expect(r.trades.meanQty).toBe(1);
    expect(r.trades.buyShare).toBe(0.5);
    expect(r.trades.meanNotional).toBeCloseTo((100.01 * 0.5 + 100 * 1.5) / 2, 9);
    expect(r.trades.quantiles.p50).toBe(1);
  });

  it("computes 1 s mid-return volatility from the ticker mid", () => {
    const ret = Math.log(100.025 / 100.005);
    expect(r.volatility.samples).toBe(2);
    expect(r.volatility.sigmaPerSecond).toBeCloseTo(Math.sqrt((ret * ret) / 2), 12);
    expect(r.volatility.sigmaAnnualized).toBeCloseTo(r.volatility.sigmaPerSecond * Math.sqrt(365 * 86400), 6);
  });

  it("excludes a band that reaches past the snapshot's deepest level", () => {
    const wide = calibrateFromLines(LINES, { bandsBps: [50], depthSampleMs: 1000 });
    expect(wide.depth.bid.samples).toEqual([0]);
    expect(wide.depth.bid.qty[0]).toBeNaN();
  });
});
