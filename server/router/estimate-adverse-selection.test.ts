import { describe, expect, it } from "vitest";
import type { MidSample } from "@/server/market-data/observation-store";
import type { Trade } from "@/server/market-data/types";
import { estimateAdverseSelection } from "./estimate-adverse-selection";

const NOW = 100_000;
const trade = (tsMs: number, aggressor: "buy" | "sell", qty = 1): Trade => ({
  venue: "okx",
  symbol: "BTC-USD",
  price: 100,
  qty,
  aggressor,
  tsMs,
  id: `${tsMs}`,
});
const mids = (points: [number, number][]): MidSample[] => points.map(([tsMs, mid]) => ({ tsMs, mid }));

describe("estimateAdverseSelection (post-trade markout, Glosten–Milgrom price-impact component)", () => {
  // Mid path: 100 until 10 s, 100.05 from 15 s, back to 100 at 20 s, 99.98 from 25 s.
  const path = mids([
    [0, 100],
    [10_000, 100],
    [15_000, 100.05],
    [20_000, 100],
    [25_000, 99.98],
    [99_000, 99.98],
  ]);

  it("qty-weighted mean markout in the aggressor's direction, hand-computed", () => {
    // buy at 10 s: +5 bps; sell ×3 at 20 s: −(99.98 − 100)/100 = +2 bps → (5 + 3·2) / 4 = 2.75
    const est = estimateAdverseSelection(
      { venue: "okx", nowMs: NOW, sigmaPerSecond: 0, trades: [trade(10_000, "buy"), trade(20_000, "sell", 3)], mids: path },
      { priorTrades: 0 },
    );
    expect(est.tapeBps).toBeCloseTo(2.75, 9);
    expect(est.bps).toBeCloseTo(2.75, 9);
    expect(est.trades).toBe(2);
    expect(est.tapeWeight).toBe(1);
  });

  it("shrinks a thin tape towards the σ√h-scaled prior: (n·x̄ + n₀·prior)/(n + n₀)", () => {
    const sigma = 1e-4; // 1 bp per √s → σ√5s = √5 bps; okx prior 0.15·√5
    const prior = 0.15 * Math.sqrt(5);
    const est = estimateAdverseSelection(
      { venue: "okx", nowMs: NOW, sigmaPerSecond: sigma, trades: [trade(10_000, "buy"), trade(20_000, "sell", 3)], mids: path },
      { priorTrades: 2 },
    );
    expect(est.priorBps).toBeCloseTo(prior, 12);
    expect(est.bps).toBeCloseTo(0.5 * 2.75 + 0.5 * prior, 9);
    const none = estimateAdverseSelection({ venue: "okx", nowMs: NOW, sigmaPerSecond: sigma, trades: [], mids: path });
    expect(none.bps).toBeCloseTo(prior, 12);
    expect(none.tapeBps).toBeNull();
  });

  it("skips trades outside the window or whose horizon has not elapsed in the mids", () => {
    const est = estimateAdverseSelection(
      {
        venue: "okx",
        nowMs: NOW,
        sigmaPerSecond: 0,
        // too old for a 60 s window; horizon beyond now; horizon beyond the last mid (99 s)
        trades: [trade(10_000, "buy"), trade(96_000, "buy"), trade(95_000, "buy"), trade(50_000, "sell")],
        mids: path,
      },
      { windowMs: 60_000, priorTrades: 0 },
    );
    expect(est.trades).toBe(1); // only the 50 s sell: flat mid, markout 0
    expect(est.tapeBps).toBe(0);
  });

  it("never pays a rebate: aggressors that lose give 0, not a negative charge", () => {
    // buy at 15 s: mid 100.05 → 100 at 20 s = −0.05/100.05 ≈ −5 bps
    const est = estimateAdverseSelection({ venue: "okx", nowMs: NOW, sigmaPerSecond: 0, trades: [trade(15_000, "buy")], mids: path }, { priorTrades: 0 });
    expect(est.tapeBps).toBeCloseTo((-0.05 / 100.05) * 1e4, 9);
    expect(est.bps).toBe(0);
  });

  it("winsorizes each markout at ±4σ√h, the bound to 2 significant figures", () => {
    const jump = mids([
      [0, 100],
      [10_000, 100],
      [15_000, 101],
      [99_000, 101],
    ]);
    // +100 bps jump, σ√5s = √5·0.1 bps ≈ 0.2236 → clipped to 4 × 0.2236 = 0.894… → 0.89
    const est = estimateAdverseSelection({ venue: "okx", nowMs: NOW, sigmaPerSecond: 1e-5, trades: [trade(10_000, "buy")], mids: jump }, { priorTrades: 0 });
    expect(est.tapeBps).toBe(0.89);
  });
});
