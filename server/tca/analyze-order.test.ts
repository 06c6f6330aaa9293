import { describe, expect, it } from "vitest";
import { analyzeOrder } from "./analyze-order";
import { candidate, decision, leg, parts } from "./testing/make-decision";

// Buy 10 at decision mid 100 (t = 0); first child sent at 500 ms when the mid was 100.2.
const mids = [
  { tsMs: 0, mid: 100 },
  { tsMs: 500, mid: 100.2 },
  { tsMs: 1_000, mid: 100.3 },
  { tsMs: 2_000, mid: 100.4 },
  { tsMs: 400_000, mid: 101 },
];
const d = decision({
  id: "rd_n1_0",
  atMs: 0,
  qty: 10,
  mid: 100,
  bestBid: 99.9,
  bestAsk: 100.1,
  estCostBps: 52,
  estLandedCostBps: 50,
  candidates: [
    candidate("binance", { touchPrice: 100.1, scoreParts: parts(10, 10), ackLatencyMs: 0, alone: { filledQty: 10, bookBps: 40 }, chosen: true }),
    candidate("kraken", { touchPrice: 100.1, scoreParts: parts(10, 2), ackLatencyMs: 500, alone: { filledQty: 10, bookBps: 45 } }),
  ],
  legs: [leg("binance", 10, 100.4, parts(40, 10))],
});

describe("analyzeOrder", () => {
  const a = analyzeOrder({
    side: "buy",
    orderedQty: 10,
    decisionMid: 100,
    decisionAtMs: 0,
    arrivalAtMs: 500,
    fills: [
      { qty: 4, price: 100.35, fee: 0.4, venue: "binance", atMs: 1_000, liquidity: "taker", decisionId: "rd_n1_0" },
      { qty: 3, price: 100.55, fee: 0.3, venue: "binance", atMs: 2_500, liquidity: "taker" },
    ],
    finalMid: 101,
    mids,
    trades: [
      { tsMs: 800, price: 100.3, qty: 2 },
      { tsMs: 2_000, price: 100.5, qty: 2 },
      { tsMs: 3_000, price: 99, qty: 5 },
    ],
    decisions: [d],
    forecast: { p50Bps: 30, p90Bps: 50 },
    fees: 0.05,
  });

  it("wires the benchmark stack, hand-computed", () => {
    // avg = (401.4 + 301.65)/7 = 100.435714; vs decision 43.5714 bps; vs arrival 100.2 → 23.5243 bps.
    expect(a.benchmarks.avgPrice).toBeCloseTo(703.05 / 7, 10);
    expect(a.benchmarks.decision.costBps).toBeCloseTo(43.5714, 3);
    expect(a.benchmarks.arrival.price).toBe(100.2);
    expect(a.benchmarks.arrival.costBps).toBeCloseTo(23.5243, 3);
    // VWAP over [0, 2500]: (200.6 + 201)/4 = 100.4 (the 3 s print is after the last fill) → 3.5572 bps.
    expect(a.benchmarks.intervalVwap.price).toBeCloseTo(100.4, 12);
    expect(a.benchmarks.intervalVwap.costBps).toBeCloseTo(3.5572, 3);
    // TWAP: (100·500 + 100.2·500 + 100.3·1000 + 100.4·500)/2500 = 100.24.
    expect(a.benchmarks.twap.price).toBeCloseTo(100.24, 12);
  });

  it("decomposes the shortfall with the decision's half spread and the extra fee", () => {
    // delay 7·0.2 = 1.4; spread 7·0.1 = 0.7; impact (4·0.15 + 3·0.35) − 0.7 = 0.95;
    // fees 0.7 + 0.05 = 0.75; opportunity 3·1 = 3 → 6.8 USD = 68 bps of 1000.
    const sf = a.shortfall;
    expect([sf.delay.usd, sf.spread.usd, sf.impact.usd, sf.fees.usd, sf.opportunity.usd, sf.total.usd].map((x) => Number(x.toFixed(9)))).toEqual([1.4, 0.7, 0.95, 0.75, 3, 6.8]);
    expect(sf.total.bps).toBeCloseTo(68, 9);
  });

  it("marks out, audits the decision and checks the forecast P90", () => {
    const at0 = a.markouts.find((m) => m.horizonMs === 0)!;
    // (4·(100.3 − 100.35)/100.35 + 3·(100.4 − 100.55)/100.55)·1e4/7 = (−19.9302 − 44.7539)/7 = −9.2406 bps.
    expect(at0.bps).toBeCloseTo(((4 * -0.05) / 100.35 + (3 * -0.15) / 100.55) * 1e4 / 7, 9);
    expect(at0.bps).toBeCloseTo(-9.2406, 3);
    expect(a.markouts.find((m) => m.horizonMs === 300_000)!.available).toBe(true);
    const audit = a.audit.decisions[0]!;
    // binance 40 + 10 + 0 = 50; kraken 45 + 2 + 20 (mid 100 → 100.2 over 500 ms) = 67: the router chose the best.
    expect(audit.counterfactualBest).toEqual({ venue: "binance", equivalentBps: 50 });
    expect(audit.selectionErrorBps).toBeCloseTo(0, 12);
    // Both fills are the decision's (one by id, one by venue): realized (3.05 + 0.7)/700·1e4 = 53.5714 bps.
    expect(audit.filledQty).toBe(7);
    expect(audit.forecastErrorBps).toBeCloseTo(53.5714 - 52, 3);
    expect(a.audit.policyRegret.regretBps).toBeCloseTo(0, 12);
    expect(a.audit.unassignedFills).toBe(0);
    // Order realized cost is vs the ARRIVAL mid 100.2 (lib/execution-figures.ts):
    // (703.05 − 7·100.2 + 0.7)/(7·100.2)·1e4 = 2.35/701.4·1e4 = 33.5044 bps.
    expect(a.realizedCostBps).toBeCloseTo(33.5044, 3);
    // 33.50 ≤ P90 50: inside.
    expect(a.withinP90).toBe(true);
    expect(a.forecastOutcome).toMatchObject({ forecastP50Bps: 30, forecastP90Bps: 50 });
  });
});
