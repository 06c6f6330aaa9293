import { describe, expect, it } from "vitest";
import { recommendStrategy } from "./recommend-strategy";
import type { StrategyResult } from "./summarize-strategy-paths";

function result(strategy: StrategyResult["strategy"], p50: number | null, p90: number | null, fill: number): StrategyResult {
  return {
    strategy,
    p50CostBps: p50,
    p90CostBps: p90,
    meanCostBps: p50,
    meanFillRate: fill,
    completionRate: fill,
    venuesUsed: ["binance"],
    p50TimeToCompleteMs: fill >= 0.5 ? 1000 : null,
    bindingConstraints: fill < 1 ? ["horizon"] : [],
    paths: 100,
    pathsWithFills: p50 === null ? 0 : 100,
  };
}

const RESULTS = [result("aggressive", 12, 12.5, 1), result("passive", 4, 9, 0.7), result("split", 8, 11, 0.98)];

describe("strategy recommendation", () => {
  it("recommends the lowest P50 among strategies that fill at least 95 %", () => {
    const r = recommendStrategy(RESULTS);
    expect(r.recommended?.strategy).toBe("split");
    expect(r.recommended?.reason).toContain("8.00 bps");
    expect(r.dropped).toEqual([]);
    expect(r.message).toBeNull();
  });

  it("breaks a P50 tie on P90", () => {
    const r = recommendStrategy([result("aggressive", 8, 12, 1), result("split", 8, 10, 1)]);
    expect(r.recommended?.strategy).toBe("split");
  });

  it("max_cost_bps drops strategies whose P50 exceeds it and says why", () => {
    const r = recommendStrategy(RESULTS, { maxCostBps: 7 });
    expect(r.dropped).toEqual([
      { strategy: "aggressive", reason: "P50 cost 12.00 bps exceeds max_cost_bps 7.00 bps" },
      { strategy: "split", reason: "P50 cost 8.00 bps exceeds max_cost_bps 7.00 bps" },
    ]);
    // Only passive is left and it fills 70 %: recommended, with the shortfall said.
    expect(r.recommended?.strategy).toBe("passive");
    expect(r.message).toMatch(/No strategy fills at least 95/);
  });

  it("passive_only keeps only passive strategies and marks the constraint", () => {
    const r = recommendStrategy(RESULTS, { passiveOnly: true });
    expect(r.kept.map((k) => k.strategy)).toEqual(["passive"]);
    expect(r.kept[0]?.bindingConstraints).toContain("passive_only");
    expect(r.dropped.map((d) => d.strategy)).toEqual(["aggressive", "split"]);
    expect(r.recommended?.strategy).toBe("passive");
  });

  it("says so when nothing is left", () => {
    const r = recommendStrategy(RESULTS, { passiveOnly: true, maxCostBps: 2 });
    expect(r.recommended).toBeNull();
    expect(r.kept).toEqual([]);
    expect(r.message).toMatch(/^No strategy meets the constraints: .*passive \(P50 cost 4\.00 bps exceeds max_cost_bps 2\.00 bps\)/);
  });

  it("drops a strategy that never filled", () => {
    const r = recommendStrategy([result("passive", null, null, 0), result("aggressive", 10, 10, 1)]);
    expect(r.dropped).toEqual([{ strategy: "passive", reason: "no simulated path filled any quantity" }]);
    expect(r.recommended?.strategy).toBe("aggressive");
  });
});
