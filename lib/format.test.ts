import { describe, expect, it } from "vitest";
import {
  MISSING,
  ageMsFromNs,
  decimalsUsed,
  formatAge,
  formatBps,
  formatSignedBps,
  formatUsdCents,
  formatDateTimeNs,
  formatPrice,
  formatQty,
  formatTimeNs,
  formatUsd,
  formatUsdCompact,
  nsToMs,
  priceDecimals,
  priceDecimalsFor,
} from "./format";

describe("formatPrice", () => {
  it("chooses decimals by magnitude", () => {
    expect(formatPrice(61837.63)).toBe("61,837.63");
    expect(formatPrice(3012.4)).toBe("3,012.40");
    expect(formatPrice(151.234)).toBe("151.23");
    expect(formatPrice(2.51234)).toBe("2.5123");
    expect(formatPrice(0.123456)).toBe("0.12346");
    expect(formatPrice(0.00001234)).toBe("0.00001234");
  });

  it("keeps a fixed number of decimals when asked", () => {
    expect(formatPrice(0.1, { decimals: priceDecimals(0.12345) })).toBe("0.10000");
    expect(formatPrice(100, { decimals: 2 })).toBe("100.00");
  });

  it("renders missing values as a dash", () => {
    expect(formatPrice(null)).toBe(MISSING);
    expect(formatPrice(undefined)).toBe(MISSING);
    expect(formatPrice(Number.NaN)).toBe(MISSING);
    expect(formatPrice(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });

  it("raises decimals to the finest tick quoted", () => {
    expect(decimalsUsed(0.1699163)).toBe(7);
    expect(decimalsUsed(140.1)).toBe(1);
    expect(decimalsUsed(0.1 + 0.2)).toBe(1);
    expect(priceDecimalsFor([0.16991, 0.1699163, null], 0.16991615)).toBe(7);
    expect(priceDecimalsFor([89999.92, 90000], 89999.925)).toBe(2);
    expect(priceDecimalsFor([2.2017, 2.20178], 2.2)).toBe(5);
  });

  it("priceDecimals stays within 2..8", () => {
    expect(priceDecimals(0)).toBe(2);
    expect(priceDecimals(1e-12)).toBe(8);
    expect(priceDecimals(1_000_000)).toBe(2);
    expect(priceDecimals(9.99)).toBe(4);
    expect(priceDecimals(10)).toBe(3);
  });
});

describe("formatQty", () => {
  it("uses fewer decimals for larger sizes", () => {
    expect(formatQty(12345.678)).toBe("12,346");
    expect(formatQty(152.44)).toBe("152.4");
    expect(formatQty(1.23456)).toBe("1.235");
    expect(formatQty(0.012345)).toBe("0.0123");
    expect(formatQty(0)).toBe("0.0000");
    expect(formatQty(null)).toBe(MISSING);
  });
});

describe("formatUsdCompact", () => {
  it("uses K/M/B/T with three significant digits", () => {
    expect(formatUsdCompact(950)).toBe("$950");
    expect(formatUsdCompact(12_345)).toBe("$12.3K");
    expect(formatUsdCompact(4_561_000)).toBe("$4.56M");
    expect(formatUsdCompact(123_400_000)).toBe("$123M");
    expect(formatUsdCompact(1_200_000_000)).toBe("$1.20B");
    expect(formatUsdCompact(2.5e12)).toBe("$2.50T");
    expect(formatUsdCompact(0)).toBe("$0");
    expect(formatUsdCompact(-12_345)).toBe("-$12.3K");
  });

  it("can trim trailing zeros for axis ticks", () => {
    expect(formatUsdCompact(70_000_000, { trim: true })).toBe("$70M");
    expect(formatUsdCompact(1_500_000, { trim: true })).toBe("$1.5M");
    expect(formatUsdCompact(1_230_000, { trim: true })).toBe("$1.23M");
    expect(formatUsdCompact(120_000, { trim: true })).toBe("$120K");
  });

  it("rolls over at unit boundaries instead of printing 1000K", () => {
    expect(formatUsdCompact(999.7)).toBe("$1.00K");
    expect(formatUsdCompact(999_400)).toBe("$999K");
    expect(formatUsdCompact(999_950)).toBe("$1.00M");
  });

  it("formatUsd groups whole dollars", () => {
    expect(formatUsd(1_234_567.8)).toBe("$1,234,568");
    expect(formatUsd(-5)).toBe("-$5");
    expect(formatUsd(undefined)).toBe(MISSING);
  });
});

describe("formatBps", () => {
  it("prints two decimals with the unit", () => {
    expect(formatBps(1.234)).toBe("1.23 bps");
    expect(formatBps(0)).toBe("0.00 bps");
    expect(formatBps(-0.5)).toBe("-0.50 bps");
    expect(formatBps(12.345, { unit: false })).toBe("12.35");
    expect(formatBps(null)).toBe(MISSING);
    expect(formatBps(0.0011)).toBe("<0.01 bps");
    expect(formatBps(-0.001, { unit: false })).toBe(">-0.01");
    expect(formatBps(0.005)).toBe("0.01 bps");
  });
});

describe("formatAge", () => {
  it("uses ms below a second, then seconds, minutes and hours", () => {
    expect(formatAge(0)).toBe("0 ms");
    expect(formatAge(120.4)).toBe("120 ms");
    expect(formatAge(999)).toBe("999 ms");
    expect(formatAge(1000)).toBe("1.0 s");
    expect(formatAge(3210)).toBe("3.2 s");
    expect(formatAge(59_900)).toBe("59.9 s");
    expect(formatAge(59_960)).toBe("1m 00s");
    expect(formatAge(125_000)).toBe("2m 05s");
    expect(formatAge(3_720_000)).toBe("1h 02m");
    expect(formatAge(-5)).toBe("0 ms");
    expect(formatAge(undefined)).toBe(MISSING);
  });
});

describe("_ns timestamps", () => {
  // 2025-03-04T14:03:22.123456789Z, beyond 2^53 so it must stay a string.
  const ns = "1741097002123456789";

  it("converts exactly to milliseconds", () => {
    expect(nsToMs(ns)).toBe(1741097002123);
    expect(nsToMs("not-a-number")).toBeNull();
    expect(nsToMs(undefined)).toBeNull();
  });

  it("formats UTC time and date-time with milliseconds", () => {
    expect(formatTimeNs(ns)).toBe("14:03:22.123 UTC");
    expect(formatDateTimeNs(ns)).toBe("2025-03-04 14:03:22.123 UTC");
    expect(formatTimeNs("1.5")).toBe(MISSING);
  });

  it("computes non-negative ages against a given now", () => {
    expect(ageMsFromNs(ns, 1741097002243)).toBe(120);
    expect(ageMsFromNs(ns, 1741097000000)).toBe(0);
    expect(ageMsFromNs(null, 1)).toBeNull();
  });
});

describe("formatUsdCents and formatSignedBps (an order's figures)", () => {
  it("print cents without grouping, a sign only when negative; bps with + when positive", () => {
    expect([formatUsdCents(110.294), formatUsdCents(-0.5), formatUsdCents(1234.5), formatUsdCents(null)]).toEqual(["$110.29", "-$0.50", "$1234.50", "—"]);
    expect([formatSignedBps(0.17), formatSignedBps(-2.1), formatSignedBps(0), formatSignedBps(null)]).toEqual(["+0.17 bps", "-2.10 bps", "0.00 bps", "—"]);
  });
});
