/**
 * Against the numerical example of Almgren & Chriss (2000), §2.4 / Table 1 ("sample
 * security"): S₀ = 50 $/share, X = 10⁶ shares, T = 5 days, N = 5 (τ = 1 day), 30 % annual
 * volatility → σ = 0.95 $/share/√day (0.3·50/√250 = 0.9487 before the paper's rounding),
 * bid-ask 1/8 → ε = 0.0625, daily volume 5M → γ = 2.5e-7 (10 % of volume moves the price one
 * spread), η = 2.5e-6 (1 % of volume costs one spread), λ = 1e-6 /$.
 *
 * Figures matched:
 * - the paper's own closed forms for the naive (linear) strategy and the minimum-variance
 *   strategy (sell everything in period 1: E = εX + ηX²/τ, V = 0), evaluated by hand below;
 * - κ ≈ 0.6 /day for λ = 1e-6 (the paper's example);
 * - the reproduction of this example published by the DRIP/DROP library (Lakshmi
 *   Krishnamurthy, github.com/lakshmiDRIP/DROP, samples `OptimalTrajectoryNoDrift` with
 *   σ = 0.9487 and `EfficientFrontierNoDrift` with σ = 0.95): holdings, κ, κ̃, half-life,
 *   E and V to the digits printed there.
 */
import { describe, expect, it } from "vitest";
import { acClosedForm, acEfficientFrontier, acLinearClosedForm, acOptimalTrajectory, AcParameterError, type AcParams } from "./almgren-chriss";

const paper: AcParams = { X: 1e6, T: 5, N: 5, sigma: 0.95, eta: 2.5e-6, gamma: 2.5e-7, epsilon: 0.0625, lambda: 1e-6 };
const unrounded: AcParams = { ...paper, sigma: (0.3 * 50) / Math.sqrt(250) };

describe("Almgren–Chriss optimal trajectory (paper example)", () => {
  it("λ = 1e-6 with σ = 0.9487: trajectory, κ, κ̃, half-life, E and V as DROP prints them", () => {
    const t = acOptimalTrajectory(unrounded);
    expect(t.etaTilde).toBeCloseTo(2.375e-6, 12);
    expect(t.kappaTilde).toBeCloseTo(0.6156, 4);
    expect(t.kappa).toBeCloseTo(0.6063, 4);
    expect(t.halfLife).toBeCloseTo(1.6495, 4);
    const expected = [1e6, 542380.7, 290295.1, 148216.1, 62303.2, 0];
    t.holdings.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 0));
    expect(t.trades.map((n) => Math.round(n * 10) / 10)).toEqual([457619.3, 252085.6, 142079.0, 85912.9, 62303.2]);
    expect(t.expectedCost).toBeCloseTo(910477.8, 0);
    expect(t.variance / 1e6).toBeCloseTo(363868.0, 0);
  });

  it("κ ≈ 0.6 per day for the paper's λ = 1e-6 and σ = 0.95", () => {
    expect(acOptimalTrajectory(paper).kappa).toBeCloseTo(0.6, 1);
  });

  it("efficient frontier with σ = 0.95 matches DROP's table (E, V in $M and $M², half-life in days)", () => {
    const rows: [number, number, number, number][] = [
      // λ, E/1e6, V/1e12, half-life
      [0.001e-6, 0.6625, 1.0812, 51.3],
      [0.25e-6, 0.6996, 0.7513, 3.26],
      [0.5e-6, 0.7681, 0.5634, 2.31],
      [1e-6, 0.9112, 0.3641, 1.65],
      [2e-6, 1.1407, 0.2019, 1.18],
      [4e-6, 1.4341, 0.097, 0.86],
    ];
    const frontier = acEfficientFrontier(paper, rows.map((r) => r[0]));
    frontier.forEach((f, i) => {
      const [, e, v, hl] = rows[i]!;
      expect(f.expectedCost / 1e6).toBeCloseTo(e, 4);
      expect(f.variance / 1e12).toBeCloseTo(v, 4);
      expect(f.halfLife).toBeCloseTo(hl, 2);
    });
    // Along the frontier: more risk aversion → more expected cost, less variance.
    for (let i = 1; i < frontier.length; i++) {
      expect(frontier[i]!.expectedCost).toBeGreaterThan(frontier[i - 1]!.expectedCost);
      expect(frontier[i]!.variance).toBeLessThan(frontier[i - 1]!.variance);
    }
  });

  it("λ = 0 is the naive linear strategy: E = $662,500, V = 1.083e12 by the paper's closed form", () => {
    // ½γX² = 125,000; εX = 62,500; η̃X²/T = 2.375e-6·1e12/5 = 475,000 → 662,500
    // ⅓σ²X²T(1 − 1/5)(1 − 1/10) = ⅓·0.9025·1e12·5·0.8·0.9 = 1.083e12
    const t = acOptimalTrajectory({ ...paper, lambda: 0 });
    expect(t.holdings).toEqual([1e6, 8e5, 6e5, 4e5, 2e5, 0].map((x) => expect.closeTo(x, 6)));
    expect(t.expectedCost).toBeCloseTo(662500, 4);
    expect(t.variance).toBeCloseTo(1.083e12, -3);
    const cf = acLinearClosedForm(paper);
    expect(cf.expectedCost).toBeCloseTo(662500, 6);
    expect(cf.variance).toBeCloseTo(1.083e12, -3);
  });

  it("λ → ∞ is the minimum-variance strategy: E = εX + ηX²/τ = $2,562,500, V → 0", () => {
    const t = acOptimalTrajectory({ ...paper, lambda: 1e3 });
    expect(t.holdings[1]! / 1e6).toBeLessThan(1e-6);
    expect(t.expectedCost).toBeCloseTo(62500 + 2.5e-6 * 1e12, -1);
    expect(t.variance).toBeLessThan(1);
  });

  it("the paper's closed forms for E and V agree with the trajectory sums", () => {
    for (const lambda of [1e-7, 1e-6, 3e-6]) {
      const t = acOptimalTrajectory({ ...paper, lambda });
      const cf = acClosedForm({ ...paper, lambda });
      expect(cf.expectedCost / t.expectedCost).toBeCloseTo(1, 10);
      expect(cf.variance / t.variance).toBeCloseTo(1, 10);
    }
  });

  it("the optimum beats any perturbed trajectory on E + λV", () => {
    const t = acOptimalTrajectory(paper);
    const p = paper;
    for (const [j, d] of [[1, 1e4], [2, -1e4], [3, 5e3], [4, -2e3]] as const) {
      const h = [...t.holdings];
      h[j] = h[j]! + d;
      const trades = h.slice(1).map((x, k) => h[k]! - x);
      const tau = p.T / p.N;
      const e = 0.5 * p.gamma * p.X ** 2 + p.epsilon * trades.reduce((s, n) => s + Math.abs(n), 0) + ((p.eta - 0.5 * p.gamma * tau) / tau) * trades.reduce((s, n) => s + n * n, 0);
      const v = p.sigma ** 2 * tau * h.slice(1).reduce((s, x) => s + x * x, 0);
      expect(e + p.lambda * v).toBeGreaterThan(t.utility);
    }
  });

  it("stays finite for very high urgency (κT in the hundreds) and rejects η̃ <= 0", () => {
    const t = acOptimalTrajectory({ ...paper, lambda: 1e3, N: 50, T: 50 });
    expect(t.holdings.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(t.expectedCost)).toBe(true);
    expect(() => acOptimalTrajectory({ ...paper, gamma: 1e-5 })).toThrow(AcParameterError);
  });
});
