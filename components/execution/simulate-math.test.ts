import { describe, expect, it } from "vitest";
import { strategyCostTicks, strategyRows, type Scenario } from "./simulate-math";

const scenario = (s: Partial<Scenario> & Pick<Scenario, "strategy">): Scenario => ({
  est_cost_bps: 1,
  p90_cost_bps: 2,
  fill_rate: 1,
  venue_count: 1,
  time_to_complete_ms: 100,
  binding_constraints: [],
  venues: ["binance"],
  ...s,
});

describe("strategyRows", () => {
  it("orders strategies aggressive, passive, split and flags the recommended one", () => {
    const rows = strategyRows({
      scenarios: [
        scenario({ strategy: "split", est_cost_bps: 2, p90_cost_bps: 4, fill_rate: 0.97 }),
        scenario({ strategy: "aggressive", est_cost_bps: 5, p90_cost_bps: 6 }),
        scenario({ strategy: "passive", est_cost_bps: -1, p90_cost_bps: 3, fill_rate: 0.6 }),
      ],
      recommended: { strategy: "split", reason: "cheapest that completes" },
    });
    expect(rows.map((r) => r.strategy)).toEqual(["aggressive", "passive", "split"]);
    expect(rows.map((r) => r.recommended)).toEqual([false, false, true]);
    expect(rows[2]).toMatchObject({ label: "Split", p50: 2, p90: 4, fillPct: 97 });
  });

  it("works with nothing recommended and no scenarios", () => {
    expect(strategyRows({ scenarios: [], recommended: null })).toEqual([]);
    expect(strategyRows({ scenarios: [scenario({ strategy: "passive" })], recommended: null })[0]?.recommended).toBe(false);
  });
});

describe("strategyCostTicks", () => {
  it("includes zero and the largest P90, also for negative costs", () => {
    const rows = strategyRows({
      scenarios: [scenario({ strategy: "passive", est_cost_bps: -3, p90_cost_bps: 7.5 })],
      recommended: null,
    });
    const ticks = strategyCostTicks(rows);
    expect(ticks[0]).toBeLessThanOrEqual(-3);
    expect(ticks).toContain(0);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(7.5);
  });
});
