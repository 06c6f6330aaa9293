import { describe, expect, it } from "vitest";
import type { VenueId } from "@/server/market-data/types";
import type { PathOutcome } from "./run-strategy-path";
import { pathCostBps, summarizeStrategyPaths } from "./summarize-strategy-paths";
import type { BindingConstraint } from "./types";

function outcome(filledQty: number, vwap: number, feeBps: number, timeToCompleteMs: number | null, bound: BindingConstraint[] = [], venue: VenueId = "binance"): PathOutcome {
  return {
    filledQty,
    notional: filledQty * vwap,
    feeBpsNotional: feeBps * filledQty * vwap,
    timeToCompleteMs,
    venueFilled: new Map(filledQty > 0 ? [[venue, filledQty]] : []),
    bound: new Set(bound),
  };
}

describe("scenario summary", () => {
  it("signs cost so that positive is worse for the trader, fees included", () => {
    expect(pathCostBps(outcome(1, 100.02, 10, 5), "buy", 100)).toBeCloseTo(12, 9);
    expect(pathCostBps(outcome(1, 99.98, 10, 5), "sell", 100)).toBeCloseTo(12, 9);
    expect(pathCostBps(outcome(1, 100.02, 10, 5), "sell", 100)).toBeCloseTo(8, 9);
    expect(pathCostBps(outcome(0, 100, 10, null), "buy", 100)).toBeNull();
  });

  it("reports P50/P90 of the filled paths, fill rate over all paths and median time with unfinished = never", () => {
    const outcomes = [
      outcome(1, 100.01, 0, 100),
      outcome(1, 100.02, 0, 200),
      outcome(1, 100.03, 0, 300),
      outcome(0.5, 100.04, 0, null, ["horizon"], "okx"),
      outcome(0, 100, 0, null, ["horizon"]),
    ];
    const r = summarizeStrategyPaths("passive", outcomes, "buy", 1, 100);
    expect(r.p50CostBps).toBeCloseTo(2.5, 9);
    expect(r.p90CostBps).toBeCloseTo(3.7, 9);
    expect(r.meanFillRate).toBeCloseTo(0.7, 12);
    expect(r.completionRate).toBeCloseTo(0.6, 12);
    expect(r.p50TimeToCompleteMs).toBe(300);
    expect(r.venuesUsed).toEqual(["binance", "okx"]);
    expect(r.bindingConstraints).toEqual(["horizon"]);
    expect(r.pathsWithFills).toBe(4);
  });

  it("gives no completion time when fewer than half complete, and no cost when nothing filled", () => {
    const r = summarizeStrategyPaths("passive", [outcome(0, 0, 0, null, ["horizon"]), outcome(0, 0, 0, null, ["horizon"]), outcome(1, 100, 0, 10)], "buy", 1, 100);
    expect(r.p50TimeToCompleteMs).toBeNull();
    const none = summarizeStrategyPaths("passive", [outcome(0, 0, 0, null, ["horizon"])], "buy", 1, 100);
    expect(none).toMatchObject({ p50CostBps: null, p90CostBps: null, meanFillRate: 0, venuesUsed: [] });
  });

  it("lists a path-level constraint only when it bound at least 10 % of paths, plus scenario-level ones", () => {
    const outcomes = Array.from({ length: 20 }, (_, i) => outcome(1, 100, 0, 5, i === 0 ? ["depth"] : i < 3 ? ["venue_min_size"] : []));
    const r = summarizeStrategyPaths("aggressive", outcomes, "buy", 1, 100, ["exclude_venues"]);
    expect(r.bindingConstraints).toEqual(["venue_min_size", "exclude_venues"]);
  });
});
