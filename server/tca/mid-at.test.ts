import { describe, expect, it } from "vitest";
import { midAtOrBefore, midAtWithinData, sortMidsByTime } from "./mid-at";

const mids = [
  { tsMs: 1000, mid: 100 },
  { tsMs: 2000, mid: 101 },
  { tsMs: 3000, mid: 99 },
];

describe("mid lookup (step function)", () => {
  it("takes the last sample at or before t", () => {
    expect(midAtOrBefore(mids, 999)).toBeUndefined();
    expect(midAtOrBefore(mids, 1000)).toBe(100);
    expect(midAtOrBefore(mids, 1999)).toBe(100);
    expect(midAtOrBefore(mids, 2000)).toBe(101);
    expect(midAtOrBefore(mids, 9000)).toBe(99);
  });
  it("never extrapolates beyond the newest sample", () => {
    expect(midAtWithinData(mids, 3000)).toBe(99);
    expect(midAtWithinData(mids, 3001)).toBeUndefined();
    expect(midAtWithinData([], 0)).toBeUndefined();
  });
  it("sorts out-of-order samples without touching ordered input", () => {
    expect(sortMidsByTime(mids)).toBe(mids);
    const shuffled = [mids[2]!, mids[0]!, mids[1]!];
    expect(sortMidsByTime(shuffled).map((m) => m.tsMs)).toEqual([1000, 2000, 3000]);
  });
});
