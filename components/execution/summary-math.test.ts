import { describe, expect, it } from "vitest";
import { calibrationVerdict, formatShare, isIsoDate, percentileBars, rangeDays, rangeError, todayUtc } from "./summary-math";

describe("dates", () => {
  it("gives today's UTC date", () => {
    expect(todayUtc(Date.parse("2025-03-04T23:59:59Z"))).toBe("2025-03-04");
  });
  it("accepts only real YYYY-MM-DD dates", () => {
    expect(isIsoDate("2025-02-28")).toBe(true);
    expect(isIsoDate("2025-02-30")).toBe(false);
    expect(isIsoDate("2025-2-3")).toBe(false);
    expect(isIsoDate("")).toBe(false);
  });
  it("counts inclusive days and explains bad ranges", () => {
    expect(rangeDays("2025-03-01", "2025-03-01")).toBe(1);
    expect(rangeDays("2025-02-27", "2025-03-01")).toBe(3);
    expect(rangeError("2025-03-01", "2025-03-07")).toBeNull();
    expect(rangeError("2025-03-08", "2025-03-07")).toMatch(/after/);
    expect(rangeError("2024-01-01", "2025-03-07")).toMatch(/366/);
    expect(rangeError("", "2025-03-07")).toMatch(/Start/);
  });
});

describe("percentileBars", () => {
  it("lists P50…P99 in order, empty without slippage", () => {
    expect(percentileBars({ p50: 1, p75: 2, p90: 3, p95: 4, p99: 9, notional_weighted_mean: 1.5 }).map((b) => [b.label, b.bps])).toEqual([
      ["P50", 1],
      ["P75", 2],
      ["P90", 3],
      ["P95", 4],
      ["P99", 9],
    ]);
    expect(percentileBars(null)).toEqual([]);
  });
});

describe("calibration", () => {
  it("formats shares", () => {
    expect(formatShare(0.875)).toBe("87.5%");
    expect(formatShare(null)).toBe("—");
  });
  it("judges the share within P90 against the 90 % target", () => {
    expect(calibrationVerdict({ observations: 0, within_p90_share: null }).tone).toBe("neutral");
    expect(calibrationVerdict({ observations: 50, within_p90_share: 0.9 }).tone).toBe("green");
    expect(calibrationVerdict({ observations: 50, within_p90_share: 0.83 }).tone).toBe("amber");
    expect(calibrationVerdict({ observations: 50, within_p90_share: 0.6 }).tone).toBe("red");
    expect(calibrationVerdict({ observations: 50, within_p90_share: 1 }).tone).toBe("amber");
    expect(calibrationVerdict({ observations: 5, within_p90_share: 1 }).tone).toBe("green");
  });
});
