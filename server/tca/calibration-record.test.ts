import { describe, expect, it } from "vitest";
import { summarizeCoverage, toForecastOutcome, withinP90 } from "./calibration-record";

describe("calibration record", () => {
  it("turns a forecast and a realized cost into an outcome, P90 inclusive", () => {
    const o = toForecastOutcome({ p50Bps: 10, p90Bps: 20 }, 20);
    expect(o).toEqual({ forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 20 });
    expect(withinP90(o)).toBe(true);
    expect(withinP90({ ...o, realizedBps: 20.0001 })).toBe(false);
  });

  it("reports coverage overall and by symbol and the conformal correction, hand-computed", () => {
    // Forecast P50 10 / P90 20 every time; realized 5 8 12 15 18 19 (BTC) and 21 25 30 40 (ETH).
    const realized = [5, 8, 12, 15, 18, 19, 21, 25, 30, 40];
    const entries = realized.map((r, i) => ({ symbol: i < 6 ? "BTC-USD" : "ETH-USD", outcome: toForecastOutcome({ p50Bps: 10, p90Bps: 20 }, r) }));
    const report = summarizeCoverage(entries, 5);
    // 6 of 10 within P90 (0.6, under the 0.9 target): BTC 6/6, ETH 0/4.
    expect(report.overall).toEqual({ count: 10, withinP90: 6, share: 0.6 });
    expect(report.bySymbol).toEqual({ "BTC-USD": { count: 6, withinP90: 6, share: 1 }, "ETH-USD": { count: 4, withinP90: 0, share: 0 } });
    // Conformal: P90 residuals −15 −12 −8 −5 −2 −1 1 5 10 20, rank ⌈11·0.9⌉ = 10th → +20 bps (P90 widened to 40);
    // P50 residuals −5 −2 2 5 8 9 11 15 20 30, rank ⌈11·0.5⌉ = 6th → +9 bps (P50 moved to 19).
    expect(report.calibration).toMatchObject({ source: "conformal", observations: 10, p90OffsetBps: 20, p50OffsetBps: 9 });
    expect(report.calibrated).toEqual({ count: 10, withinP90: 10, share: 1 });
  });

  it("stays identity below the minimum record and says so", () => {
    const report = summarizeCoverage([{ symbol: "BTC-USD", outcome: toForecastOutcome({ p50Bps: 1, p90Bps: 2 }, 3) }]);
    expect(report.calibration).toMatchObject({ source: "identity", observations: 1 });
    expect(report.overall.share).toBe(0);
    expect(summarizeCoverage([]).overall.share).toBeUndefined();
  });
});
