/**
 * The smart order router: one routing decision for one node order at one instant.
 *
 * 1. Version: chooseRouterVersion(parentId) unless pinned (router-versions.ts).
 * 2. Candidates and exclusions (select-candidates.ts).
 * 3. Reference mid: the candidates' consolidated best bid and ask (a one-sided market falls
 *    back to the taken side's touch, as the cost engine's referenceMid does).
 * 4. The version's penalties per venue (adverse selection, reject penalty) as named
 *    `extraBps`, into the cost engine's own inputs: venueCostSpecs → currentSweepVenues →
 *    allocateSweep — the greedy heap sweep with min-size drops and lot-residual absorption.
 *    No routing arithmetic is repeated here.
 * 5. v3 only: venue impact sized on the first sweep's legs, then the sweep again.
 * 6. The record (routing-decision.ts): candidates with score parts at their touch, status
 *    and model inputs, exclusions, legs with limit prices and score parts, estimated cost.
 *
 * Pure and deterministic: same inputs, same decision (the id is nodeOrderId + sequence).
 */
import { allocateSweep, type SweepAllocation, type SweepCandidate } from "@/server/cost/allocate-sweep";
import { currentSweepVenues } from "@/server/cost/forecast-cost";
import type { SweepVenue } from "@/server/cost/greedy-sweep";
import { EXPECTED_ADVERSE_MOVE } from "@/server/cost/risk-premium";
import { venueCostSpecs } from "@/server/cost/venue-cost-spec";
import type { Side } from "@/server/execution/types";
import type { BookView, SymbolId, VenueId } from "@/server/market-data/types";
import { touchPrice } from "./measure-book-side";
import { candidateRecord, legRecord, type CostedCandidate } from "./record-decision";
import {
  addVenueImpact,
  chooseRouterVersion,
  versionHasTerm,
  versionPenalties,
  type PenaltyVenue,
  type RouterModelOptions,
  type RouterObservations,
  type RouterVersion,
  type VenuePenalties,
} from "./router-versions";
import { decisionId, type DecisionCandidate, type RoutingDecision } from "./routing-decision";
import { selectCandidates, type RouteCandidate, type VenueExclusion } from "./select-candidates";
import { defaultVenueRegistry, type RouterVenueRegistry } from "./venue-registry";

export interface RouteOrderInput {
  parentId: string;
  nodeOrderId: string;
  /** This decision's number within the node order (default 0); part of the id. */
  sequence?: number;
  symbol: SymbolId;
  side: Side;
  qty: number;
  books: readonly BookView[];
  nowMs: number;
  /** σ per √second as a fraction of price (latency, staleness and retry risk). */
  sigmaPerSecond: number;
  /** The tape and mids for v2/v3 adverse selection; without it the priors are used. */
  observations?: RouterObservations;
  excludeVenues?: readonly VenueId[];
  /** Venues to consider (default: every venue in the registry). */
  venues?: readonly VenueId[];
  /** The version to use instead of hashing the parent id: the one stored on the order, or a pin. */
  version?: RouterVersion;
  /** The desk's fee tier per venue; default each venue's entry tier. */
  feeTiers?: Partial<Record<VenueId, string>>;
  /** Oldest usable book, ms (default 2 000). */
  staleAfterMs?: number;
  registry?: RouterVenueRegistry;
  models?: RouterModelOptions;
  /** Multiplier on σ√t for latency and staleness (default E[max(0, Z)], as the cost engine). */
  riskMultiplier?: number;
}

export class InvalidRouteQuantityError extends Error {
  constructor(readonly qty: number) {
    super(`cannot route qty ${qty}: it must be a positive finite number`);
    this.name = "InvalidRouteQuantityError";
  }
}

export function routeOrder(input: RouteOrderInput): RoutingDecision {
  const { symbol, side, qty, nowMs } = input;
  if (!(qty > 0) || !Number.isFinite(qty)) throw new InvalidRouteQuantityError(qty);
  const sequence = input.sequence ?? 0;
  const registry = input.registry ?? defaultVenueRegistry;
  const routerVersion = chooseRouterVersion(input.parentId, input.version);
  const sigma = input.sigmaPerSecond > 0 && Number.isFinite(input.sigmaPerSecond) ? input.sigmaPerSecond : 0;
  const multiplier = input.riskMultiplier ?? EXPECTED_ADVERSE_MOVE;

  const selection = selectCandidates({
    symbol,
    side,
    qty,
    books: input.books,
    nowMs,
    ...(input.venues ? { venues: input.venues } : {}),
    ...(input.excludeVenues ? { excludeVenues: input.excludeVenues } : {}),
    ...(input.staleAfterMs !== undefined ? { staleAfterMs: input.staleAfterMs } : {}),
    registry,
  });
  const feeOptions = input.feeTiers ? { feeTiers: input.feeTiers } : {};
  const { candidates, exclusions } = withCostSpecs(symbol, selection.candidates, selection.exclusions, feeOptions);
  const books = candidates.map((c) => c.book);
  const ref = referencePrices(candidates, side);

  const base = {
    id: decisionId(input.nodeOrderId, sequence),
    parentId: input.parentId,
    nodeOrderId: input.nodeOrderId,
    sequence,
    atMs: nowMs,
    routerVersion,
    versionSource: input.version !== undefined ? ("given" as const) : ("hash" as const),
    symbol,
    side,
    qty,
    mid: ref.mid ?? null,
    midSource: ref.source,
    bestBid: ref.bestBid ?? null,
    bestAsk: ref.bestAsk ?? null,
    sigmaPerSecond: sigma,
    exclusions,
  };
  if (ref.mid === undefined || candidates.length === 0) {
    return { ...base, passes: 0, candidates: [], legs: [], estCostBps: null, estLandedCostBps: null, unfilledQty: qty, complete: false };
  }
  const mid = ref.mid;

  const penaltyVenues: PenaltyVenue[] = candidates.map((c) => ({ venue: c.venue, book: c.book, ackLatencyMs: c.spec.ackLatencyMs }));
  const ctx = {
    symbol,
    side,
    nowMs,
    sigmaPerSecond: sigma,
    venues: penaltyVenues,
    observations: input.observations,
    models: input.models,
    fallbackHalfSpreadBps: ref.bestBid !== undefined && ref.bestAsk !== undefined ? Math.max(0, ((ref.bestAsk - ref.bestBid) / 2 / mid) * 1e4) : 0,
  };
  const sweepVenuesFor = (penalties: ReadonlyMap<VenueId, VenuePenalties>): SweepVenue[] => {
    const extraBps: Partial<Record<VenueId, Record<string, number>>> = {};
    for (const [venue, p] of penalties) if (Object.keys(p.extraBps).length > 0) extraBps[venue] = { ...p.extraBps };
    const specs = venueCostSpecs(symbol, candidates.map((c) => c.venue), { ...feeOptions, extraBps });
    return currentSweepVenues(books, specs, side, sigma, nowMs, multiplier);
  };

  let penalties = versionPenalties(routerVersion, ctx);
  let venues = sweepVenuesFor(penalties);
  let allocation = allocateSweep({ side, qty, mid, venues });
  let passes = 1;
  if (versionHasTerm(routerVersion, "venue_impact")) {
    const planned = new Map(allocation.legs.map((l) => [l.venue, l.qty]));
    penalties = addVenueImpact(routerVersion, penalties, planned, ctx);
    venues = sweepVenuesFor(penalties);
    allocation = allocateSweep({ side, qty, mid, venues });
    passes = 2;
  }

  const legs = allocation.legs.map((l) => legRecord(l, (candidates.find((x) => x.venue === l.venue) as CostedCandidate).book, side));
  const allocated = new Map(legs.map((l) => [l.venue, l.qty]));
  const recorded = candidates.map((c): DecisionCandidate => {
    const swept = allocation.candidates.find((x) => x.venue === c.venue) as SweepCandidate;
    const venue = venues.find((x) => x.venue === c.venue) as SweepVenue;
    return candidateRecord(c, swept, venue, allocated.get(c.venue) ?? 0, penalties.get(c.venue), { side, qty, mid });
  });

  return {
    ...base,
    passes,
    candidates: recorded,
    legs,
    estCostBps: legs.length > 0 ? allocation.allInCostBps : null,
    estLandedCostBps: legs.length > 0 ? landedBps(allocation) : null,
    unfilledQty: allocation.unfilledQty,
    complete: allocation.complete,
  };
}

/**
 * Attaches each candidate's cost spec (fee tier, ack latency, lot, minimums). A candidate the
 * injected registry lists but the cost engine's registry does not is excluded as unsupported,
 * so every routed venue is priced.
 */
function withCostSpecs(
  symbol: SymbolId,
  selected: readonly RouteCandidate[],
  excluded: readonly VenueExclusion[],
  feeOptions: { feeTiers?: Partial<Record<VenueId, string>> },
): { candidates: CostedCandidate[]; exclusions: VenueExclusion[] } {
  const specs = new Map(venueCostSpecs(symbol, selected.map((c) => c.venue), feeOptions).map((s) => [s.venue, s]));
  const candidates: CostedCandidate[] = [];
  const exclusions = [...excluded];
  for (const c of selected) {
    const spec = specs.get(c.venue);
    if (spec) candidates.push({ ...c, spec });
    else exclusions.push({ venue: c.venue, reason: "symbol_unsupported", detail: `no fee or instrument spec for ${symbol} on ${c.venue}` });
  }
  return { candidates, exclusions };
}

interface ReferencePrices {
  mid: number | undefined;
  source: "nbbo_mid" | "touch" | "none";
  bestBid: number | undefined;
  bestAsk: number | undefined;
}

function referencePrices(candidates: readonly RouteCandidate[], side: Side): ReferencePrices {
  let bestBid: number | undefined;
  let bestAsk: number | undefined;
  for (const c of candidates) {
    const bid = touchPrice(c.book.bids);
    const ask = touchPrice(c.book.asks);
    if (bid !== undefined && (bestBid === undefined || bid > bestBid)) bestBid = bid;
    if (ask !== undefined && (bestAsk === undefined || ask < bestAsk)) bestAsk = ask;
  }
  if (bestBid !== undefined && bestAsk !== undefined) return { mid: (bestBid + bestAsk) / 2, source: "nbbo_mid", bestBid, bestAsk };
  const touch = side === "buy" ? bestAsk : bestBid;
  return { mid: touch, source: touch === undefined ? "none" : "touch", bestBid, bestAsk };
}

function landedBps(a: SweepAllocation): number {
  return a.parts.priceBps + a.parts.feeBps + a.parts.latencyBps + a.parts.stalenessBps;
}
