import { describe, expect, it } from "vitest";
import { computeRealizedCostBps } from "./realized-cost";

describe("computeRealizedCostBps", () => {
  it("prices + fees vs the reference mid per filled notional, hand-computed", () => {
    // Buy 4 @ 100.35 fee 0.4, 3 @ 100.55 fee 0.3 vs mid 100: (1.4 + 1.65 + 0.7)/700·1e4 = 53.5714 bps.
    const fills = [
      { qty: 4, price: 100.35, fee: 0.4 },
      { qty: 3, price: 100.55, fee: 0.3 },
    ];
    expect(computeRealizedCostBps("buy", fills, 100)).toBeCloseTo(3.75 / 700 * 1e4, 9);
    expect(computeRealizedCostBps("buy", fills, 100)).toBeCloseTo(53.5714, 3);
    // The same prints as a sell received above mid: (−3.05 + 0.7)/700·1e4 = −33.5714 bps.
    expect(computeRealizedCostBps("sell", fills, 100)).toBeCloseTo(-33.5714, 3);
  });
  it("is undefined without fills or mid", () => {
    expect(computeRealizedCostBps("buy", [], 100)).toBeUndefined();
    expect(computeRealizedCostBps("buy", [{ qty: 1, price: 1, fee: 0 }], null)).toBeUndefined();
  });
});
