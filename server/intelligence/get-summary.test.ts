import { describe, expect, it } from "vitest";
import { quantile } from "./get-summary";

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
