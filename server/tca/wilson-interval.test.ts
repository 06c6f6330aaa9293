import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson-interval";

describe("wilsonInterval", () => {
  // Newcombe (1998), Table II, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → [%f, %f] as in Newcombe 1998", (k, n, low, high) => {
    const w = wilsonInterval(k, n);
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
    expect(w.share).toBeCloseTo(k / n, 12);
  });

  it("is the whole unit interval with no observations and rejects k > n", () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});
