import { describe, expect, it } from "vitest";
import { computeDepth } from "./depth";
import type { BookView, VenueId } from "./types";

const book = (venue: VenueId, bids: [number, number][], asks: [number, number][]): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids: bids.map(([price, qty]) => ({ price, qty })),
  asks: asks.map(([price, qty]) => ({ price, qty })),
  seq: 1,
  updatedAtMs: 0,
});

describe("computeDepth", () => {
  // consolidated mid = (9999 + 10001) / 2 = 10000; 1 bps = 1 USD
  const a = book("binance", [[9999, 1], [9995, 2], [9990, 4], [9900, 8]], [[10001, 1], [10005, 2], [10011, 4]]);
  const b = book("okx", [[9998, 0.5], [9950, 1]], [[10002, 0.5], [10050, 1], [10200, 9]]);

  it("accumulates per venue and consolidated within each band of the consolidated mid", () => {
    const d = computeDepth([a, b], [5, 10, 50, 100]);
    expect(d.mid).toBe(10_000);
    const bin = d.venues.find((v) => v.venue === "binance")!.bands;
    expect(bin.map((x) => x.bidQty)).toEqual([3, 7, 7, 15]); // 9995 is exactly 5 bps: inside
    expect(bin.map((x) => x.askQty)).toEqual([3, 3, 7, 7]); // 10011 is 11 bps
    expect(bin[0]!.bidUsd).toBeCloseTo(9999 + 2 * 9995, 9);
    const okx = d.venues.find((v) => v.venue === "okx")!.bands;
    expect(okx.map((x) => x.askQty)).toEqual([0.5, 0.5, 1.5, 1.5]);
    expect(d.consolidated.map((x) => x.bidQty)).toEqual([3.5, 7.5, 8.5, 16.5]);
    expect(d.consolidated.map((x) => x.askQty)).toEqual([3.5, 3.5, 8.5, 8.5]);
    expect(d.consolidated[3]!.askUsd).toBeCloseTo(10001 + 2 * 10005 + 4 * 10011 + 0.5 * 10002 + 10050, 6);
  });

  it("sorts bands and can measure from a supplied mid", () => {
    const d = computeDepth([a], [10, 5], 9995);
    expect(d.bandsBps).toEqual([5, 10]);
    // from 9995: bids within 5 bps (>= 9990.0025) are 9999 and 9995 (and 9990 is just outside)
    expect(d.consolidated.map((x) => x.bidQty)).toEqual([3, 7]);
  });

  it("returns zero bands without a two-sided market", () => {
    const d = computeDepth([book("kraken", [[1, 1]], [])]);
    expect(d.mid).toBeUndefined();
    expect(d.consolidated.every((x) => x.bidQty === 0 && x.askQty === 0)).toBe(true);
    expect(d.venues).toHaveLength(1);
  });
});
