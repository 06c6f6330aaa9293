import { describe, expect, it } from "vitest";
import type { MidSample } from "@/server/market-data/observation-store";
import type { Trade } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { acOptimalTrajectory } from "./almgren-chriss";
import { estimateImpactParams, estimateTapeStats, kyleLambda } from "./estimate-impact-params";
import { analyzeUrgency } from "./urgency";

const trade = (tsMs: number, qty: number, aggressor: "buy" | "sell"): Trade => ({ venue: "binance", symbol: "BTC-USD", price: 100, qty, aggressor, tsMs, id: `${tsMs}` });

// A tape where every second's mid change is exactly 0.01 × net signed flow → Kyle λ = 0.01.
function syntheticTape(seconds: number) {
  const rng = createRng(21);
  const mids: MidSample[] = [{ tsMs: 0, mid: 100 }];
  const trades: Trade[] = [];
  for (let s = 1; s <= seconds; s++) {
    const a = Math.round(rng.next() * 20) / 10;
    const b = Math.round(rng.next() * 20) / 10;
    trades.push(trade(s * 1000 - 600, a, "buy"), trade(s * 1000 - 300, b, "sell"));
    mids.push({ tsMs: s * 1000, mid: (mids[s - 1] as MidSample).mid + 0.01 * (a - b) });
  }
  return { mids, trades };
}

// Hand-computed book: mid 100, half spread 10 bps (0.1), sweep price cost 15/20/30 bps at 1/2/4 units:
// excess offsets 0.05, 0.10, 0.20 → b = (1·0.05 + 2·0.1 + 4·0.2)/(1 + 4 + 16) = 1.05/21 = 0.05.
const base = () => {
  const { mids, trades } = syntheticTape(120);
  return estimateImpactParams({
    mid: 100,
    halfSpreadBps: 10,
    feeBps: 10,
    sizePoints: [
      { filledQty: 1, priceCostBps: 15 },
      { filledQty: 2, priceCostBps: 20 },
      { filledQty: 4, priceCostBps: 30 },
    ],
    sigmaPerSecond: 1e-3,
    tape: estimateTapeStats({ tradesByVenue: [trades], mids, nowMs: 120_000, windowMs: 300_000 }),
    resilienceMs: 5000,
  });
};

describe("estimateImpactParams", () => {
  it("book slope, η = b·τᵣ, ε = half spread + fee (hand-computed)", () => {
    const p = base();
    expect(p.bookSlope).toBeCloseTo(0.05, 12);
    expect(p.eta).toBeCloseTo(0.25, 12);
    expect(p.epsilon).toBeCloseTo(0.2, 12);
    expect(p.sigmaPrice).toBeCloseTo(0.1, 12);
  });

  it("γ is Kyle's λ from the tape when it is well determined", () => {
    const p = base();
    expect(p.kyleLambda).toBeCloseTo(0.01, 9);
    expect(p.gamma).toBeCloseTo(0.01, 9);
    expect(p.gammaSource).toBe("kyle_lambda");
    expect(p.kyleIntervals).toBeGreaterThanOrEqual(100);
  });

  it("daily volume from the tape rate over the span the store covers", () => {
    const { trades } = syntheticTape(120);
    const total = trades.reduce((s, t) => s + t.qty, 0);
    const p = base();
    expect(p.tapeSpanMs).toBe(120_000);
    expect(p.dailyVolume).toBeCloseTo((total / 120) * 86_400, 6);
  });

  it("falls back to a stated fraction of the book slope without a tape", () => {
    const tape = estimateTapeStats({ tradesByVenue: [], mids: [], nowMs: 0 });
    const p = estimateImpactParams({ mid: 100, halfSpreadBps: 10, feeBps: 0, sizePoints: [{ filledQty: 2, priceCostBps: 20 }], sigmaPerSecond: 1e-3, tape });
    expect(p.gammaSource).toBe("fraction_of_temporary");
    expect(p.gamma).toBeCloseTo(0.25 * 0.05, 12);
    expect(p.dailyVolume).toBeUndefined();
  });

  it("Kyle's λ buckets trades into the mid-sample interval they fall in", () => {
    const mids = [
      { tsMs: 0, mid: 10 },
      { tsMs: 1000, mid: 10.2 },
      { tsMs: 2000, mid: 10.1 },
    ];
    const trades = [trade(500, 2, "buy"), trade(1500, 1, "sell")];
    // flows +2 (Δ +0.2), −1 (Δ −0.1): λ = (0.4 + 0.1)/(4 + 1) = 0.1
    expect(kyleLambda(mids, [trades], 0).lambda).toBeCloseTo(0.1, 12);
  });
});

describe("analyzeUrgency", () => {
  const qty = 10;
  it("immediate execution: ½γX² + εX + η̃X²/τᵣ over notional (hand-computed 70 bps)", () => {
    // ½·0.01·100 = 0.5; εX = 2; η̃ = 0.25 − 0.01·5/2 = 0.225 → 0.225·100/5 = 4.5; E = 7 on $1000 → 70 bps
    const u = analyzeUrgency(qty, base());
    expect(u.immediate.expectedCostBps).toBeCloseTo(70, 9);
    expect(u.immediate.impactCostBps).toBeCloseTo(50, 9);
  });

  it("each profile is the AC optimum for its λ, and savings = immediate − expected", () => {
    const p = base();
    const u = analyzeUrgency(qty, p);
    for (const prof of u.profiles) {
      expect(prof.lambda).toBeCloseTo((prof.riskAversionPerBps * 1e4) / 1000, 15);
      const t = acOptimalTrajectory({ X: qty, T: prof.horizonMs / 1000, N: prof.slices, sigma: p.sigmaPrice, eta: p.eta, gamma: p.gamma, epsilon: p.epsilon, lambda: prof.lambda });
      expect(prof.expectedCostBps).toBeCloseTo((t.expectedCost / 1000) * 1e4, 9);
      expect(prof.riskBps).toBeCloseTo((t.stdDev / 1000) * 1e4, 9);
      expect(prof.savingsBps).toBeCloseTo(u.immediate.expectedCostBps - prof.expectedCostBps, 12);
      expect(prof.remaining[0]).toBe(1);
      expect(prof.remaining.at(-1)).toBe(0);
    }
  });

  it("higher urgency: shorter, costlier, less risky; waiting saves", () => {
    const u = analyzeUrgency(qty, base());
    const [low, medium, high] = u.profiles;
    expect(low!.horizonMs).toBeGreaterThan(medium!.horizonMs);
    expect(medium!.horizonMs).toBeGreaterThan(high!.horizonMs);
    expect(low!.expectedCostBps).toBeLessThan(medium!.expectedCostBps);
    expect(medium!.expectedCostBps).toBeLessThan(high!.expectedCostBps);
    expect(low!.riskBps).toBeGreaterThan(high!.riskBps);
    expect(low!.savingsBps).toBeGreaterThan(0);
    // κ = √(λσ²/η): medium λ = 0.1 → √(0.1·0.01/0.25) = 0.0632/s → T = 3/κ = 47.4 s
    expect(medium!.horizonMs / 1000).toBeCloseTo(3 / Math.sqrt((0.1 * 0.01) / 0.25), 6);
  });

  it("reports the square-root cross-check beside the trajectories", () => {
    const p = base();
    const u = analyzeUrgency(qty, p);
    expect(u.squareRoot.costBps).toBeCloseTo(1e-3 * Math.sqrt(86_400) * 1e4 * Math.sqrt(qty / p.dailyVolume!), 9);
  });

  it("zero quantity answers zeros, not NaN", () => {
    const u = analyzeUrgency(0, base());
    expect(u.immediate.expectedCostBps).toBe(0);
    for (const prof of u.profiles) expect(prof.expectedCostBps).toBe(0);
  });
});
