import { describe, expect, it } from "vitest";
import type { BookView, Level } from "@/server/market-data/types";
import { getVenue } from "@/server/market-data/venues";
import type { CostObservations } from "./forecast-cost";
import { executionHorizonMs, forecastOrder, RE_ROUTE_CYCLE_MS, scheduleVarianceMs, truncateAtLimit, type OrderExecution } from "./forecast-order";

const NOW = 1_760_000_000_000;

function book(venue: string, asks: Level[], bids: Level[]): BookView {
  return { venue, symbol: "BTC-USD", asks, bids, seq: 1, updatedAtMs: NOW } as BookView;
}

// Hand-built: binance has the better touch, kraken the deeper second level.
const BOOKS = [
  book("binance", [{ price: 60_003, qty: 0.5 }, { price: 60_030, qty: 2 }, { price: 60_090, qty: 10 }], [{ price: 59_997, qty: 0.5 }, { price: 59_970, qty: 2 }]),
  book("kraken", [{ price: 60_006, qty: 0.5 }, { price: 60_024, qty: 2 }, { price: 60_120, qty: 10 }], [{ price: 59_994, qty: 0.5 }, { price: 59_976, qty: 2 }]),
];

/** A fixed market (no history) with a stated σ: 1 bps per √s. */
const FIXED_SIGMA: CostObservations = {
  sampleEveryMs: 1000,
  bookSamples: () => [],
  volatility: () => ({ sigmaPerSecond: 1e-4, sigmaAnnualized: 1e-4 * Math.sqrt(365 * 86_400), source: "configured", returns: 0 }),
  recentTrades: () => [],
  midSamples: () => [],
};

function forecast(execution: OrderExecution, qty = 2) {
  return forecastOrder({ symbol: "BTC-USD", side: "buy", qty, books: BOOKS, nowMs: NOW, observations: FIXED_SIGMA, execution, options: { urgency: false, cache: false } });
}

describe("scheduleVarianceMs (Kemna & Vorst 1990, discrete average of W)", () => {
  it("matches the hand-worked variances of the average of W at 0, Δ, …", () => {
    expect(scheduleVarianceMs(1, 1000)).toBe(0);
    // (W(0) + W(Δ))/2 = W(Δ)/2 → Δ/4.
    expect(scheduleVarianceMs(2, 1000)).toBeCloseTo(250, 12);
    // (W(Δ) + W(2Δ))/3: Var(W1 + W2) = Δ + 2Δ + 2Δ = 5Δ → 5Δ/9.
    expect(scheduleVarianceMs(3, 900)).toBeCloseTo(500, 12);
  });

  it("horizon = latency tail + one re-route cycle + schedule", () => {
    expect(executionHorizonMs(350, null)).toBe(350 + RE_ROUTE_CYCLE_MS);
    expect(executionHorizonMs(350, { numSlices: 2, intervalMs: 1000 })).toBe(350 + RE_ROUTE_CYCLE_MS + 250);
  });
});

describe("forecastOrder on a hand-built book", () => {
  const sor = forecast({});

  it("SOR: immediate sweep over both venues, P50 unbiased (no latency charge), horizon of the slower venue's p99", () => {
    expect(sor.venues).toEqual(["binance", "kraken"]);
    expect(sor.fillProbability).toBe(1);
    expect(sor.horizonMs).toBe(Math.max(getVenue("binance").latency.p99Ms, getVenue("kraken").latency.p99Ms) + RE_ROUTE_CYCLE_MS);
    // With one book state the median of (sweep cost + zero-mean move) is the sweep cost net of
    // the latency/staleness penalties the router plans with: book + fees only.
    const parts = sor.forecast.sweep.parts;
    expect(parts.latencyBps).toBeGreaterThan(0);
    expect(sor.raw.p50Bps).toBeCloseTo(parts.priceBps + parts.feeBps, 9);
    expect(sor.raw.p90Bps).toBeGreaterThan(sor.raw.p50Bps);
    expect(sor.arrivalMid).toBe(60_000);
  });

  it("a kraken pin costs more than the SOR sweep that may use both venues", () => {
    const pinned = forecast({ venue: "kraken" });
    expect(pinned.venues).toEqual(["kraken"]);
    expect(pinned.raw.p50Bps).toBeGreaterThan(sor.raw.p50Bps);
    // Excluding binance is the same order as pinning kraken here.
    expect(forecast({ excludeVenues: ["binance"] }).raw.p50Bps).toBeCloseTo(pinned.raw.p50Bps, 9);
  });

  it("a limit at binance's touch fills only that level: lower cost of the fillable part, fill probability 0", () => {
    const limited = forecast({ limitPrice: 60_004 });
    expect(limited.fillProbability).toBe(0);
    expect(limited.raw.p50Bps).toBeLessThan(sor.raw.p50Bps);
    const marketable = forecast({ limitPrice: 61_000 });
    expect(marketable.fillProbability).toBe(1);
    expect(marketable.raw.p50Bps).toBeCloseTo(sor.raw.p50Bps, 9);
  });

  it("a TWAP sweeps slice-sized pieces (cheaper median) over a longer horizon (wider tail)", () => {
    const twap = forecast({ pacing: { numSlices: 4, intervalMs: 10_000 } });
    expect(twap.forecast.qty).toBeCloseTo(0.5, 12);
    expect(twap.raw.p50Bps).toBeLessThan(sor.raw.p50Bps);
    // 4 slices 10 s apart: 10 000 · 3 · 7 / 24 = 8 750 ms of variance time.
    expect(twap.horizonMs).toBeCloseTo(sor.horizonMs + 8_750, 9);
    expect(twap.raw.p90Bps - twap.raw.p50Bps).toBeGreaterThan(sor.raw.p90Bps - sor.raw.p50Bps);
  });

  it("truncateAtLimit keeps the levels a limit can take, for either side", () => {
    expect(truncateAtLimit(BOOKS[0]!.asks, "buy", 60_030).map((l) => l.price)).toEqual([60_003, 60_030]);
    expect(truncateAtLimit(BOOKS[0]!.bids, "sell", 59_990).map((l) => l.price)).toEqual([59_997]);
  });
});
