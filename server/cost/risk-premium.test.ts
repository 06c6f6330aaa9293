import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { normalQuantile } from "./normal";
import { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "./risk-premium";

describe("moveRiskBps", () => {
  it("is σ·√t·1e4·φ(0) by hand: σ = 1e-4/√s over 100 ms → 0.316228 bps · 0.398942 = 0.126157 bps", () => {
    expect(EXPECTED_ADVERSE_MOVE).toBeCloseTo(0.3989422804, 9);
    expect(moveRiskBps(1e-4, 100)).toBeCloseTo(0.1261566, 6);
  });

  it("scales with √t and takes a quantile multiplier", () => {
    expect(moveRiskBps(1e-4, 400) / moveRiskBps(1e-4, 100)).toBeCloseTo(2, 12);
    expect(moveRiskBps(1e-4, 100, normalQuantile(0.9))).toBeCloseTo(0.316228 * 1.2815516, 5);
  });

  it("equals the Monte Carlo mean adverse excursion of a Brownian move (seeded)", () => {
    const rng = createRng(11);
    const sigma = 2e-4;
    const ms = 250;
    const sd = sigma * Math.sqrt(ms / 1000) * 1e4;
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += Math.max(0, sd * rng.normal());
    // standard error ≈ sd·0.58/√n ≈ 0.0013·sd
    expect(sum / n).toBeCloseTo(moveRiskBps(sigma, ms), 2);
  });

  it("charges nothing (not NaN) without volatility or exposure", () => {
    expect(moveRiskBps(Number.NaN, 100)).toBe(0);
    expect(moveRiskBps(1e-4, 0)).toBe(0);
    expect(moveRiskBps(1e-4, -5)).toBe(0);
  });
});
