import { describe, expect, it } from "vitest";
import { costQuantiles } from "./cost-quantiles";
import { QuantileMemo } from "./quantile-memo";
import type { SweepCostSamples } from "./sample-sweep-costs";

const samples = (rows: number[][], memo?: QuantileMemo): SweepCostSamples => ({
  side: "buy",
  sizes: rows.map((_, k) => k + 1),
  cost: rows.map((r) => Float64Array.from(r)),
  filled: rows.map((r, k) => Float64Array.from(r.map(() => k + 1))),
  count: rows[0]!.length,
  stateTimesMs: rows[0]!.map((_, i) => i),
  statesConsidered: rows[0]!.length,
  stride: 1,
  ...(memo ? { memo } : {}),
});

describe("QuantileMemo", () => {
  it("answers an identical sample with the kept quantiles, and only an identical one", () => {
    const memo = new QuantileMemo();
    const rows = [
      [1, 2, 3, 5],
      [2, 3, 4, 9],
    ];
    const first = costQuantiles(samples(rows, memo), 1, 0.5);
    expect(costQuantiles(samples(rows, memo), 1, 0.5)).toBe(first);
    expect(costQuantiles(samples(rows), 1, 0.5)).toEqual(first);
    // One state a hair different, another horizon, another fill: solved afresh.
    expect(costQuantiles(samples([rows[0]!, [2, 3, 4, 9 + 1e-12]], memo), 1, 0.5)).not.toBe(first);
    expect(costQuantiles(samples(rows, memo), 1, 0.6)).not.toBe(first);
    const s = samples(rows, memo);
    s.filled[1]![0] = 1.5;
    expect(costQuantiles(s, 1, 0.5)).not.toBe(first);
  });

  it("keeps only the last few samples", () => {
    const memo = new QuantileMemo();
    const first = costQuantiles(samples([[1, 2, 3]], memo), 0, 0.5);
    for (let i = 0; i < 4; i++) costQuantiles(samples([[1, 2, 3 + i + 1]], memo), 0, 0.5);
    expect(costQuantiles(samples([[1, 2, 3]], memo), 0, 0.5)).not.toBe(first);
  });
});
