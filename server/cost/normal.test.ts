import { describe, expect, it } from "vitest";
import { normalCdf, normalPdf, normalQuantile } from "./normal";

// Reference values: standard normal table (e.g. Abramowitz & Stegun, Table 26.1).
describe("normal distribution", () => {
  it("matches tabulated CDF values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048, 6);
    expect(normalCdf(-1.644853627)).toBeCloseTo(0.05, 6);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980, 7);
  });

  it("has the tabulated density and integrates to the CDF slope", () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804, 9);
    expect(normalPdf(1)).toBeCloseTo(0.2419707245, 9);
    const h = 1e-4;
    expect((normalCdf(0.7 + h) - normalCdf(0.7 - h)) / (2 * h)).toBeCloseTo(normalPdf(0.7), 5);
  });

  it("inverts to the tabulated quantiles", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740, 8);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.7534243088, 6);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it("CDF and quantile are inverse to each other", () => {
    for (const p of [0.001, 0.1, 0.3, 0.7, 0.95, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});
