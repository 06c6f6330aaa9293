import { describe, expect, it } from "vitest";
import {
  axisPct,
  capacityChartData,
  costForProbability,
  fillConfidenceData,
  fillablePct,
  formatQtyCompact,
  formatQtyFine,
  landedCostBars,
  logTicks,
  niceTicks,
  venueMixRows,
  type VenueCost,
} from "./forecast-math";

const venue = (v: Partial<VenueCost> & Pick<VenueCost, "venue" | "rank">): VenueCost => ({
  landed_cost_bps: 0,
  book_cost_bps: 0,
  fee_bps: 0,
  latency_cost_bps: 0,
  staleness_bps: 0,
  available_qty: 10,
  fillable: true,
  ...v,
});

describe("niceTicks", () => {
  it("covers the range on round steps", () => {
    expect(niceTicks(0, 9.3, 4)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-3.2, 7.9, 4)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    expect(niceTicks(0, 38, 4)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0.12, 0.31, 4)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });

  it("widens a zero-width range and survives bad input", () => {
    expect(niceTicks(0, 0).length).toBeGreaterThanOrEqual(2);
    expect(niceTicks(5, 5)[0]).toBeLessThan(5);
    expect(niceTicks(Number.NaN, 1)).toEqual([0, 1]);
    expect(Object.is(niceTicks(-1, 1).find((t) => t === 0), -0)).toBe(false);
  });
});

describe("logTicks", () => {
  it("uses 1-2-5 per decade when that is few enough", () => {
    expect(logTicks(0.1, 10)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });

  it("falls back to coarser ticks over many decades", () => {
    expect(logTicks(0.01, 100000)).toEqual([0.01, 0.1, 1, 10, 100, 1000, 10000, 100000]);
    expect(logTicks(1, 1e12).length).toBeLessThanOrEqual(9);
  });

  it("is empty for a non-positive range", () => {
    expect(logTicks(0, 10)).toEqual([]);
  });
});

describe("capacityChartData", () => {
  const curve = [
    { qty: 0, p50_cost_bps: 0, p90_cost_bps: 0 },
    { qty: 0.5, p50_cost_bps: 1, p90_cost_bps: 2 },
    { qty: 5, p50_cost_bps: 3, p90_cost_bps: 5 },
    { qty: 50, p50_cost_bps: 9, p90_cost_bps: 14 },
  ];

  it("drops non-positive sizes (log axis) and builds the P50–P90 band", () => {
    const d = capacityChartData(curve, 5);
    expect(d.points.map((p) => p.qty)).toEqual([0.5, 5, 50]);
    expect(d.points[1]).toEqual({ qty: 5, p50: 3, p90: 5, band: [3, 5] });
    expect(d.domain).toEqual([0.5, 50]);
    expect(d.yDomain[0]).toBe(0);
    expect(d.yDomain[1]).toBeGreaterThanOrEqual(14);
  });

  it("stretches the size axis to an order beyond the curve", () => {
    const d = capacityChartData(curve, 20000);
    expect(d.domain).toEqual([0.5, 20000]);
    expect(d.ticks.at(-1)).toBeLessThanOrEqual(20000);
    expect(d.ticks[0]).toBeGreaterThanOrEqual(0.5);
  });

  it("never inverts the band", () => {
    const d = capacityChartData([{ qty: 1, p50_cost_bps: 4, p90_cost_bps: 3 }], 1);
    expect(d.points[0]?.band).toEqual([4, 4]);
    expect(d.domain[0]).toBeLessThan(d.domain[1]);
  });
});

describe("fill confidence", () => {
  const fc = [
    { cost_bps: 4, probability: 0.6 },
    { cost_bps: 1, probability: 0.1 },
    { cost_bps: 8, probability: 0.95 },
  ];

  it("sorts by cost and converts to percent", () => {
    expect(fillConfidenceData(fc)).toEqual([
      { cost: 1, pct: 10 },
      { cost: 4, pct: 60 },
      { cost: 8, pct: 95 },
    ]);
  });

  it("finds the cost at which a probability is reached", () => {
    expect(costForProbability(fc, 0.5)).toBe(4);
    expect(costForProbability(fc, 0.9)).toBe(8);
    expect(costForProbability(fc, 0.99)).toBeNull();
  });
});

describe("landedCostBars", () => {
  it("stacks positive parts right from zero in part order", () => {
    const d = landedCostBars([venue({ venue: "binance", rank: 1, landed_cost_bps: 6, book_cost_bps: 2, fee_bps: 3, latency_cost_bps: 1 })]);
    expect(d.bars[0]?.segments).toEqual([
      { part: "book", value: 2, start: 0, end: 2 },
      { part: "fee", value: 3, start: 2, end: 5 },
      { part: "latency", value: 1, start: 5, end: 6 },
    ]);
    expect(d.min).toBe(0);
    expect(d.max).toBeGreaterThanOrEqual(6);
  });

  it("stacks negative parts left from zero and keeps the net marker separate", () => {
    const d = landedCostBars([
      venue({ venue: "kraken", rank: 2, landed_cost_bps: 1.5, book_cost_bps: -1, fee_bps: 2, latency_cost_bps: 1, staleness_bps: -0.5 }),
      venue({ venue: "okx", rank: 1, landed_cost_bps: 1, book_cost_bps: 1 }),
    ]);
    expect(d.bars.map((b) => b.venue)).toEqual(["okx", "kraken"]);
    const kraken = d.bars[1];
    expect(kraken?.landed).toBe(1.5);
    expect(kraken?.segments).toEqual([
      { part: "book", value: -1, start: -1, end: 0 },
      { part: "fee", value: 2, start: 0, end: 2 },
      { part: "latency", value: 1, start: 2, end: 3 },
      { part: "staleness", value: -0.5, start: -1.5, end: -1 },
    ]);
    expect(d.min).toBeLessThanOrEqual(-1.5);
    expect(d.max).toBeGreaterThanOrEqual(3);
    expect(d.ticks).toContain(0);
  });

  it("handles a venue whose landed cost is negative overall and skips zero parts", () => {
    const d = landedCostBars([venue({ venue: "bybit", rank: 1, landed_cost_bps: -2, book_cost_bps: -3, fee_bps: 1 })]);
    expect(d.bars[0]?.segments.map((s) => s.part)).toEqual(["book", "fee"]);
    expect(d.min).toBeLessThanOrEqual(-3);
    expect(axisPct(-2, d.min, d.max)).toBeGreaterThan(0);
  });

  it("pads the axis slightly instead of jumping to the next round tick", () => {
    const d = landedCostBars([venue({ venue: "bybit", rank: 1, landed_cost_bps: 78, book_cost_bps: 78.4, staleness_bps: -0.4 })]);
    expect(d.min).toBeLessThan(-0.4);
    expect(d.min).toBeGreaterThan(-5);
    expect(d.max).toBeGreaterThan(78.4);
    expect(d.ticks.every((t) => t >= d.min && t <= d.max)).toBe(true);
    expect(d.ticks).toContain(0);
  });

  it("gives an all-zero set a usable axis", () => {
    const d = landedCostBars([venue({ venue: "okx", rank: 1 })]);
    expect(d.bars[0]?.segments).toEqual([]);
    expect(d.max).toBeGreaterThan(d.min);
  });
});

describe("axisPct", () => {
  it("maps and clamps", () => {
    expect(axisPct(0, -5, 5)).toBe(50);
    expect(axisPct(10, -5, 5)).toBe(100);
    expect(axisPct(1, 1, 1)).toBe(0);
  });
});

describe("venueMixRows", () => {
  it("sorts by share and drops empty venues", () => {
    expect(
      venueMixRows([
        { venue: "okx", fraction: 0.2 },
        { venue: "binance", fraction: 0.8 },
        { venue: "kraken", fraction: 0 },
      ]),
    ).toEqual([
      { venue: "binance", fraction: 0.8 },
      { venue: "okx", fraction: 0.2 },
    ]);
  });
});

describe("formatQtyCompact", () => {
  it("is short and trims zeros", () => {
    expect([0, 0.05, 0.123, 2.5, 120, 1500, 20000, 3e6, -1500].map(formatQtyCompact)).toEqual([
      "0",
      "0.05",
      "0.12",
      "2.5",
      "120",
      "1.5K",
      "20K",
      "3M",
      "-1.5K",
    ]);
  });
});

describe("fillablePct / formatQtyFine", () => {
  it("never rounds an incomplete fill up to 100%", () => {
    expect(fillablePct(5 - 1e-8, 5)).toBe(">99.9%");
    expect(fillablePct(5, 5)).toBe("100%");
    expect(fillablePct(6055.7, 20000)).toBe("30%");
    expect(fillablePct(0.9, 20)).toBe("4.5%");
    expect(fillablePct(0.001, 20000)).toBe("<0.1%");
    expect(fillablePct(0, 10)).toBe("0%");
    expect(fillablePct(1, 0)).toBe("—");
  });

  it("shows a rounding residual instead of 0.0000", () => {
    expect(formatQtyFine(9.99999927e-9)).toBe("1e-8");
    expect(formatQtyFine(0.00005)).toBe("0.00005");
    expect(formatQtyFine(13944.3)).toBe("13,944");
    expect(formatQtyFine(0)).toBe("0.0000");
  });
});

describe("capacity y axis", () => {
  it("starts near the curve when it is far from zero, at zero when close", () => {
    const far = capacityChartData(
      [
        { qty: 1, p50_cost_bps: 7.7, p90_cost_bps: 7.9 },
        { qty: 10, p50_cost_bps: 12, p90_cost_bps: 12.4 },
      ],
      5,
    );
    expect(far.yDomain[0]).toBeGreaterThan(0);
    expect(far.yDomain[0]).toBeLessThanOrEqual(7.7);
    const near = capacityChartData(
      [
        { qty: 1, p50_cost_bps: 0.5, p90_cost_bps: 1 },
        { qty: 10, p50_cost_bps: 12, p90_cost_bps: 14 },
      ],
      5,
    );
    expect(near.yDomain[0]).toBe(0);
  });
});
