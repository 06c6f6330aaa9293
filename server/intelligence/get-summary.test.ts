import { describe, expect, it } from "vitest";
import { quantile, quantileFromRanks } from "./get-summary";

describe("quantile (Hyndman & Fan type 7)", () => {
  it("matches numpy's default on a worked example", () => {
    // numpy.percentile([1, 2, 3, 4, 10], [50, 75, 90, 99]) = [3, 4, 7.6, 9.76]
    const xs = [1, 2, 3, 4, 10];
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0.75)).toBe(4);
    expect(quantile(xs, 0.9)).toBeCloseTo(7.6, 12);
    expect(quantile(xs, 0.99)).toBeCloseTo(9.76, 12);
    expect(quantile([5], 0.9)).toBe(5);
  });
});

describe("quantileFromRanks", () => {
  it("equals type 7 over the sorted list from the values at its two ranks, for every n up to 60", () => {
    for (let n = 1; n <= 60; n++) {
      const xs = Array.from({ length: n }, (_, i) => Math.sin(i * 7.3) * 40 + i * 0.01).sort((a, b) => a - b);
      for (const m of [0, 500, 750, 900, 950, 990, 1000]) {
        expect(quantileFromRanks(n, m, (r) => xs[r]!), `n ${n}, ${m}‰`).toBeCloseTo(quantile(xs, m / 1000), 12);
      }
    }
    // The worked example above: numpy.percentile([1, 2, 3, 4, 10], 90) = 7.6.
    expect(quantileFromRanks(5, 900, (r) => [1, 2, 3, 4, 10][r]!)).toBeCloseTo(7.6, 12);
  });
});
