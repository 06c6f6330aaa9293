/**
 * Policy regret of an order's routing (cumulative regret, Lattimore & Szepesvári 2020,
 * "Bandit Algorithms", ch. 4, over the order's decisions): the selection errors summed
 * with each decision's weight in the order,
 *
 *   regretUsd = Σ_d selectionError_d / 1e4 · notional_d
 *   regretBps = regretUsd / Σ_d notional_d · 1e4 = Σ_d selectionError_d · share_d
 *
 * over the decisions that have a counterfactual (notional_d = routed qty × decision mid).
 * Signed: a decision whose split beat every single venue lowers the regret. Decisions
 * without a counterfactual are counted apart, not silently weighted as zero-regret.
 */
import type { DecisionAudit } from "./decision-audit";

export interface PolicyRegret {
  regretBps: number | undefined;
  regretUsd: number;
  decisions: number;
  decisionsWithCounterfactual: number;
  /** Notional of the decisions behind the figure. */
  notional: number;
}

export function computePolicyRegret(audits: readonly DecisionAudit[]): PolicyRegret {
  let usd = 0;
  let notional = 0;
  let counted = 0;
  for (const a of audits) {
    if (a.selectionErrorBps === undefined || !(a.routedNotional > 0)) continue;
    usd += (a.selectionErrorBps / 1e4) * a.routedNotional;
    notional += a.routedNotional;
    counted += 1;
  }
  return {
    regretBps: notional > 0 ? (usd / notional) * 1e4 : undefined,
    regretUsd: usd,
    decisions: audits.length,
    decisionsWithCounterfactual: counted,
    notional,
  };
}
