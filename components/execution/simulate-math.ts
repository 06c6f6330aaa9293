/** Pure shaping of a simulation answer for its chart and table (no React), tested in simulate-math.test.ts. */
import type { SimulateResponse, Strategy } from "@/lib/contracts/pretrade";
import { niceTicks } from "./forecast-math";

export type Scenario = SimulateResponse["scenarios"][number];

export const STRATEGY_ORDER: readonly Strategy[] = ["aggressive", "passive", "split"];

export const STRATEGY_LABEL: Record<Strategy, string> = {
  aggressive: "Aggressive",
  passive: "Passive",
  split: "Split",
};

export const STRATEGY_HINT: Record<Strategy, string> = {
  aggressive: "take liquidity now across venues",
  passive: "rest at the touch and wait for fills",
  split: "rest first, then take what is left before the horizon",
};

export interface StrategyRow {
  strategy: Strategy;
  label: string;
  p50: number;
  p90: number;
  /** 0–100. */
  fillPct: number;
  recommended: boolean;
  scenario: Scenario;
}

/** Scenarios in a fixed strategy order (so rows and bars never swap places), the recommended one flagged. */
export function strategyRows(sim: Pick<SimulateResponse, "scenarios" | "recommended">): StrategyRow[] {
  const rank = (s: Strategy) => {
    const i = STRATEGY_ORDER.indexOf(s);
    return i === -1 ? STRATEGY_ORDER.length : i;
  };
  return [...sim.scenarios]
    .sort((a, b) => rank(a.strategy) - rank(b.strategy))
    .map((s) => ({
      strategy: s.strategy,
      label: STRATEGY_LABEL[s.strategy],
      p50: s.est_cost_bps,
      p90: s.p90_cost_bps,
      fillPct: Math.min(100, Math.max(0, s.fill_rate * 100)),
      recommended: sim.recommended?.strategy === s.strategy,
      scenario: s,
    }));
}

/** Cost axis for the strategy chart: always includes zero, on round ticks. */
export function strategyCostTicks(rows: readonly StrategyRow[]): number[] {
  const values = rows.flatMap((r) => [r.p50, r.p90]).filter(Number.isFinite);
  return niceTicks(Math.min(0, ...values), Math.max(0, ...values, values.length === 0 ? 1 : 0), 4);
}
