import { describe, expect, it } from "vitest";
import { quantileSorted, sortedCopy } from "@/server/market-data/sample-stats";
import { createRng } from "@/server/shared/rng";
import { fitLognormalLatency, sampleLatencyMs, Z_99 } from "./sample-latency";

describe("lognormal ack latency", () => {
  it("fits μ and σ through the median and P99", () => {
    const p = fitLognormalLatency({ medianMs: 12, p99Ms: 60 });
    expect(Math.exp(p.mu)).toBeCloseTo(12, 10);
    expect(Math.exp(p.mu + Z_99 * p.sigma)).toBeCloseTo(60, 8);
  });

  it("draws reproduce the published median and P99", () => {
    const p = fitLognormalLatency({ medianMs: 40, p99Ms: 200 });
    const rng = createRng(3);
    const draws = sortedCopy(Array.from({ length: 40_000 }, () => sampleLatencyMs(p, rng)));
    expect(quantileSorted(draws, 0.5)).toBeGreaterThan(38.5);
    expect(quantileSorted(draws, 0.5)).toBeLessThan(41.5);
    expect(quantileSorted(draws, 0.99)).toBeGreaterThan(180);
    expect(quantileSorted(draws, 0.99)).toBeLessThan(220);
    expect(draws[0]).toBeGreaterThan(0);
  });

  it("a P99 at or below the median means a fixed latency, exactly", () => {
    const p = fitLognormalLatency({ medianMs: 10, p99Ms: 10 });
    expect(p.sigma).toBe(0);
    expect(sampleLatencyMs(p, createRng(1))).toBe(10);
  });

  it("rejects a non-positive median", () => {
    expect(() => fitLognormalLatency({ medianMs: 0, p99Ms: 5 })).toThrow(RangeError);
  });
});
