import { describe, expect, it } from "vitest";
import { auditDecision } from "./decision-audit";
import { candidate, decision, leg, parts } from "./testing/make-decision";
import type { TcaFill } from "./types";

// Buy 2 at decision mid 100 (t = 1000 ms). Mid 100.1 from 1050 ms, 100.05 from 1200 ms.
const mids = [
  { tsMs: 1_000, mid: 100 },
  { tsMs: 1_050, mid: 100.1 },
  { tsMs: 1_200, mid: 100.05 },
  { tsMs: 5_000, mid: 100.05 },
];
const d = decision({
  id: "rd_n1_0",
  atMs: 1_000,
  qty: 2,
  mid: 100,
  routerVersion: "v3",
  estCostBps: 14,
  estLandedCostBps: 13.5,
  candidates: [
    // A: 6 bps book alone, 10 bps fee, slow (200 ms).
    candidate("kraken", { touchPrice: 100.05, scoreParts: parts(5, 10, 1), ackLatencyMs: 200, alone: { filledQty: 2, bookBps: 6 } }),
    // B: 5 bps book alone, 8 bps fee, fast (50 ms): the router's choice.
    candidate("binance", { touchPrice: 100.05, scoreParts: parts(5, 8, 0.5, 0.5), ackLatencyMs: 50, alone: { filledQty: 2, bookBps: 5 }, chosen: true }),
    // C: cheap but cannot fill 2 alone: not eligible.
    candidate("okx", { touchPrice: 100.01, scoreParts: parts(1, 2), ackLatencyMs: 10, alone: { filledQty: 1, bookBps: 1 } }),
  ],
  legs: [leg("binance", 2, 100.05, parts(5, 8, 0.5, 0.5))],
});
const fill = (venue: "binance" | "kraken", qty: number, price: number, fee: number): TcaFill => ({ venue, qty, price, fee, atMs: 1_060, liquidity: "taker" });

describe("auditDecision", () => {
  it("finds the counterfactual best from the record and what followed, hand-computed", () => {
    const a = auditDecision(d, [fill("binance", 2, 100.12, 0.16)], mids, { costModelVersion: "cost-dist-test" });
    const byVenue = (v: string) => a.candidates.find((c) => c.venue === v)!;
    // kraken: mid at 1200 ms = 100.05 → followed +5 bps; 6 + 10 + 5 = 21.
    expect(byVenue("kraken").followedBps).toBeCloseTo(5, 9);
    expect(byVenue("kraken").equivalentBps).toBeCloseTo(21, 9);
    // binance: mid at 1050 ms = 100.1 → followed +10 bps; 5 + 8 + 10 = 23.
    expect(byVenue("binance").equivalentBps).toBeCloseTo(23, 9);
    expect(byVenue("okx")).toMatchObject({ eligible: false, equivalentBps: undefined, scoreRank: 1 });
    expect(a.counterfactualBest?.venue).toBe("kraken");
    expect(a.chosenEquivalentBps).toBeCloseTo(23, 9);
    // Selection error 23 − 21 = 2 bps: kraken alone would have been cheaper after the fact.
    expect(a.selectionErrorBps).toBeCloseTo(2, 9);
    // …so the best alternative is kraken alone, saving those 2 bps.
    expect(a.bestAlternative).toMatchObject({ kind: "single_venue", venue: "kraken" });
    expect(a.bestAlternative?.equivalentBps).toBeCloseTo(21, 9);
    expect(a.bestAlternative?.savingBps).toBeCloseTo(2, 9);
    // Realized: (2·0.12 + 0.16)/(2·100)·1e4 = 20 bps; forecast error 20 − 14 = 6; landed 20 − 13.5 = 6.5.
    expect(a.realizedBps).toBeCloseTo(20, 9);
    expect(a.forecastErrorBps).toBeCloseTo(6, 9);
    expect(a.landedForecastErrorBps).toBeCloseTo(6.5, 9);
    expect(a.chosen[0]).toMatchObject({ venue: "binance", qty: 2, estCostBps: 14, filledQty: 2 });
    expect(a.chosen[0]!.scoreParts.fee_bps).toBe(8);
    expect(a).toMatchObject({ routerVersion: "v3", costModelVersion: "cost-dist-test", routedNotional: 200 });
  });

  it("falls back to the ex-ante latency + staleness parts when the mids stop early", () => {
    const a = auditDecision(d, [], mids.slice(0, 1));
    const binance = a.candidates.find((c) => c.venue === "binance")!;
    // 5 + 8 + (0.5 + 0.5) = 14; kraken 6 + 10 + 1 = 17 → binance best, selection error 0.
    expect(binance).toMatchObject({ followedSource: "forecast", equivalentBps: 14 });
    expect(a.counterfactualBest).toEqual({ venue: "binance", equivalentBps: 14 });
    expect(a.selectionErrorBps).toBe(0);
    expect(a.realizedBps).toBeUndefined();
    expect(a.forecastErrorBps).toBeUndefined();
  });

  it("has no counterfactual when no venue could fill alone, and a negative error when a split beats them", () => {
    const none = auditDecision({ ...d, qty: 5 }, [], mids);
    expect(none.counterfactualBest).toBeUndefined();
    expect(none.selectionErrorBps).toBeUndefined();
    const split = auditDecision({ ...d, legs: [leg("binance", 1, 100.02, parts(2, 8)), leg("kraken", 1, 100.02, parts(2, 10))] }, [], mids);
    // Legs: binance 2 + 8 + 10 = 20, kraken 2 + 10 + 5 = 17 → 18.5 vs best 21 → −2.5 bps.
    expect(split.chosenEquivalentBps).toBeCloseTo(18.5, 9);
    expect(split.selectionErrorBps).toBeCloseTo(-2.5, 9);
    // The best single venue (kraken, 21) is not the best alternative: the router's split was.
    expect(split.counterfactualBest?.venue).toBe("kraken");
    expect(split.bestAlternative).toMatchObject({ kind: "routed", savingBps: 0 });
    expect(split.bestAlternative?.equivalentBps).toBeCloseTo(18.5, 9);
    // No venue could fill alone: the router's routing is the only alternative there was.
    expect(none.bestAlternative).toMatchObject({ kind: "routed", savingBps: 0 });
  });
});
