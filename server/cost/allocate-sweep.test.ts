import { describe, expect, it } from "vitest";
import type { Level, VenueId } from "@/server/market-data/types";
import { allocateSweep, floorToLot } from "./allocate-sweep";
import type { SweepVenue } from "./greedy-sweep";

// Hand-computed books around mid 100 (asks; a buy takes them):
//   binance: 100.10 x1, 100.30 x2          → scores 10, 30 bps
//   okx:     100.20 x1, 100.40 x5          → scores 20, 40 bps
//   kraken:  100.15 x0.5                   → score 15 bps
const venue = (id: VenueId, asks: Level[], over: Partial<SweepVenue> = {}): SweepVenue => ({
  venue: id,
  levels: asks,
  feeBps: 0,
  latencyBps: 0,
  stalenessBps: 0,
  lotSize: 0,
  minQty: 0,
  minNotional: 0,
  ...over,
});
const binance = (over?: Partial<SweepVenue>) => venue("binance", [{ price: 100.1, qty: 1 }, { price: 100.3, qty: 2 }], over);
const okx = (over?: Partial<SweepVenue>) => venue("okx", [{ price: 100.2, qty: 1 }, { price: 100.4, qty: 5 }], over);
const kraken = (over?: Partial<SweepVenue>) => venue("kraken", [{ price: 100.15, qty: 0.5 }], over);
const legQty = (a: ReturnType<typeof allocateSweep>) => Object.fromEntries(a.legs.map((l) => [l.venue, l.qty]));

describe("allocateSweep (hand-computed three-venue books)", () => {
  it("takes levels best-score-first across venues", () => {
    // 3 = binance 1 @100.1 (10) + kraken 0.5 @100.15 (15) + okx 1 @100.2 (20) + binance 0.5 @100.3 (30)
    const a = allocateSweep({ side: "buy", qty: 3, mid: 100, venues: [binance(), okx(), kraken()] });
    expect(legQty(a)).toEqual({ binance: 1.5, okx: 1, kraken: 0.5 });
    // (100.1 + 50.15 + 100.2 + 50.075) / 3 = 300.525 / 3 = 100.175 → 17.5 bps
    expect(a.avgPrice).toBeCloseTo(100.175, 10);
    expect(a.costBps).toBeCloseTo(17.5, 8);
    expect(a.complete).toBe(true);
    expect(a.unfilledQty).toBe(0);
    const bin = a.legs.find((l) => l.venue === "binance");
    expect(bin?.avgPrice).toBeCloseTo(150.25 / 1.5, 10);
    expect(bin?.levelsUsed).toBe(2);
    // legs best score first
    expect(a.legs.map((l) => l.venue)).toEqual(["kraken", "binance", "okx"]);
  });

  it("fees and extra penalties move liquidity between venues", () => {
    // okx with a 15 bps adverse-selection penalty scores 35 at 100.2, behind binance's 100.3 (30).
    const a = allocateSweep({
      side: "buy",
      qty: 3,
      mid: 100,
      venues: [binance(), okx({ extraBps: { adverse_selection: 15 } }), kraken({ feeBps: 1 })],
    });
    expect(legQty(a)).toEqual({ binance: 2.5, kraken: 0.5 });
    expect(a.candidates.find((c) => c.venue === "okx")).toMatchObject({ status: "unused", touchScoreBps: expect.closeTo(35, 8) });
    const k = a.legs.find((l) => l.venue === "kraken")!;
    expect(k.scoreParts).toMatchObject({ priceBps: expect.closeTo(15, 8), feeBps: 1, totalBps: expect.closeTo(16, 8) });
  });

  it("parts add up per leg and in total; fractions sum to 1", () => {
    const a = allocateSweep({
      side: "buy",
      qty: 3,
      mid: 100,
      venues: [binance({ feeBps: 10, latencyBps: 0.2 }), okx({ feeBps: 8, stalenessBps: 0.1, extraBps: { reject: 0.5 } }), kraken({ feeBps: 40 })],
    });
    for (const leg of a.legs) {
      const p = leg.scoreParts;
      const extra = Object.values(p.extraBps).reduce((s, x) => s + x, 0);
      expect(leg.scoreBps).toBe(p.totalBps);
      expect(p.totalBps).toBeCloseTo(p.priceBps + p.feeBps + p.latencyBps + p.stalenessBps + extra, 12);
    }
    const weighted = a.legs.reduce((s, l) => s + l.fraction * l.scoreBps, 0);
    expect(a.allInCostBps).toBeCloseTo(weighted, 9);
    expect(a.legs.reduce((s, l) => s + l.fraction, 0)).toBeCloseTo(1, 15);
    expect(a.parts.extraBps.reject).toBeGreaterThan(0);
  });

  it("drops a venue below its min quantity and re-sweeps its share elsewhere", () => {
    // kraken would get 0.5 < minQty 1 → dropped; re-sweep: binance 1 (10), okx 1 (20), binance 1 (30).
    const a = allocateSweep({ side: "buy", qty: 3, mid: 100, venues: [binance(), okx(), kraken({ minQty: 1 })] });
    expect(legQty(a)).toEqual({ binance: 2, okx: 1 });
    expect(a.avgPrice).toBeCloseTo(100.2, 10);
    expect(a.candidates.find((c) => c.venue === "kraken")).toMatchObject({ status: "dropped_min_qty", droppedQty: 0.5 });
    expect(a.sweeps).toBe(2);
  });

  it("drops a venue below its min notional", () => {
    // kraken: 0.5 × 100.15 = 50.075 < 60
    const a = allocateSweep({ side: "buy", qty: 3, mid: 100, venues: [binance(), okx(), kraken({ minNotional: 60 })] });
    expect(a.candidates.find((c) => c.venue === "kraken")?.status).toBe("dropped_min_notional");
    expect(legQty(a)).toEqual({ binance: 2, okx: 1 });
  });

  it("drops the smallest offender first: dropping it can lift another over its minimum", () => {
    // Buy 1.8. First sweep: binance 1, kraken 0.5, okx 0.3. okx (min 0.5) and kraken (min 1) are
    // both below minimum; kraken's 50.075 notional is larger than okx's 30.06, so okx goes first.
    // Re-sweep: binance 1, kraken 0.5, binance 0.3 → kraken still < 1 → dropped.
    // Final: binance 1 + okx? okx excluded → binance 1.8 = 1 @100.1 + 0.8 @100.3.
    const a = allocateSweep({ side: "buy", qty: 1.8, mid: 100, venues: [binance(), okx({ minQty: 0.5 }), kraken({ minQty: 1 })] });
    expect(legQty(a)).toEqual({ binance: 1.8 });
    expect(a.candidates.map((c) => c.status)).toEqual(["used", "dropped_min_qty", "dropped_min_qty"]);
    expect(a.sweeps).toBe(3);
  });

  it("rounds to lots and lets a venue with headroom absorb the residual", () => {
    // binance lot 1: 1.5 → 1 (0.5 residual). binance cannot take 0.5 (less than a lot); kraken has no
    // depth left; okx (lot 0.1) takes 0.5 at its next level 100.4 → okx 1.5.
    const a = allocateSweep({ side: "buy", qty: 3, mid: 100, venues: [binance({ lotSize: 1 }), okx({ lotSize: 0.1 }), kraken({ lotSize: 0.5 })] });
    expect(legQty(a)).toEqual({ binance: 1, okx: 1.5, kraken: 0.5 });
    expect(a.complete).toBe(true);
    // (100.1 + 100.2 + 50.2 + 50.075) / 3 = 100.191666…
    expect(a.avgPrice).toBeCloseTo(300.575 / 3, 10);
  });

  it("reports a lot residual nobody can absorb instead of hiding it", () => {
    const a = allocateSweep({ side: "buy", qty: 1.5, mid: 100, venues: [binance({ lotSize: 1 })] });
    expect(a).toMatchObject({ filledQty: 1, lotResidualQty: 0.5, depthShortfallQty: 0, unfilledQty: 0.5, complete: false });
  });

  it("beyond all visible depth: fills what exists, reports the shortfall, stays finite", () => {
    const a = allocateSweep({ side: "buy", qty: 20, mid: 100, venues: [binance(), okx(), kraken()] });
    expect(a.filledQty).toBeCloseTo(9.5, 12);
    expect(a.depthShortfallQty).toBeCloseTo(10.5, 12);
    expect(a.complete).toBe(false);
    expect(Number.isFinite(a.allInCostBps)).toBe(true);
  });

  it("respects a venue cap (maxQty) and routes the rest to the next venue", () => {
    const a = allocateSweep({ side: "buy", qty: 2, mid: 100, venues: [binance({ maxQty: 0.6 }), okx()] });
    expect(legQty(a)).toEqual({ binance: 0.6, okx: 1.4 });
  });

  it("breaks exact score ties by venue id, independent of input order", () => {
    const b = venue("binance", [{ price: 100.2, qty: 1 }]);
    const o = venue("okx", [{ price: 100.2, qty: 1 }]);
    const x = allocateSweep({ side: "buy", qty: 1, mid: 100, venues: [o, b] });
    const y = allocateSweep({ side: "buy", qty: 1, mid: 100, venues: [b, o] });
    expect(legQty(x)).toEqual({ binance: 1 });
    expect(x).toEqual({ ...y, candidates: x.candidates });
  });

  it("sells into bids with the same sign convention (positive = worse than mid)", () => {
    const bids = (id: VenueId, levels: Level[]) => venue(id, levels);
    const a = allocateSweep({
      side: "sell",
      qty: 2,
      mid: 100,
      venues: [bids("binance", [{ price: 99.9, qty: 1 }, { price: 99.5, qty: 5 }]), bids("okx", [{ price: 99.8, qty: 1 }])],
    });
    // 99.9 (10 bps) + 99.8 (20 bps) → avg 99.85 → 15 bps
    expect(legQty(a)).toEqual({ binance: 1, okx: 1 });
    expect(a.costBps).toBeCloseTo(15, 8);
  });

  it("walks spliced deeper levels (historical top-N + today's deep book)", () => {
    // the deeper book continues after the head's last price (100.1): at 100.3, not 100.05
    const v = venue("binance", [{ price: 100.1, qty: 1 }], { deeper: [{ price: 100.05, qty: 9 }, { price: 100.3, qty: 9 }] });
    const a = allocateSweep({ side: "buy", qty: 2, mid: 100, venues: [v] });
    expect(a.avgPrice).toBeCloseTo(100.2, 10);
  });

  it("floorToLot tolerates float noise at a lot boundary", () => {
    expect(floorToLot(0.30000000000000004, 0.1)).toBeCloseTo(0.3, 12);
    expect(floorToLot(0.29999999999999993, 0.1)).toBeCloseTo(0.3, 12);
    expect(floorToLot(0.25, 0.1)).toBeCloseTo(0.2, 12);
    expect(floorToLot(0.25, 0)).toBe(0.25);
  });
});

describe("float dust", () => {
  it("a fine-lot order split over many fractional levels completes instead of reporting dust as unplaceable", () => {
    // Level sizes with 6 decimals (an XRP-like lot of 1e-6) across venues; their float sums
    // leave a residual just under one lot, which must not make the order 'incomplete'.
    const levels = (base: number, n: number): Level[] =>
      Array.from({ length: n }, (_, i) => ({ price: 2.2 + base + i * 0.0001, qty: 1234.567891 + i * 0.100003 }));
    const venues = [
      venue("binance", levels(0, 40), { lotSize: 0.000001 }),
      venue("okx", levels(0.00005, 40), { lotSize: 0.000001 }),
      venue("bybit", levels(0.00003, 40), { lotSize: 0.000001 }),
    ];
    for (const qty of [50_000, 33_333.3, 77_777.777777]) {
      const a = allocateSweep({ side: "buy", qty, mid: 2.2, venues });
      expect(a.complete, String(qty)).toBe(true);
      expect(a.unfilledQty).toBe(0);
      expect(a.filledQty).toBeLessThanOrEqual(qty);
      expect(a.filledQty).toBeCloseTo(qty, 5);
    }
  });
});
