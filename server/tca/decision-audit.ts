/**
 * Decision audit of one routing decision (ex-post evaluation of a smart order router's
 * choice against the alternatives it had, as in regret-based policy evaluation — Lattimore
 * & Szepesvári, "Bandit Algorithms" (2020), ch. 4 — applied to venue selection; the
 * counterfactual cost is the book-walk + fee landed cost of ARCHITECTURE.md "Cost models").
 *
 * Realized-equivalent cost of sending the whole decision to one candidate venue alone:
 *
 *   equivalent(v) = alone.bookBps(v) + fee_bps(v) + followed(v)
 *   followed(v)   = s·(mid(t + ackLatency(v)) − mid(t)) / mid(t) · 1e4
 *
 * i.e. the book walk the record computed at decision time t, the venue's fee, and — in
 * place of the ex-ante latency and staleness risk parts — what the consolidated mid did
 * over the venue's ack latency (the order would have met a book shifted by that move).
 * When the mid series does not reach t + latency, followed falls back to the ex-ante
 * latency_bps + staleness_bps (source "forecast"). Only candidates whose book could fill
 * the whole decision alone are eligible; the counterfactual best is the eligible one with
 * the lowest equivalent cost (undefined when none is).
 *
 * The chosen routing is priced on the same basis (legs' book_bps + fee_bps + followed at
 * each leg's venue, qty-weighted), so selection error = chosen − best compares like with
 * like: > 0 means a single venue would have done better, < 0 means the router's split beat
 * every venue alone. The cheapest single venue is therefore not "the best alternative" by
 * itself: the best alternative is the cheaper of the router's own routing and that venue,
 * with the saving it would have given (0 when the router's routing was the best on offer).
 * The signed selection error still feeds the policy regret (policy-regret.ts). Forecast error = realized − estCostBps (realized from the decision's
 * fills vs the decision mid, fees included, realized-cost.ts).
 */
import { COST_MODEL_VERSION } from "@/server/cost/model-version";
import type { MidSample } from "@/server/market-data/observation-store";
import type { VenueId } from "@/server/market-data/types";
import type { DecisionCandidate, DecisionCandidateStatus, DecisionScoreParts, RoutingDecision } from "@/server/router/routing-decision";
import type { RouterVersion } from "@/server/router/router-versions";
import { midAtWithinData, sortMidsByTime } from "./mid-at";
import { computeRealizedCostBps } from "./realized-cost";
import { sideSign, filledQtyOf, type TcaFill } from "./types";

export interface CandidateAudit {
  venue: VenueId;
  status: DecisionCandidateStatus;
  /** 1 = lowest touch score (scoreParts.total_bps) among the candidates. */
  scoreRank: number;
  scoreParts: DecisionScoreParts;
  ackLatencyMs: number;
  aloneFilledQty: number;
  aloneBookBps: number | null;
  /** Could have filled the whole decision alone. */
  eligible: boolean;
  followedBps: number;
  followedSource: "mids" | "forecast";
  /** Realized-equivalent cost alone; undefined when not eligible. */
  equivalentBps: number | undefined;
}

export interface LegAudit {
  venue: VenueId;
  qty: number;
  estCostBps: number;
  /** Why: the leg's score parts at decision time. */
  scoreParts: DecisionScoreParts;
  followedBps: number;
  filledQty: number;
  realizedBps: number | undefined;
}

export interface DecisionAudit {
  decisionId: string;
  atMs: number;
  routerVersion: RouterVersion;
  versionSource: RoutingDecision["versionSource"];
  costModelVersion: string;
  side: RoutingDecision["side"];
  mid: number | null;
  chosen: LegAudit[];
  candidates: CandidateAudit[];
  /** Chosen legs on the counterfactual basis (qty-weighted). */
  chosenEquivalentBps: number | undefined;
  /** The cheapest single venue alone (it may cost more than the router's routing). */
  counterfactualBest: { venue: VenueId; equivalentBps: number } | undefined;
  /** chosenEquivalentBps − counterfactual best; > 0 = the router could have done better. */
  selectionErrorBps: number | undefined;
  /** The cheaper of the router's routing and the best single venue; savingBps ≥ 0. */
  bestAlternative: BestAlternative | undefined;
  estCostBps: number | null;
  estLandedCostBps: number | null;
  realizedBps: number | undefined;
  /** realized − estCostBps. */
  forecastErrorBps: number | undefined;
  /** realized − estLandedCostBps (without the router's penalty terms). */
  landedForecastErrorBps: number | undefined;
  /** Σ leg qty × decision mid: the weight of this decision in the policy regret. */
  routedNotional: number;
  filledQty: number;
}

export type BestAlternative =
  | { kind: "routed"; equivalentBps: number; savingBps: 0 }
  | { kind: "single_venue"; venue: VenueId; equivalentBps: number; savingBps: number };

/** The router's routing unless a single venue alone was strictly cheaper on the same basis. */
export function bestAlternativeOf(chosenEquivalentBps: number | undefined, best: { venue: VenueId; equivalentBps: number } | undefined): BestAlternative | undefined {
  if (chosenEquivalentBps === undefined) return undefined;
  if (best === undefined || best.equivalentBps >= chosenEquivalentBps) return { kind: "routed", equivalentBps: chosenEquivalentBps, savingBps: 0 };
  return { kind: "single_venue", venue: best.venue, equivalentBps: best.equivalentBps, savingBps: chosenEquivalentBps - best.equivalentBps };
}

export interface AuditDecisionOptions {
  costModelVersion?: string;
}

const FULL = 1 - 1e-9;

export function auditDecision(decision: RoutingDecision, fills: readonly TcaFill[], mids: readonly MidSample[], options: AuditDecisionOptions = {}): DecisionAudit {
  const sorted = sortMidsByTime(mids);
  const s = sideSign(decision.side);
  const mid = decision.mid;
  const midThen = mid !== null && mid > 0 ? mid : undefined;

  const followed = (c: DecisionCandidate | undefined): { bps: number; source: "mids" | "forecast" } => {
    const latency = c?.ackLatencyMs ?? 0;
    const later = midThen === undefined ? undefined : midAtWithinData(sorted, decision.atMs + latency);
    if (later !== undefined && midThen !== undefined) return { bps: ((s * (later - midThen)) / midThen) * 1e4, source: "mids" };
    return { bps: c ? c.scoreParts.latency_bps + c.scoreParts.staleness_bps : 0, source: "forecast" };
  };

  const ranked = [...decision.candidates].sort((a, b) => a.scoreParts.total_bps - b.scoreParts.total_bps);
  const candidates: CandidateAudit[] = decision.candidates.map((c) => {
    const f = followed(c);
    const eligible = midThen !== undefined && c.alone.bookBps !== null && c.alone.filledQty >= decision.qty * FULL;
    return {
      venue: c.venue,
      status: c.status,
      scoreRank: ranked.indexOf(c) + 1,
      scoreParts: c.scoreParts,
      ackLatencyMs: c.ackLatencyMs,
      aloneFilledQty: c.alone.filledQty,
      aloneBookBps: c.alone.bookBps,
      eligible,
      followedBps: f.bps,
      followedSource: f.source,
      equivalentBps: eligible && c.alone.bookBps !== null ? c.alone.bookBps + c.scoreParts.fee_bps + f.bps : undefined,
    };
  });

  let best: { venue: VenueId; equivalentBps: number } | undefined;
  for (const c of candidates) {
    if (c.equivalentBps !== undefined && (best === undefined || c.equivalentBps < best.equivalentBps)) best = { venue: c.venue, equivalentBps: c.equivalentBps };
  }

  let legQty = 0;
  let legWeighted = 0;
  const chosen: LegAudit[] = decision.legs.map((leg) => {
    const f = followed(decision.candidates.find((c) => c.venue === leg.venue));
    const legFills = fills.filter((x) => x.venue === leg.venue);
    legQty += leg.qty;
    legWeighted += leg.qty * (leg.scoreParts.book_bps + leg.scoreParts.fee_bps + f.bps);
    return {
      venue: leg.venue,
      qty: leg.qty,
      estCostBps: leg.estCostBps,
      scoreParts: leg.scoreParts,
      followedBps: f.bps,
      filledQty: filledQtyOf(legFills),
      realizedBps: computeRealizedCostBps(decision.side, legFills, mid),
    };
  });
  const chosenEquivalentBps = legQty > 0 && midThen !== undefined ? legWeighted / legQty : undefined;
  const realizedBps = computeRealizedCostBps(decision.side, fills, mid);
  const diff = (a: number | null | undefined, b: number | null | undefined) => (a === undefined || a === null || b === undefined || b === null ? undefined : a - b);

  return {
    decisionId: decision.id,
    atMs: decision.atMs,
    routerVersion: decision.routerVersion,
    versionSource: decision.versionSource,
    costModelVersion: options.costModelVersion ?? COST_MODEL_VERSION,
    side: decision.side,
    mid,
    chosen,
    candidates,
    chosenEquivalentBps,
    counterfactualBest: best,
    selectionErrorBps: diff(chosenEquivalentBps, best?.equivalentBps),
    bestAlternative: bestAlternativeOf(chosenEquivalentBps, best),
    estCostBps: decision.estCostBps,
    estLandedCostBps: decision.estLandedCostBps,
    realizedBps,
    forecastErrorBps: diff(realizedBps, decision.estCostBps),
    landedForecastErrorBps: diff(realizedBps, decision.estLandedCostBps),
    routedNotional: midThen === undefined ? 0 : legQty * midThen,
    filledQty: filledQtyOf(fills),
  };
}
