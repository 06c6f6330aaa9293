import { describe, expect, it } from "vitest";
import type { BookView, VenueId } from "@/server/market-data/types";
import { landedCost, rankVenuesByLandedCost } from "./landed-cost";
import type { VenueCostSpec } from "./venue-cost-spec";

const book = (venue: VenueId, ask: number, askQty: number, updatedAtMs = 1000): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids: [{ price: 99.9, qty: 10 }],
  asks: [
    { price: ask, qty: askQty },
    { price: ask + 0.5, qty: 10 },
  ],
  seq: 1,
  updatedAtMs,
});
const spec = (venue: VenueId, feeBps: number, ackLatencyMs: number): VenueCostSpec => ({
  venue,
  feeTier: "base",
  feeBps,
  ackLatencyMs,
  lotSize: 0.001,
  minQty: 0.001,
  minNotional: 0,
});

describe("landedCost", () => {
  it("adds book + fee + latency + staleness exactly (hand-computed)", () => {
    // Buy 1 at 100.1 vs mid 100 → 10 bps book. σ = 1e-4/√s:
    // latency 100 ms → 1e-4·√0.1·1e4·0.398942 = 0.126157 bps; age 400 ms → 0.252313 bps.
    const lc = landedCost(book("binance", 100.1, 5, 600), spec("binance", 7.5, 100), {
      side: "buy",
      qty: 1,
      mid: 100,
      sigmaPerSecond: 1e-4,
      nowMs: 1000,
    });
    expect(lc.bookCostBps).toBeCloseTo(10, 9);
    expect(lc.feeBps).toBe(7.5);
    expect(lc.latencyCostBps).toBeCloseTo(0.1261566, 6);
    expect(lc.ageMs).toBe(400);
    expect(lc.stalenessBps).toBeCloseTo(0.2523133, 6);
    expect(lc.landedCostBps).toBe(lc.bookCostBps + lc.feeBps + lc.latencyCostBps + lc.stalenessBps);
    expect(lc.landedCostBps).toBeCloseTo(17.8784699, 6);
  });

  it("flags a venue that cannot fill the size instead of truncating silently", () => {
    const lc = landedCost(book("kraken", 100.1, 1), spec("kraken", 10, 50), { side: "buy", qty: 20, mid: 100, sigmaPerSecond: 0, nowMs: 1000 });
    expect(lc.complete).toBe(false);
    expect(lc.filledQty).toBe(11);
    expect(lc.shortfallQty).toBe(9);
    expect(Number.isFinite(lc.landedCostBps)).toBe(true);
  });
});

describe("rankVenuesByLandedCost", () => {
  it("ranks by landed cost: a cheaper book can lose to a lower fee", () => {
    const books = [book("binance", 100.1, 5), book("coinbase", 100.05, 5), book("okx", 100.1, 5), book("kraken", 100.1, 0)];
    // kraken's asks: first level empty → still fills at 100.6. Landed: book + fee.
    const specs = [spec("binance", 10, 10), spec("coinbase", 40, 10), spec("okx", 8, 10), spec("kraken", 10, 10)];
    const ranked = rankVenuesByLandedCost(books, specs, { side: "buy", qty: 1, mid: 100, sigmaPerSecond: 0, nowMs: 1000 });
    expect(ranked.map((r) => r.venue)).toEqual(["okx", "binance", "coinbase", "kraken"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.landedCostBps).toBeGreaterThanOrEqual(ranked[i - 1]!.landedCostBps);
  });

  it("breaks ties by venue id and lists venues with no depth last, unranked", () => {
    const empty: BookView = { ...book("bybit", 100.1, 1), asks: [] };
    const books = [book("okx", 100.1, 5), empty, book("binance", 100.1, 5)];
    const specs = [spec("okx", 10, 10), spec("binance", 10, 10), spec("bybit", 0, 10)];
    const ranked = rankVenuesByLandedCost(books, specs, { side: "buy", qty: 1, mid: 100, sigmaPerSecond: 0, nowMs: 1000 });
    expect(ranked.map((r) => [r.venue, r.rank])).toEqual([
      ["binance", 1],
      ["okx", 2],
      ["bybit", undefined],
    ]);
  });
});
