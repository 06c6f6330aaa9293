import { describe, expect, it } from "vitest";
import { hillTailIndex, mean, median, quantileSorted, rms } from "./sample-stats";

describe("sample statistics", () => {
  it("interpolates quantiles like numpy's default", () => {
    const xs = [1, 2, 3, 4];
    expect(quantileSorted(xs, 0.5)).toBe(2.5);
    expect(quantileSorted(xs, 0.25)).toBe(1.75);
    expect(quantileSorted(xs, 1)).toBe(4);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(median([5, 1, 3])).toBe(3);
  });

  it("computes mean and rms", () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(rms([3, -4])).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(mean([])).toBeNaN();
  });

  it("recovers a Pareto tail index", () => {
    // deterministic Pareto(alpha = 2) sample via the inverse CDF on a uniform grid
    const n = 20_000;
    const xs = Array.from({ length: n }, (_, i) => (1 - (i + 0.5) / n) ** (-1 / 2)).sort((a, b) => a - b);
    expect(hillTailIndex(xs, 1000)).toBeCloseTo(2, 1);
    expect(hillTailIndex(xs, 1)).toBeNaN();
  });
});
