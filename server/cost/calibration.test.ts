import { describe, expect, it } from "vitest";
import { applyCalibration, calibrationAxisMap, fitCalibration, IDENTITY_CALIBRATION } from "./calibration";

describe("applyCalibration", () => {
  it("identity leaves the forecast alone and says so", () => {
    const c = applyCalibration(10, 14);
    expect(c).toMatchObject({ p50Bps: 10, p90Bps: 14, calibration: { source: "identity", applied: true, p90Clamped: false } });
  });

  it("applies scale and offset per quantile", () => {
    const c = applyCalibration(10, 14, { p50Scale: 1.1, p90Scale: 1.2, p50OffsetBps: 0.5, p90OffsetBps: -1, source: "t", observations: 50 });
    expect(c.p50Bps).toBeCloseTo(11.5, 12);
    expect(c.p90Bps).toBeCloseTo(15.8, 12);
  });

  it("keeps P90 >= P50 when a correction would cross them", () => {
    const c = applyCalibration(10, 11, { ...IDENTITY_CALIBRATION, p50OffsetBps: 3 });
    expect(c.p90Bps).toBe(c.p50Bps);
    expect(c.calibration.p90Clamped).toBe(true);
  });

  it("refuses an unusable calibration instead of producing nonsense", () => {
    const c = applyCalibration(10, 14, { ...IDENTITY_CALIBRATION, p50Scale: Number.NaN });
    expect(c).toMatchObject({ p50Bps: 10, p90Bps: 14, calibration: { applied: false, source: "identity" } });
  });

  it("maps the cost axis through both anchors", () => {
    const cal = applyCalibration(10, 14, { ...IDENTITY_CALIBRATION, p50OffsetBps: 1, p90OffsetBps: 3 });
    const m = calibrationAxisMap(10, 14, cal);
    expect(m.forward(10)).toBeCloseTo(11, 12);
    expect(m.forward(14)).toBeCloseTo(17, 12);
    expect(m.inverse(m.forward(12.3))).toBeCloseTo(12.3, 12);
  });
});

describe("fitCalibration (split conformal)", () => {
  it("offsets are the ⌈(n+1)q⌉-th smallest residuals (hand-computed)", () => {
    // 20 outcomes with forecast P50 = 10, P90 = 15 and realized = 1..20:
    // residuals vs P50: −9..10, rank ⌈21·0.5⌉ = 11 → −9 + 10 = 1
    // residuals vs P90: −14..5, rank ⌈21·0.9⌉ = 19 → −14 + 18 = 4
    const outcomes = Array.from({ length: 20 }, (_, i) => ({ forecastP50Bps: 10, forecastP90Bps: 15, realizedBps: i + 1 }));
    const c = fitCalibration(outcomes);
    expect(c).toMatchObject({ p50OffsetBps: 1, p90OffsetBps: 4, source: "conformal", observations: 20 });
    // after correction 18 of 20 realized costs are <= P90' = 19 → 90 % coverage
    const p90 = applyCalibration(10, 15, c).p90Bps;
    expect(outcomes.filter((o) => o.realizedBps <= p90).length / 20).toBeGreaterThanOrEqual(0.9);
  });

  it("stays identity with too few outcomes", () => {
    expect(fitCalibration([{ forecastP50Bps: 1, forecastP90Bps: 2, realizedBps: 9 }])).toMatchObject({ source: "identity", observations: 1 });
  });
});
