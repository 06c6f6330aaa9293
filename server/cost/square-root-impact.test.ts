import { describe, expect, it } from "vitest";
import { squareRootImpact } from "./square-root-impact";

describe("squareRootImpact", () => {
  it("1 % of daily volume at 2 % daily vol costs 0.1 × 200 bps = 20 bps (Y = 1)", () => {
    const sigmaPerSecond = 0.02 / Math.sqrt(86_400);
    const r = squareRootImpact(1_000, 100_000, sigmaPerSecond);
    expect(r.sigmaDailyBps).toBeCloseTo(200, 9);
    expect(r.fractionOfDailyVolume).toBeCloseTo(0.01, 12);
    expect(r.costBps).toBeCloseTo(20, 9);
  });

  it("quadrupling the size doubles the cost; Y scales it", () => {
    const s = 1e-4;
    expect(squareRootImpact(4, 1e4, s).costBps! / squareRootImpact(1, 1e4, s).costBps!).toBeCloseTo(2, 12);
    expect(squareRootImpact(1, 1e4, s, 0.5).costBps! / squareRootImpact(1, 1e4, s).costBps!).toBeCloseTo(0.5, 12);
  });

  it("no volume, no number (undefined, not NaN or Infinity)", () => {
    expect(squareRootImpact(1, 0, 1e-4).costBps).toBeUndefined();
    expect(squareRootImpact(1, undefined, 1e-4).costBps).toBeUndefined();
  });
});
