import { describe, expect, it } from "vitest";
import { estimateRejectPenalty } from "./estimate-reject-penalty";
import { estimateVenueImpact } from "./estimate-venue-impact";
import { depthWithinBps } from "./measure-book-side";

const asks = [
  { price: 100, qty: 1 },
  { price: 100.05, qty: 0 },
  { price: 100.1, qty: 3 },
  { price: 100.2, qty: 5 },
];

describe("estimateVenueImpact (κ·q/D_N, Cont–Kukanov–Stoikov linear depth impact)", () => {
  it("depth within N bps of the touch, unusable levels skipped", () => {
    expect(depthWithinBps(asks, 10)).toBe(4); // 100 and 100.1 are within 0.1 of 100
    expect(depthWithinBps(asks, 5)).toBe(1);
    expect(depthWithinBps([], 10)).toBe(0);
  });

  it("hand-computed: leg 2 over depth 4, κ = N/2 = 5 bps → 2.5 bps; linear in the leg", () => {
    expect(estimateVenueImpact(asks, 2).bps).toBeCloseTo(2.5, 12);
    expect(estimateVenueImpact(asks, 4).bps).toBeCloseTo(5, 12);
    expect(estimateVenueImpact(asks, 2, { kappaBps: 8 }).bps).toBeCloseTo(4, 12);
    expect(estimateVenueImpact(asks, 0).bps).toBe(0);
    expect(estimateVenueImpact([], 2).bps).toBe(0);
  });
});

describe("estimateRejectPenalty (p × (half spread + E[max(0,Z)]·σ√t))", () => {
  it("hand-computed", () => {
    // 1e-4·√0.1·1e4 = 0.316228 bps; × 0.398942 = 0.126157; (2 + 0.126157) × 0.01
    const r = estimateRejectPenalty({ rejectRate: 0.01, halfSpreadBps: 2, sigmaPerSecond: 1e-4, retryMs: 100 });
    expect(r.retryRiskBps).toBeCloseTo(0.126157, 6);
    expect(r.bps).toBeCloseTo(0.02126157, 8);
  });

  it("clamps a rate outside [0, 1] and charges nothing without a rate", () => {
    expect(estimateRejectPenalty({ rejectRate: 2, halfSpreadBps: 3, sigmaPerSecond: 0, retryMs: 100 }).bps).toBe(3);
    expect(estimateRejectPenalty({ rejectRate: 0, halfSpreadBps: 3, sigmaPerSecond: 1e-4, retryMs: 100 }).bps).toBe(0);
  });
});
