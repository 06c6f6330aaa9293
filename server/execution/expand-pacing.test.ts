import { isOnGrid } from "@/server/market-data/market-grid";
import { describe, expect, it } from "vitest";
import { expandPacing, scheduledFraction } from "./expand-pacing";

describe("expandPacing (TWAP)", () => {
  it("splits into equal slices on the interval grid, remainder last, summing exactly", () => {
    const s = expandPacing(10, 3, 60_000, 1_000);
    expect(s.map((x) => x.dueAtMs)).toEqual([1_000, 61_000, 121_000]);
    expect(s[0]!.qty).toBe(3.33333333);
    expect(s[1]!.qty).toBe(3.33333333);
    expect(s.reduce((a, x) => a + x.qty, 0)).toBeCloseTo(10, 12);
    expect(s[2]!.qty).toBeGreaterThan(s[0]!.qty);
  });

  it("divides in fixed point: 173.1 in 5 slices is 34.62 each, on a 0.01 lot grid (floats gave 34.61999999)", () => {
    const slices = expandPacing(173.1, 5, 1_000, 0);
    expect(slices.map((s) => s.qty)).toEqual([34.62, 34.62, 34.62, 34.62, 34.62]);
    for (const s of slices) expect(isOnGrid(s.qty, 0.01)).toBe(true);
    // An uneven split still adds up exactly: 1 in 3 → 0.33333333 × 2 + 0.33333334.
    expect(expandPacing(1, 3, 1_000, 0).map((s) => s.qty)).toEqual([0.33333333, 0.33333333, 0.33333334]);
  });

  it("tiny orders never produce zero-size slices", () => {
    const s = expandPacing(0.00000003, 5, 1000, 0);
    expect(s.every((x) => x.qty > 0)).toBe(true);
    expect(s.reduce((a, x) => a + x.qty, 0)).toBeCloseTo(0.00000003, 14);
  });

  it("refuses nonsense", () => {
    expect(() => expandPacing(0, 3, 1000, 0)).toThrow(RangeError);
    expect(() => expandPacing(1, 0, 1000, 0)).toThrow(RangeError);
    expect(() => expandPacing(1, 2.5, 1000, 0)).toThrow(RangeError);
  });

  it("reports the scheduled fraction over time", () => {
    const s = expandPacing(4, 4, 1000, 0);
    expect(scheduledFraction(s, 4, -1)).toBe(0);
    expect(scheduledFraction(s, 4, 0)).toBe(0.25);
    expect(scheduledFraction(s, 4, 2500)).toBe(0.75);
    expect(scheduledFraction(s, 4, 10_000)).toBe(1);
  });
});
