import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { mixtureCdf, mixtureQuantile, phiCdf } from "./mixture-quantile";
import { normalQuantile } from "./normal";

describe("mixtureQuantile", () => {
  it("one state: the quantile is s + h·z_p", () => {
    expect(mixtureQuantile([12], 1, 2, 0.9)).toBeCloseTo(12 + 2 * 1.2815515655, 8);
    expect(mixtureQuantile([12], 1, 2, 0.5)).toBeCloseTo(12, 8);
  });

  it("two far-apart states, hand-computed: median at the midpoint, P90 = upper + Φ⁻¹(0.8)", () => {
    // F(c) = ½Φ(c) + ½Φ(c − 10). By symmetry F(5) = ½. Near c ≈ 10.84 the first term is ≈ 1,
    // so ½ + ½Φ(c − 10) = 0.9 → c = 10 + Φ⁻¹(0.8) = 10.8416212.
    expect(mixtureQuantile([0, 10], 2, 1, 0.5)).toBeCloseTo(5, 6);
    expect(mixtureQuantile([0, 10], 2, 1, 0.9)).toBeCloseTo(10 + normalQuantile(0.8), 6);
  });

  it("solves F(q) = p to high precision and is monotone in p", () => {
    const rng = createRng(5);
    const s = Array.from({ length: 60 }, () => 10 + 3 * rng.normal());
    let prev = -Infinity;
    for (const p of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const q = mixtureQuantile(s, s.length, 0.7, p);
      expect(mixtureCdf(s, s.length, 0.7, q)).toBeCloseTo(p, 7);
      expect(q).toBeGreaterThan(prev);
      prev = q;
    }
  });

  it("matches a seeded Monte Carlo of sample + normal move", () => {
    const rng = createRng(9);
    const s = [3, 4, 4.5, 8, 15];
    const h = 2;
    const draws: number[] = [];
    for (let i = 0; i < 200_000; i++) draws.push((s[rng.int(s.length)] as number) + h * rng.normal());
    draws.sort((a, b) => a - b);
    expect(mixtureQuantile(s, s.length, h, 0.9)).toBeCloseTo(draws[Math.floor(0.9 * draws.length)]!, 1);
    expect(mixtureQuantile(s, s.length, h, 0.5)).toBeCloseTo(draws[Math.floor(0.5 * draws.length)]!, 1);
  });

  it("without a horizon term it is the type-7 empirical quantile", () => {
    // sorted 1,2,3,4,10: p=0.9 → pos 3.6 → 4 + 0.6·6 = 7.6
    expect(mixtureQuantile([10, 2, 4, 1, 3], 5, 0, 0.9)).toBeCloseTo(7.6, 12);
    expect(mixtureQuantile([10, 2, 4, 1, 3], 5, 0, 0.5)).toBe(3);
    expect(mixtureCdf([10, 2, 4, 1, 3], 5, 0, 3)).toBe(0.6);
  });

  it("handles a narrow horizon term next to widely spread states", () => {
    const s = [0, 1, 2, 50, 51, 52, 100];
    const q = mixtureQuantile(s, s.length, 1e-4, 0.5);
    expect(q).toBeCloseTo(50 + 1e-4 * normalQuantile(0.5 * 7 - 3), 6);
  });

  it("no samples answers 0, not NaN", () => {
    expect(mixtureQuantile([], 0, 1, 0.5)).toBe(0);
    expect(mixtureCdf([], 0, 1, 0.5)).toBe(0);
  });
});

describe("phiCdf (Zelen & Severo, A&S 26.2.17)", () => {
  it("is within 7.5e-8 of the tabulated normal CDF", () => {
    const table: [number, number][] = [
      [0, 0.5],
      [0.5, 0.6914624613],
      [1, 0.8413447461],
      [1.959963985, 0.975],
      [-1.281551566, 0.1],
      [3, 0.9986501020],
      [-4, 0.0000316712],
    ];
    for (const [z, p] of table) expect(Math.abs(phiCdf(z) - p)).toBeLessThan(7.5e-8);
  });
});
