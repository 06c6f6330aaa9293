/**
 * Picks the strategy to recommend from simulated scenarios under the caller's constraints.
 * Rule: drop what the constraints forbid (passive_only keeps strategies that never take
 * liquidity; max_cost_bps drops a P50 above the cap), then among the rest that fill at
 * least 95 % on average take the lowest P50 cost, ties to the lower P90. If none fills
 * 95 %, say so and take the highest fill rate. If nothing is left, recommend nothing and
 * say why.
 */
import type { StrategyResult } from "./summarize-strategy-paths";
import type { StrategyName } from "./types";

export const MIN_RECOMMENDED_FILL_RATE = 0.95;
/** Strategies that never take liquidity: what passive_only keeps. */
export const PASSIVE_STRATEGIES: readonly StrategyName[] = ["passive"];

export interface RecommendOptions {
  maxCostBps?: number;
  passiveOnly?: boolean;
}

export interface Recommendation {
  kept: StrategyResult[];
  dropped: { strategy: StrategyName; reason: string }[];
  recommended: { strategy: StrategyName; reason: string } | null;
  /** Why nothing (or only a partial filler) is recommended; null when the rule applied cleanly. */
  message: string | null;
}

const bps = (x: number) => `${x.toFixed(2)} bps`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function byCost(a: StrategyResult, b: StrategyResult): number {
  return (a.p50CostBps ?? Infinity) - (b.p50CostBps ?? Infinity) || (a.p90CostBps ?? Infinity) - (b.p90CostBps ?? Infinity);
}

export function recommendStrategy(results: readonly StrategyResult[], options: RecommendOptions = {}): Recommendation {
  const kept: StrategyResult[] = [];
  const dropped: Recommendation["dropped"] = [];
  for (const r of results) {
    if (options.passiveOnly && !PASSIVE_STRATEGIES.includes(r.strategy)) {
      dropped.push({ strategy: r.strategy, reason: "passive_only: this strategy takes liquidity" });
    } else if (r.p50CostBps === null) {
      dropped.push({ strategy: r.strategy, reason: "no simulated path filled any quantity" });
    } else if (options.maxCostBps !== undefined && r.p50CostBps > options.maxCostBps) {
      dropped.push({ strategy: r.strategy, reason: `P50 cost ${bps(r.p50CostBps)} exceeds max_cost_bps ${bps(options.maxCostBps)}` });
    } else {
      const constraints = options.passiveOnly && !r.bindingConstraints.includes("passive_only") ? [...r.bindingConstraints, "passive_only" as const] : r.bindingConstraints;
      kept.push({ ...r, bindingConstraints: constraints });
    }
  }

  if (kept.length === 0) {
    const why = dropped.map((d) => `${d.strategy} (${d.reason})`).join("; ");
    return { kept, dropped, recommended: null, message: `No strategy meets the constraints: ${why}.` };
  }

  const filling = kept.filter((r) => r.meanFillRate >= MIN_RECOMMENDED_FILL_RATE).sort(byCost);
  const best = filling[0];
  if (best) {
    const reason = `lowest P50 cost (${bps(best.p50CostBps as number)}, P90 ${bps(best.p90CostBps as number)}) among strategies filling at least ${pct(MIN_RECOMMENDED_FILL_RATE)} of the order`;
    return { kept, dropped, recommended: { strategy: best.strategy, reason }, message: null };
  }
  const fallback = [...kept].sort((a, b) => b.meanFillRate - a.meanFillRate || byCost(a, b))[0] as StrategyResult;
  return {
    kept,
    dropped,
    recommended: {
      strategy: fallback.strategy,
      reason: `highest fill rate (${pct(fallback.meanFillRate)}) at a P50 cost of ${bps(fallback.p50CostBps as number)}; none fills ${pct(MIN_RECOMMENDED_FILL_RATE)}`,
    },
    message: `No strategy fills at least ${pct(MIN_RECOMMENDED_FILL_RATE)} of the order within the horizon; recommending the one that fills the most.`,
  };
}
