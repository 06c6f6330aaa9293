import { describe, expect, it } from "vitest";
import type { ReviewResponse } from "@/lib/contracts/review";
import { formatHorizon, markoutSeries, midAt, timelineChartData, waterfallSegments } from "./review-math";

const part = (bps: number, usd = bps * 10) => ({ bps, usd });

describe("waterfallSegments", () => {
  const shortfall = { delay: part(-0.2), spread: part(0.5), impact: part(1.2), fees: part(7.5), opportunity: part(-1), total: part(8) };

  it("floats each part from where the previous one ended and ends at the total", () => {
    const w = waterfallSegments(shortfall);
    expect(w.segments.map((s) => s.key)).toEqual(["delay", "spread", "impact", "fees", "opportunity", "total"]);
    expect(w.segments[0]).toMatchObject({ start: 0, end: -0.2, low: -0.2, high: 0, kind: "down" });
    expect(w.segments[1]?.start).toBeCloseTo(-0.2);
    expect(w.segments[1]?.end).toBeCloseTo(0.3);
    expect(w.segments[1]?.kind).toBe("up");
    expect(w.segments[4]?.kind).toBe("down");
    expect(w.segments[4]?.end).toBeCloseTo(8);
    expect(w.segments[4]?.low).toBeCloseTo(8);
    expect(w.segments[4]?.high).toBeCloseTo(9);
    expect(w.segments[5]).toMatchObject({ key: "total", start: 0, end: 8, low: 0, high: 8, kind: "total" });
    expect(w.residual).toBeCloseTo(0);
  });

  it("makes the consecutive parts touch (each start is the previous end)", () => {
    const w = waterfallSegments(shortfall);
    for (let i = 1; i < 5; i++) expect(w.segments[i]?.start).toBe(w.segments[i - 1]?.end);
  });

  it("uses USD when asked and reports a total that does not match the parts", () => {
    const w = waterfallSegments({ ...shortfall, total: { bps: 8, usd: 81 } }, "usd");
    expect(w.segments[4]?.end).toBeCloseTo(80);
    expect(w.residual).toBeCloseTo(1);
  });

  it("keeps zero inside the domain and handles an all-negative shortfall", () => {
    const w = waterfallSegments({ delay: part(-1), spread: part(-0.5), impact: part(0), fees: part(-0.1), opportunity: part(0), total: part(-1.6) });
    expect(w.domain[0]).toBeCloseTo(-1.6);
    expect(w.domain[1]).toBe(0);
    expect(w.segments[5]).toMatchObject({ low: -1.6, high: 0 });
  });

  it("treats non-finite values as zero", () => {
    const w = waterfallSegments({ ...shortfall, impact: { bps: Number.NaN, usd: 0 } });
    expect(w.segments[2]?.value).toBe(0);
  });
});

describe("markoutSeries", () => {
  it("drops unavailable or null horizons and sorts by horizon", () => {
    const markouts: ReviewResponse["markouts"] = [
      { horizon_ms: 5000, available: true, bps: 0.4, usd: 4 },
      { horizon_ms: -1000, available: true, bps: -1.7, usd: -30 },
      { horizon_ms: 30_000, available: false, bps: null, usd: null },
      { horizon_ms: 60_000, available: true, bps: null, usd: null },
      { horizon_ms: 0, available: true, bps: -1.2, usd: null },
    ];
    expect(markoutSeries(markouts)).toEqual([
      { horizonMs: -1000, label: "−1 s", bps: -1.7, usd: -30 },
      { horizonMs: 0, label: "0 ms", bps: -1.2, usd: null },
      { horizonMs: 5000, label: "5 s", bps: 0.4, usd: 4 },
    ]);
  });

  it("is empty when nothing is available", () => {
    expect(markoutSeries([{ horizon_ms: 1000, available: false, bps: null, usd: null }])).toEqual([]);
  });
});

describe("formatHorizon", () => {
  it("picks a unit by size", () => {
    expect(formatHorizon(250)).toBe("250 ms");
    expect(formatHorizon(1000)).toBe("1 s");
    expect(formatHorizon(1500)).toBe("1.5 s");
    expect(formatHorizon(60_000)).toBe("1 min");
    expect(formatHorizon(300_000)).toBe("5 min");
    expect(formatHorizon(3_600_000)).toBe("1 h");
    expect(formatHorizon(-1000)).toBe("−1 s");
  });
});

describe("timelineChartData", () => {
  const ns = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
  const event = (ms: number, kind: string, extra: Partial<ReviewResponse["timeline"][number]> = {}): ReviewResponse["timeline"][number] => ({
    at_ns: ns(ms),
    kind,
    status: "RUNNING",
    child_id: null,
    venue: null,
    qty: null,
    price: null,
    reason: null,
    ...extra,
  });
  const review: Pick<ReviewResponse, "mids" | "fills" | "timeline" | "benchmarks"> = {
    mids: [
      { at_ns: ns(2000), mid: 101 },
      { at_ns: ns(1000), mid: 100 },
    ],
    fills: [
      { fill_id: "f2", venue: "okx", qty: 1, price: 101.5, liquidity: "taker", fee_usd: 0.1, at_ns: ns(2500), mid_at_fill: 101 },
      { fill_id: "f1", venue: "okx", qty: 2, price: 100.5, liquidity: "taker", fee_usd: 0.1, at_ns: ns(1500), mid_at_fill: 100 },
      { fill_id: "f3", venue: "kraken", qty: 1, price: 100.2, liquidity: "maker", fee_usd: 0, at_ns: ns(1600), mid_at_fill: 100 },
    ],
    timeline: [
      event(900, "accepted"),
      event(1200, "child_sent", { child_id: "c1", venue: "okx", qty: 3, price: 100.6 }),
      event(2100, "child_sent", { child_id: "c2", venue: "kraken", qty: 1, price: null }),
      event(2500, "fill", { child_id: "c1", venue: "okx", qty: 1, price: 101.5 }),
    ],
    benchmarks: {
      avg_price: 100.7,
      decision: { price: 99.9, cost_bps: 1 },
      arrival: { price: 100, cost_bps: 1 },
      interval_vwap: { price: 100.4, cost_bps: 0.5 },
      twap: { price: null, cost_bps: null },
    },
  };

  it("sorts the mids, groups fills by venue and keeps only child sends as ticks", () => {
    const d = timelineChartData(review);
    expect(d.mids).toEqual([
      { t: 1000, mid: 100 },
      { t: 2000, mid: 101 },
    ]);
    expect(d.fillsByVenue.map((g) => [g.venue, g.fills.map((f) => f.t)])).toEqual([
      ["okx", [1500, 2500]],
      ["kraken", [1600]],
    ]);
    expect(d.sends).toEqual([
      { t: 1200, price: 100.6, limit: true, qty: 3, venue: "okx", childId: "c1" },
      { t: 2100, price: 101, limit: false, qty: 1, venue: "kraken", childId: "c2" },
    ]);
  });

  it("adds the arrival, interval VWAP and TWAP lines that have a price, inside the price axis", () => {
    const d = timelineChartData(review);
    expect(d.refs.map((r) => r.key)).toEqual(["arrival", "interval_vwap"]);
    expect(d.yDomain[0]).toBeLessThan(100);
    expect(d.yDomain[1]).toBeGreaterThan(101.5);
    expect(d.xDomain).toEqual([1000, 2500]);
  });

  it("copes with an empty review", () => {
    const d = timelineChartData({ mids: [], fills: [], timeline: [], benchmarks: { ...review.benchmarks, arrival: { price: null, cost_bps: null }, interval_vwap: { price: null, cost_bps: null } } });
    expect(d.mids).toEqual([]);
    expect(d.sends).toEqual([]);
    expect(d.xDomain[1]).toBeGreaterThan(d.xDomain[0]);
  });
});

describe("midAt", () => {
  const mids = [
    { t: 10, mid: 1 },
    { t: 20, mid: 2 },
  ];
  it("takes the last mid at or before the time, else the first", () => {
    expect(midAt(mids, 5)).toBe(1);
    expect(midAt(mids, 20)).toBe(2);
    expect(midAt(mids, 25)).toBe(2);
    expect(midAt([], 25)).toBeNull();
  });
});
