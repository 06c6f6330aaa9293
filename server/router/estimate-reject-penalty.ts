/**
 * Reject penalty: the expected cost of a venue refusing the leg, per unit routed there.
 *
 *   penalty_bps = p_reject × (half_spread_bps + m·σ·√(t_retry))
 *
 * Model. Expected value of a failure cost, the undershoot-penalty term of the order-placement
 * problem in Cont & Kukanov (2017), "Optimal order placement in limit order markets",
 * Quantitative Finance 17(1): with probability p the leg does not execute and has to be sent
 * again elsewhere. The re-send pays (a) the half spread again — the liquidity we priced is
 * assumed gone, the re-routed order crosses a fresh spread — and (b) the price move over the
 * time lost, t_retry = the rejecting venue's ack (we learn of the reject one round trip later)
 * plus the re-sent order's ack, taken as another of the same (2 × median ack). The move is
 * charged like the engine's latency risk, σ√t times the expected adverse part of a normal
 * move m = E[max(0, Z)] (Moallemi & Sağlam 2013, "The cost of latency in high-frequency
 * trading", Operations Research 61(5); server/cost/risk-premium.ts).
 *
 * p_reject comes from server/execution/reject-rates.ts (JUDGEMENT defaults; a desk's measured
 * rates can be passed in instead).
 */
import { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "@/server/cost/risk-premium";

export interface RejectPenaltyInput {
  /** Probability the venue refuses the order, [0, 1]. */
  rejectRate: number;
  /** Half of the venue's quoted spread, bps of mid. */
  halfSpreadBps: number;
  sigmaPerSecond: number;
  /** Time lost to a reject before the re-sent order is live, ms. */
  retryMs: number;
  /** Multiplier on σ√t (default E[max(0, Z)] ≈ 0.399). */
  riskMultiplier?: number;
}

export interface RejectPenaltyEstimate {
  bps: number;
  rejectRate: number;
  halfSpreadBps: number;
  retryMs: number;
  retryRiskBps: number;
}

export function estimateRejectPenalty(input: RejectPenaltyInput): RejectPenaltyEstimate {
  const p = Number.isFinite(input.rejectRate) ? Math.min(1, Math.max(0, input.rejectRate)) : 0;
  const halfSpreadBps = Number.isFinite(input.halfSpreadBps) ? Math.max(0, input.halfSpreadBps) : 0;
  const retryRiskBps = moveRiskBps(input.sigmaPerSecond, input.retryMs, input.riskMultiplier ?? EXPECTED_ADVERSE_MOVE);
  return { bps: p * (halfSpreadBps + retryRiskBps), rejectRate: p, halfSpreadBps, retryMs: input.retryMs, retryRiskBps };
}
