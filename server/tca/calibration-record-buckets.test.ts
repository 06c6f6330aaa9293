import { describe, expect, it } from "vitest";
import { bucketForecasts, meanInterval, MIN_JUDGED_BUCKET, sizeBucketOf } from "./calibration-record-buckets";

describe("calibration buckets", () => {
  it("counts coverage at P50 and P90 per key with Wilson intervals", () => {
    // 100 orders: realized 0..99 against P50 = 49.5, P90 = 89.5 → exactly 50 and 90 covered.
    const rows = Array.from({ length: 100 }, (_, i) => ({ policy: "sor", p50Bps: 49.5, p90Bps: 89.5, realizedBps: i }));
    const [b] = bucketForecasts(rows, (r) => r.policy);
    expect(b!.count).toBe(100);
    expect(b!.withinP50.k).toBe(50);
    expect(b!.withinP90.k).toBe(90);
    expect(b!.withinP90.low).toBeLessThan(0.9);
    expect(b!.withinP90.high).toBeGreaterThan(0.9);
    expect(b!.meetsTarget).toBe(true);
    expect(b!.realized.mean).toBeCloseTo(49.5, 12);
  });

  it("judges only buckets with enough orders and flags a miss", () => {
    const small = Array.from({ length: MIN_JUDGED_BUCKET - 1 }, () => ({ k: "a", p50Bps: 0, p90Bps: 0, realizedBps: 1 }));
    const missed = Array.from({ length: MIN_JUDGED_BUCKET }, () => ({ k: "b", p50Bps: 0, p90Bps: 0, realizedBps: 1 }));
    const [a, b] = bucketForecasts([...small, ...missed], (r) => r.k);
    expect(a!.meetsTarget).toBeUndefined();
    expect(b!.meetsTarget).toBe(false);
  });

  it("mean interval is ±1.96·s/√n and size buckets split at 1× and 5×", () => {
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.high - m.mean).toBeCloseTo(1.959963984540054 * Math.sqrt(2.5 / 5), 12);
    expect([0.1, 0.99, 1, 4.9, 5, 50].map(sizeBucketOf)).toEqual(["0.1-1x", "0.1-1x", "1-5x", "1-5x", "5-50x", "5-50x"]);
  });
});
