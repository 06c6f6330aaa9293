import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { samplePoisson } from "./sample-poisson";

describe("samplePoisson", () => {
  it.each([0.3, 2.5, 12, 80])("has mean and variance close to lambda = %s", (lambda) => {
    const rng = createRng(11);
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const k = samplePoisson(rng, lambda);
      expect(Number.isInteger(k) && k >= 0).toBe(true);
      s += k;
      s2 += k * k;
    }
    const m = s / n;
    const v = s2 / n - m * m;
    expect(Math.abs(m - lambda)).toBeLessThan(0.05 * lambda + 0.02);
    expect(Math.abs(v - lambda)).toBeLessThan(0.1 * lambda + 0.05);
  });

  it("returns 0 for a non-positive rate", () => {
    expect(samplePoisson(createRng(1), 0)).toBe(0);
    expect(samplePoisson(createRng(1), -3)).toBe(0);
  });
});
