import { describe, expect, it } from "vitest";
import { computeBackoffMs, DEFAULT_BACKOFF } from "./compute-backoff";

const params = { baseMs: 100, maxMs: 1_000, factor: 2 };

describe("computeBackoffMs", () => {
  it("doubles the step per attempt, jitter spanning [step/2, step]", () => {
    expect([0, 1, 2, 3].map((a) => computeBackoffMs(a, params, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((a) => computeBackoffMs(a, params, () => 0.999999))).toEqual([100, 200, 400, 800]);
    expect(computeBackoffMs(2, params, () => 0.5)).toBe(300);
  });

  it("never exceeds maxMs, even after a very long outage", () => {
    expect(computeBackoffMs(4, params, () => 0.999999)).toBe(1_000);
    expect(computeBackoffMs(10_000, params, () => 0.999999)).toBe(1_000);
    expect(computeBackoffMs(10_000, params, () => 0)).toBe(500);
  });

  it("clamps a misbehaving rng and negative attempts", () => {
    expect(computeBackoffMs(-3, params, () => 0)).toBe(50);
    expect(computeBackoffMs(0, params, () => 7)).toBe(100);
    expect(computeBackoffMs(0, params, () => -1)).toBe(50);
  });

  it("default schedule starts at a quarter second and stops at 30 s", () => {
    expect(computeBackoffMs(0, DEFAULT_BACKOFF, () => 0)).toBe(250);
    expect(computeBackoffMs(20, DEFAULT_BACKOFF, () => 0.999999)).toBe(30_000);
  });
});
