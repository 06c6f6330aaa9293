import { describe, expect, it } from "vitest";
import { e8ToQty, formatScaled, parseDecimal, priceToE9, qtyToE8, toBps, UnitsError } from "./units";

describe("units", () => {
  it("parses venue decimal strings exactly", () => {
    expect(parseDecimal("61837.63000000", 9)).toBe(61_837_630_000_000n);
    expect(parseDecimal("0.00100000", 8)).toBe(100_000n);
    expect(parseDecimal("-1.5", 8)).toBe(-150_000_000n);
    expect(parseDecimal("42", 8)).toBe(4_200_000_000n);
  });

  it("rejects malformed input and excess precision", () => {
    expect(() => parseDecimal("1e5", 8)).toThrow(UnitsError);
    expect(() => parseDecimal("abc", 8)).toThrow(UnitsError);
    expect(() => parseDecimal("0.000000001", 8)).toThrow(/more than 8/);
  });

  it("round-trips through format", () => {
    expect(formatScaled(61_837_630_000_000n, 9)).toBe("61837.63");
    expect(formatScaled(-150_000_000n, 8)).toBe("-1.5");
    expect(formatScaled(0n, 8)).toBe("0");
  });

  it("converts floats without binary noise", () => {
    expect(qtyToE8(0.1)).toBe(10_000_000n);
    expect(priceToE9(0.1)).toBe(100_000_000n);
    expect(qtyToE8(1.23456789)).toBe(123_456_789n);
    expect(qtyToE8(-2.5)).toBe(-250_000_000n);
    expect(e8ToQty(123_456_789n)).toBeCloseTo(1.23456789, 12);
    expect(() => qtyToE8(Number.NaN)).toThrow(UnitsError);
  });

  it("computes basis points", () => {
    expect(toBps(1, 10_000)).toBe(1);
    expect(toBps(5, 100)).toBe(500);
  });
});
