/**
 * One call for the review service: benchmarks, markouts, Perold shortfall, decision audit
 * with policy regret, and the order's realized cost against its forecast P90. Each piece
 * is its own model (see the files it calls); this only wires the inputs through.
 *
 * Defaults, each documented where used: the arrival mid (lib/execution-figures.ts) is the
 * mid at the first child send (`arrivalAtMs`, else the decision time) when not given, and the decision mid when
 * the series has nothing then; the order's life for VWAP/TWAP runs from the decision to
 * `endAtMs` (else the last fill); the half spread of fills without one is the first
 * decision's (bestAsk − bestBid)/2; `fees` are extra USD fees not on the fills.
 */
import type { MidSample } from "@/server/market-data/observation-store";
import type { Trade } from "@/server/market-data/types";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { arrivalMid as arrivalMidAt, computeBenchmarks, type Benchmarks } from "./benchmarks";
import { assignFillsToDecisions } from "./assign-fills";
import { auditDecision, type DecisionAudit } from "./decision-audit";
import { computeMarkouts, type Markout } from "./markouts";
import { computePolicyRegret, type PolicyRegret } from "./policy-regret";
import { computeRealizedCostBps } from "./realized-cost";
import { computeShortfall, type Shortfall } from "./shortfall";
import { toForecastOutcome, withinP90 as isWithinP90, type CostForecast } from "./calibration-record";
import type { ForecastOutcome } from "@/server/cost/calibration";
import { avgPriceOf, type Side, type TcaFill } from "./types";

export interface AnalyzeOrderInputs {
  side: Side;
  orderedQty: number;
  decisionMid: number;
  decisionAtMs: number;
  arrivalMid?: number;
  /** First child send; where the arrival mid is read when not given. */
  arrivalAtMs?: number;
  fills: readonly TcaFill[];
  finalMid: number;
  mids: readonly MidSample[];
  trades: readonly Pick<Trade, "price" | "qty" | "tsMs">[];
  /** Interval VWAP computed earlier over exactly [decisionAtMs, endAtMs]; replaces `trades` (benchmarks.ts). */
  tapeVwap?: number | null;
  decisions: readonly RoutingDecision[];
  forecast?: CostForecast | null;
  /** Extra fees in USD not carried on the fills (default 0). */
  fees?: number;
  /** End of the order's life for the interval benchmarks (default: last fill). */
  endAtMs?: number;
  defaultHalfSpread?: number;
  costModelVersion?: string;
}

export interface OrderAudit {
  decisions: DecisionAudit[];
  policyRegret: PolicyRegret;
  /** Fills no decision could be matched to (not in any decision's realized cost). */
  unassignedFills: number;
}

export interface OrderAnalysis {
  benchmarks: Benchmarks;
  markouts: Markout[];
  shortfall: Shortfall;
  audit: OrderAudit;
  /** Filled part vs the arrival mid, fees included (lib/execution-figures.ts). */
  realizedCostBps: number | undefined;
  /** Undefined without a forecast or without fills. */
  withinP90: boolean | undefined;
  forecastOutcome: ForecastOutcome | undefined;
}

function decisionHalfSpread(decisions: readonly RoutingDecision[]): number | undefined {
  const d = decisions.find((x) => x.bestBid !== null && x.bestAsk !== null && x.bestAsk >= x.bestBid);
  return d && d.bestAsk !== null && d.bestBid !== null ? (d.bestAsk - d.bestBid) / 2 : undefined;
}

export function analyzeOrder(input: AnalyzeOrderInputs): OrderAnalysis {
  const arrival = input.arrivalMid ?? arrivalMidAt(input.mids, input.arrivalAtMs ?? input.decisionAtMs) ?? input.decisionMid;
  const lastFillAtMs = input.fills.reduce<number | undefined>((m, f) => (m === undefined || f.atMs > m ? f.atMs : m), undefined);
  const toMs = input.endAtMs ?? lastFillAtMs ?? input.decisionAtMs;

  const benchmarks = computeBenchmarks({
    side: input.side,
    avgPrice: avgPriceOf(input.fills),
    decisionMid: input.decisionMid,
    arrivalMid: arrival,
    mids: input.mids,
    trades: input.trades,
    ...(input.tapeVwap !== undefined ? { tapeVwap: input.tapeVwap } : {}),
    fromMs: input.decisionAtMs,
    toMs,
  });
  const halfSpread = input.defaultHalfSpread ?? decisionHalfSpread(input.decisions);
  const shortfall = computeShortfall({
    side: input.side,
    orderedQty: input.orderedQty,
    decisionMid: input.decisionMid,
    arrivalMid: arrival,
    finalMid: input.finalMid,
    fills: input.fills,
    mids: input.mids,
    ...(halfSpread !== undefined ? { defaultHalfSpread: halfSpread } : {}),
    extraFees: input.fees ?? 0,
  });

  const { byDecision, unassigned } = assignFillsToDecisions(input.decisions, input.fills);
  const options = input.costModelVersion !== undefined ? { costModelVersion: input.costModelVersion } : {};
  const decisions = input.decisions.map((d) => auditDecision(d, byDecision.get(d.id) ?? [], input.mids, options));

  const realizedCostBps = computeRealizedCostBps(input.side, input.fills, arrival);
  const forecastOutcome = input.forecast && realizedCostBps !== undefined ? toForecastOutcome(input.forecast, realizedCostBps) : undefined;
  return {
    benchmarks,
    markouts: computeMarkouts(input.side, input.fills, input.mids),
    shortfall,
    audit: { decisions, policyRegret: computePolicyRegret(decisions), unassignedFills: unassigned.length },
    realizedCostBps,
    withinP90: forecastOutcome ? isWithinP90(forecastOutcome) : undefined,
    forecastOutcome,
  };
}
