import { describe, expect, it } from "vitest";
import type { LiveResponse } from "@/lib/contracts/live";
import { accumulateProgress, costTone, fillsChartData, fillsWindow, progressRows, seedFromFills, timeTicks, type ProgressPoint } from "./live-math";

const MS = 1_000_000n;
const ns = (ms: number) => (BigInt(ms) * MS).toString();

function live(over: { asOf: number; filled: number; planned: number; fills?: { at: number; qty: number; venue?: "okx" | "kraken"; price?: number }[] }): LiveResponse {
  const ordered = 10;
  return {
    order: {
      order_id: "o1",
      node_order_id: "n1",
      parent_id: null,
      graph_id: null,
      node_id: null,
      client_request_id: null,
      status: "RUNNING",
      reject_reason: null,
      reason_message: null,
      symbol: "BTC-USD",
      side: "buy",
      qty: ordered,
      filled_qty: over.filled,
      remaining_qty: ordered - over.filled,
      dust_qty: 0,
      dust_note: null,
      avg_price: null,
      fees_usd: 0,
      limit_price: null,
      venue: null,
      policy: "sor",
      urgency: "medium",
      router_version: "v1",
      sandbox: true,
      created_at_ns: ns(1000),
      updated_at_ns: ns(over.asOf),
    },
    totals: { ordered_qty: ordered, filled_qty: over.filled, remaining_qty: ordered - over.filled, fill_pct: over.filled * 10, avg_price: null },
    fills: (over.fills ?? []).map((f, i) => ({
      fill_id: `f${i}`,
      venue: f.venue ?? "okx",
      qty: f.qty,
      price: f.price ?? 100,
      liquidity: "taker",
      fee_usd: 0,
      at_ns: ns(f.at),
      mid_at_fill: null,
    })),
    tca: { decision_mid: null, arrival_mid: null, current_mid: null, slippage_vs_arrival_bps: null, realized_cost_bps: null, realized_cost_usd: null, fees_usd: 0, forecast_p50_bps: null, forecast_p90_bps: null, vs_forecast_bps: null },
    schedule: { planned_fill_pct: over.planned, actual_fill_pct: over.filled * 10, status: "on_track", deviation_pct: 0 },
    venue_health: [],
    suggestions: [],
    aggressiveness: { current: 1, planned: 1, advice: "hold" },
    mids: [],
    as_of_ns: ns(over.asOf),
  };
}

describe("progress accumulation", () => {
  it("seeds the first update with the start and the fills before it", () => {
    const first = live({ asOf: 5000, filled: 3, planned: 40, fills: [{ at: 2000, qty: 1 }, { at: 3000, qty: 2 }] });
    expect(seedFromFills(first)).toEqual([
      { t: 1000, planned: null, actual: 0 },
      { t: 2000, planned: null, actual: 10 },
      { t: 3000, planned: null, actual: 30 },
    ]);
    expect(accumulateProgress([], first).at(-1)).toEqual({ t: 5000, planned: 40, actual: 30 });
  });

  it("appends newer updates and ignores older or repeated ones", () => {
    let s: readonly ProgressPoint[] = accumulateProgress([], live({ asOf: 2000, filled: 0, planned: 10 }));
    s = accumulateProgress(s, live({ asOf: 3000, filled: 2, planned: 20 }));
    const before = s;
    expect(accumulateProgress(s, live({ asOf: 2500, filled: 1, planned: 15 }))).toBe(before);
    expect(accumulateProgress(s, live({ asOf: 3000, filled: 2, planned: 20 }))).toBe(before);
    expect(s.map((p) => [p.t, p.planned, p.actual])).toEqual([
      [1000, null, 0],
      [2000, 10, 0],
      [3000, 20, 20],
    ]);
  });

  it("keeps only the ends of a flat run", () => {
    let s: readonly ProgressPoint[] = [];
    for (const t of [2000, 3000, 4000, 5000]) s = accumulateProgress(s, live({ asOf: t, filled: 5, planned: 50 }));
    expect(s.map((p) => p.t)).toEqual([1000, 2000, 5000]);
  });

  it("clamps to 0–100 and computes actual from the quantities", () => {
    const s = accumulateProgress([], live({ asOf: 2000, filled: 10, planned: 130 }));
    expect(s.at(-1)).toMatchObject({ planned: 100, actual: 100 });
  });

  it("thins the older half beyond the bound", () => {
    let s: readonly ProgressPoint[] = [];
    for (let i = 0; i < 30; i++) s = accumulateProgress(s, live({ asOf: 2000 + i * 1000, filled: i % 10, planned: i }), 20);
    expect(s.length).toBeLessThanOrEqual(20);
    expect(s[0]?.t).toBe(1000);
    expect(s.at(-1)?.t).toBe(2000 + 29 * 1000);
    const ts = s.map((p) => p.t);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });

  it("rows count seconds from the first point", () => {
    expect(progressRows([{ t: 1000, planned: null, actual: 0 }, { t: 3500, planned: 5, actual: 2 }]).map((r) => r.s)).toEqual([0, 2.5]);
  });
});

describe("fills chart data", () => {
  it("groups fills by venue and pads the price axis", () => {
    const d = fillsChartData({
      mids: [
        { at_ns: ns(2000), mid: 100 },
        { at_ns: ns(1000), mid: 99 },
      ],
      fills: live({ asOf: 0, filled: 0, planned: 0, fills: [{ at: 1500, qty: 1, venue: "kraken", price: 101 }, { at: 1200, qty: 1, venue: "okx", price: 100 }] }).fills,
    });
    expect(d.mids.map((m) => m.t)).toEqual([1000, 2000]);
    expect(d.byVenue.map((g) => g.venue)).toEqual(["kraken", "okx"]);
    expect(d.yDomain[0]).toBeCloseTo(98.8);
    expect(d.yDomain[1]).toBeCloseTo(101.2);
    expect(d.xDomain).toEqual([1000, 2000]);
  });

  it("keeps only the mids inside the window, but every fill", () => {
    const d = fillsChartData(
      {
        mids: [500, 1000, 2000, 9000].map((t) => ({ at_ns: ns(t), mid: 100 })),
        fills: live({ asOf: 0, filled: 0, planned: 0, fills: [{ at: 1500, qty: 1 }] }).fills,
      },
      { fromMs: 900, toMs: 2500 },
    );
    expect(d.mids.map((m) => m.t)).toEqual([1000, 2000]);
    expect(d.byVenue[0]?.fills).toHaveLength(1);
  });

  it("windows a final order to its life plus a margin", () => {
    expect(fillsWindow({ created_at_ns: ns(10_000), updated_at_ns: ns(20_000) }, true)).toEqual({ fromMs: 5000, toMs: 25_000 });
    expect(fillsWindow({ created_at_ns: ns(10_000), updated_at_ns: ns(20_000) }, false)).toEqual({ fromMs: 5000, toMs: null });
  });

  it("copes with no data", () => {
    const d = fillsChartData({ mids: [], fills: [] });
    expect(d.byVenue).toEqual([]);
    expect(d.xDomain[1]).toBeGreaterThan(d.xDomain[0]);
  });
});

describe("costTone", () => {
  it("reads positive as worse", () => {
    expect(costTone(2)).toBe("red");
    expect(costTone(-2)).toBe("green");
    expect(costTone(0.01)).toBe("neutral");
    expect(costTone(null)).toBe("neutral");
  });
});

describe("timeTicks", () => {
  it("aligns ticks to whole clock steps inside the range", () => {
    const { ticks, stepMs } = timeTicks(1_000_300, 1_011_800);
    expect(stepMs).toBe(2000);
    expect(ticks).toEqual([1_002_000, 1_004_000, 1_006_000, 1_008_000, 1_010_000]);
  });

  it("uses minutes for long orders and sub-second steps for very short ones", () => {
    expect(timeTicks(0, 20 * 60_000).stepMs).toBe(300_000);
    expect(timeTicks(0, 900).stepMs).toBe(200);
  });
});
