import { describe, expect, it } from "vitest";
import { capacityCurve, CostInvariantError } from "./capacity-curve";
import type { SweepCostSamples } from "./sample-sweep-costs";

const samples = (sizes: number[], rows: number[][]): SweepCostSamples => ({
  side: "buy",
  sizes,
  cost: rows.map((r) => Float64Array.from(r)),
  filled: rows.map((r, k) => r.map(() => sizes[k]!)).map((r) => Float64Array.from(r)),
  count: rows[0]!.length,
  stateTimesMs: rows[0]!.map((_, i) => i),
  statesConsidered: rows[0]!.length,
  stride: 1,
});

describe("capacityCurve robustness", () => {
  it("stays non-decreasing where the median sits in a gap between two clusters (flat CDF)", () => {
    // 30 states at ~0 bps and 30 at ~100 bps: with a narrow horizon term F ≈ 0.5 across the
    // whole gap, so the median is ill-conditioned; slightly dearer sizes must not come out lower.
    const base = [...Array.from({ length: 30 }, (_, i) => i * 1e-3), ...Array.from({ length: 30 }, (_, i) => 100 + i * 1e-3)];
    const rows = [0, 1e-9, 2e-9, 5e-9].map((d) => base.map((x, i) => x + d * (1 + (i % 5))));
    for (const sigma of [1e-6, 1e-5, 1e-4]) {
      const curve = capacityCurve(samples([1, 2, 3, 4], rows), 1, { sigmaPerSecond: sigma, horizonMs: 1000 });
      for (let k = 1; k < curve.points.length; k++) {
        expect(curve.points[k]!.p50Bps).toBeGreaterThanOrEqual(curve.points[k - 1]!.p50Bps);
        expect(curve.points[k]!.p90Bps).toBeGreaterThanOrEqual(curve.points[k - 1]!.p90Bps);
      }
    }
  });

  it("rejects state costs that fall with size: that would be a sweep bug, not market data", () => {
    expect(() => capacityCurve(samples([1, 2], [[10, 12], [9, 13]]), 1, { sigmaPerSecond: 0, horizonMs: 0 })).toThrow(CostInvariantError);
  });

  it("a calibration with positive scales keeps the curve ordered and P90 ≥ P50", () => {
    const curve = capacityCurve(samples([1, 2, 4], [[1, 2, 3], [2, 3, 4], [5, 6, 9]]), 2, {
      sigmaPerSecond: 1e-4,
      horizonMs: 10_000,
      calibration: { p50Scale: 1.3, p90Scale: 0.7, p50OffsetBps: 2, p90OffsetBps: -1, source: "test", observations: 50 },
    });
    for (let k = 0; k < curve.points.length; k++) {
      const p = curve.points[k]!;
      expect(p.p90Bps).toBeGreaterThanOrEqual(p.p50Bps);
      if (k > 0) expect(p.p50Bps).toBeGreaterThanOrEqual(curve.points[k - 1]!.p50Bps);
    }
    expect(curve.points.map((p) => p.multiplier)).toEqual([0.5, 1, 2]);
  });
});
