import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { createSizeSampler } from "./sample-order-size";
import { TRADE_SIZE_MEAN_USD, TRADE_SIZE_TAIL_CAP, TRADE_SIZE_TAIL_INDEX, TRADE_SIZE_USD_QUANTILES } from "./sim-calibration";
import { quantileSorted, sortedCopy } from "./sample-stats";

describe("createSizeSampler", () => {
  const sample = createSizeSampler(TRADE_SIZE_USD_QUANTILES, TRADE_SIZE_TAIL_INDEX, TRADE_SIZE_TAIL_CAP);

  it("reproduces the measured quantiles exactly at their probabilities", () => {
    for (const q of TRADE_SIZE_USD_QUANTILES) expect(sample(q.p)).toBeCloseTo(q.usd, 6);
  });

  it("is monotone and capped", () => {
    let prev = 0;
    for (let u = 0; u < 1; u += 0.001) {
      const x = sample(u);
      expect(x).toBeGreaterThanOrEqual(prev);
      prev = x;
    }
    const p99 = TRADE_SIZE_USD_QUANTILES[TRADE_SIZE_USD_QUANTILES.length - 1]!.usd;
    expect(sample(0.999999)).toBeCloseTo(p99 * TRADE_SIZE_TAIL_CAP, 6);
  });

  it("draws a heavy-tailed sample whose mean and median match the recording", () => {
    const rng = createRng(7);
    const xs = Array.from({ length: 200_000 }, () => sample(rng.next()));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean / TRADE_SIZE_MEAN_USD).toBeGreaterThan(0.8);
    expect(mean / TRADE_SIZE_MEAN_USD).toBeLessThan(1.25);
    const med = quantileSorted(sortedCopy(xs), 0.5);
    expect(med).toBeCloseTo(TRADE_SIZE_USD_QUANTILES[2]!.usd, -1);
    expect(mean / med).toBeGreaterThan(10); // heavy right tail
  });
});
