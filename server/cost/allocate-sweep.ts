/**
 * Multi-venue allocation: the greedy sweep (greedy-sweep.ts) plus the venue rules that make
 * it a routable answer. The smart order router calls this same function.
 *
 * 1. Sweep best-score-first across venues.
 * 2. Min size: a venue whose allocation, rounded down to its lot, is below its minimum
 *    quantity or minimum notional cannot be sent that order. The smallest such venue is
 *    dropped and the whole quantity re-swept without it (its share flows to the next-best
 *    levels elsewhere); repeat until every remaining venue clears its minimums. One at a
 *    time, because dropping a venue only raises the others' allocations, which can lift
 *    another venue over its minimum.
 * 3. Lots: each allocation is rounded down to its venue's lot; the leftover is absorbed by
 *    the venue(s) with headroom (unused visible depth, a lot or more) whose next unit
 *    scores best.
 *
 * Every leg reports its score parts (price vs mid, fee, latency, staleness, extras) in bps,
 * the parts add up to the leg's score, and the totals are quantity-weighted parts.
 */
import type { VenueId } from "@/server/market-data/types";
import { assertQuantity } from "./book-walk";
import { GreedySweeper, venueFixedBps, venueLadder, type SweepVenue } from "./greedy-sweep";
import { compareIds } from "./landed-cost";
import { priceCostBps, type Side } from "./side";

export interface ScoreParts {
  priceBps: number;
  feeBps: number;
  latencyBps: number;
  stalenessBps: number;
  extraBps: Record<string, number>;
  /** priceBps + feeBps + latencyBps + stalenessBps + Σ extraBps. */
  totalBps: number;
}

export interface SweepLeg {
  venue: VenueId;
  qty: number;
  /** Share of the filled quantity; legs' fractions sum to 1. */
  fraction: number;
  avgPrice: number;
  notional: number;
  /** Price cost of the leg vs mid, bps (= scoreParts.priceBps). */
  costBps: number;
  /** All-in score of the leg, bps (= scoreParts.totalBps). */
  scoreBps: number;
  scoreParts: ScoreParts;
  levelsUsed: number;
}

export type CandidateStatus = "used" | "unused" | "no_depth" | "capped" | "dropped_min_qty" | "dropped_min_notional";

export interface SweepCandidate {
  venue: VenueId;
  status: CandidateStatus;
  /** Visible depth on the taken side. */
  depthQty: number;
  /** Allocation the venue had when it was dropped for its minimum. */
  droppedQty?: number;
  touchPrice: number | undefined;
  /** Score of the venue's best level: what it offered before any sweep. */
  touchScoreBps: number | undefined;
  feeBps: number;
  latencyBps: number;
  stalenessBps: number;
  extraBps: Record<string, number>;
}

export interface SweepAllocation {
  side: Side;
  /** The reference used; undefined when the caller had none (nothing can be priced). */
  mid: number | undefined;
  requestedQty: number;
  filledQty: number;
  /** depthShortfallQty + lotResidualQty. */
  unfilledQty: number;
  /** More than the venues (after min-size drops) show. */
  depthShortfallQty: number;
  /** Rounding to lots that no venue with headroom could absorb. */
  lotResidualQty: number;
  complete: boolean;
  avgPrice: number | undefined;
  /** Price cost vs mid of the whole fill, bps. */
  costBps: number;
  /** All-in: quantity-weighted score parts, summed (= parts.totalBps). */
  allInCostBps: number;
  parts: ScoreParts;
  legs: SweepLeg[];
  candidates: SweepCandidate[];
  /** Sweeps run (1 + min-size drops). */
  sweeps: number;
}

export interface AllocateSweepInput {
  side: Side;
  qty: number;
  /** Reference mid (NBBO); every price cost is measured against it. */
  mid: number;
  venues: readonly SweepVenue[];
}

const shared = new GreedySweeper();

export function allocateSweep(input: AllocateSweepInput, sweeper: GreedySweeper = shared): SweepAllocation {
  const { side, qty, mid, venues } = input;
  assertQuantity(qty);
  const n = venues.length;
  const excluded = new Array<number>(n).fill(0);
  const dropped = new Map<number, { reason: CandidateStatus; qty: number }>();
  if (!(mid > 0) || !Number.isFinite(mid)) return emptyAllocation(input);

  let depthShortfall: number;
  let sweeps = 0;
  for (;;) {
    depthShortfall = sweeper.run(venues, side, mid, qty, excluded);
    sweeps++;
    const worst = smallestBelowMinimum(venues, sweeper);
    if (!worst) break;
    excluded[worst.index] = 1;
    dropped.set(worst.index, { reason: worst.reason, qty: sweeper.alloc[worst.index] as number });
  }

  const alloc = new Array<number>(n).fill(0);
  let lotResidual = 0;
  for (let v = 0; v < n; v++) {
    const a = sweeper.alloc[v] as number;
    if (a <= 0) continue;
    const q = floorToLot(a, (venues[v] as SweepVenue).lotSize);
    alloc[v] = q;
    lotResidual += a - q;
  }
  const ladders = venues.map((v) => venueLadder(v, side === "buy"));
  const depth = ladders.map(ladderDepth);
  if (lotResidual > 0) lotResidual = absorbLotResidual(venues, ladders, side, mid, alloc, excluded, depth, lotResidual);
  // What is left after absorption but under 1 % of the finest lot is float dust from
  // summing level quantities, not an unplaceable remainder: no venue could take it anyway.
  if (lotResidual <= Math.max(qty * 1e-12, 0.01 * finestLot(venues))) lotResidual = 0;
  if (depthShortfall <= qty * 1e-12) depthShortfall = 0;

  return buildAllocation(input, ladders, alloc, depth, dropped, depthShortfall, lotResidual, sweeps);
}

/**
 * The lots' worth of `residual` a venue can take. The residual is a sum of many
 * (allocation − floored allocation) terms, so a whole lot arrives as 0.999997 lots; that is
 * taken as the residual itself (never more than it, so filled ≤ ordered still holds).
 */
function absorbableResidual(residual: number, lot: number): number {
  if (!(lot > 0)) return residual;
  const lots = residual / lot;
  const whole = Math.round(lots);
  if (whole >= 1 && Math.abs(lots - whole) < 1e-4) return Math.min(residual, whole * lot);
  return floorToLot(residual, lot);
}

function finestLot(venues: readonly SweepVenue[]): number {
  let finest = Infinity;
  for (const v of venues) if (v.lotSize > 0 && v.lotSize < finest) finest = v.lotSize;
  return Number.isFinite(finest) ? finest : 0;
}

/** Rounds down to a whole number of lots; tolerant of float noise just under a lot boundary. */
export function floorToLot(qty: number, lot: number): number {
  if (!(lot > 0)) return qty;
  const k = Math.floor(qty / lot + 1e-9);
  return k > 0 ? k * lot : 0;
}

function smallestBelowMinimum(
  venues: readonly SweepVenue[],
  sweeper: GreedySweeper,
): { index: number; reason: CandidateStatus } | undefined {
  let best: { index: number; reason: CandidateStatus; notional: number } | undefined;
  for (let v = 0; v < venues.length; v++) {
    const a = sweeper.alloc[v] as number;
    if (a <= 0) continue;
    const venue = venues[v] as SweepVenue;
    const q = floorToLot(a, venue.lotSize);
    const avg = (sweeper.notional[v] as number) / a;
    const reason: CandidateStatus | undefined =
      q <= 0 || q < venue.minQty ? "dropped_min_qty" : q * avg < venue.minNotional ? "dropped_min_notional" : undefined;
    if (!reason) continue;
    const notional = a * avg;
    if (!best || notional < best.notional || (notional === best.notional && compareIds(venue.venue, (venues[best.index] as SweepVenue).venue) < 0)) {
      best = { index: v, reason, notional };
    }
  }
  return best;
}

interface VenueWalk {
  notional: number;
  levelsUsed: number;
  /** Price of the next unit after `qty`, or undefined when the book is exhausted. */
  nextPrice: number | undefined;
}

/** Walks one venue's ladder (packed [price, qty] pairs) for qty: the prefix the sweep took. */
function walkVenue(ladder: Float64Array, qty: number): VenueWalk {
  let remaining = qty;
  let notional = 0;
  let levelsUsed = 0;
  for (let i = 0; i < ladder.length; i += 2) {
    const price = ladder[i] as number;
    const size = ladder[i + 1] as number;
    if (remaining <= 0) return { notional, levelsUsed, nextPrice: price };
    const take = size < remaining ? size : remaining;
    notional += take * price;
    remaining -= take;
    levelsUsed++;
    if (take < size) return { notional, levelsUsed, nextPrice: price };
  }
  return { notional, levelsUsed, nextPrice: undefined };
}

function ladderDepth(ladder: Float64Array): number {
  let depth = 0;
  for (let i = 1; i < ladder.length; i += 2) depth += ladder[i] as number;
  return depth;
}

function absorbLotResidual(
  venues: readonly SweepVenue[],
  ladders: readonly Float64Array[],
  side: Side,
  mid: number,
  alloc: number[],
  excluded: readonly number[],
  depth: readonly number[],
  residual: number,
): number {
  const tried = new Array<boolean>(venues.length).fill(false);
  while (residual > 0) {
    let best = -1;
    let bestScore = Infinity;
    let bestAdd = 0;
    for (let v = 0; v < venues.length; v++) {
      if (excluded[v] || tried[v]) continue;
      const venue = venues[v] as SweepVenue;
      const q = alloc[v] as number;
      const walk = walkVenue(ladders[v] as Float64Array, q);
      if (walk.nextPrice === undefined) continue;
      const headroom = floorToLot(Math.min(depth[v] as number, venue.maxQty ?? Infinity) - q, venue.lotSize);
      const add = Math.min(absorbableResidual(residual, venue.lotSize), headroom);
      if (!(add > 0)) continue;
      // A venue not yet trading may only join with an order that clears its minimums.
      if (q === 0 && (add < venue.minQty || add * walk.nextPrice < venue.minNotional)) continue;
      const score = priceCostBps(walk.nextPrice, mid, side) + venueFixedBps(venue);
      if (score < bestScore || (score === bestScore && best >= 0 && compareIds(venue.venue, (venues[best] as SweepVenue).venue) < 0)) {
        best = v;
        bestScore = score;
        bestAdd = add;
      }
    }
    if (best < 0) break;
    alloc[best] = (alloc[best] as number) + bestAdd;
    residual -= bestAdd;
    tried[best] = true;
  }
  return residual;
}

function buildAllocation(
  input: AllocateSweepInput,
  ladders: readonly Float64Array[],
  alloc: readonly number[],
  depth: readonly number[],
  dropped: ReadonlyMap<number, { reason: CandidateStatus; qty: number }>,
  depthShortfallQty: number,
  lotResidualQty: number,
  sweeps: number,
): SweepAllocation {
  const { side, qty, mid, venues } = input;
  const legs: (SweepLeg & { rank: string })[] = [];
  const candidates: SweepCandidate[] = [];
  let filled = 0;
  let notional = 0;
  for (let v = 0; v < venues.length; v++) {
    const venue = venues[v] as SweepVenue;
    const q = alloc[v] as number;
    const ladder = ladders[v] as Float64Array;
    const walk = walkVenue(ladder, q);
    const touch = ladder.length > 0 ? (ladder[0] as number) : undefined;
    const extraBps = { ...(venue.extraBps ?? {}) };
    const drop = dropped.get(v);
    const status: CandidateStatus = drop
      ? drop.reason
      : q > 0
        ? "used"
        : (depth[v] as number) <= 0
          ? "no_depth"
          : (venue.maxQty ?? Infinity) <= 0
            ? "capped"
            : "unused";
    candidates.push({
      venue: venue.venue,
      status,
      depthQty: depth[v] as number,
      ...(drop ? { droppedQty: drop.qty } : {}),
      touchPrice: touch,
      touchScoreBps: touch === undefined ? undefined : priceCostBps(touch, mid, side) + venueFixedBps(venue),
      feeBps: venue.feeBps,
      latencyBps: venue.latencyBps,
      stalenessBps: venue.stalenessBps,
      extraBps,
    });
    if (!(q > 0)) continue;
    const avgPrice = walk.notional / q;
    const costBps = priceCostBps(avgPrice, mid, side);
    const parts = sumParts(costBps, venue.feeBps, venue.latencyBps, venue.stalenessBps, extraBps);
    legs.push({
      venue: venue.venue,
      rank: venue.venue,
      qty: q,
      fraction: 0,
      avgPrice,
      notional: walk.notional,
      costBps,
      scoreBps: parts.totalBps,
      scoreParts: parts,
      levelsUsed: walk.levelsUsed,
    });
    filled += q;
    notional += walk.notional;
  }
  legs.sort((a, b) => a.scoreBps - b.scoreBps || compareIds(a.rank, b.rank));
  assignFractions(legs, filled);

  const avgPrice = filled > 0 ? notional / filled : undefined;
  const costBps = avgPrice === undefined ? 0 : priceCostBps(avgPrice, mid, side);
  let fee = 0;
  let latency = 0;
  let staleness = 0;
  const extra: Record<string, number> = {};
  for (const leg of legs) {
    fee += leg.fraction * leg.scoreParts.feeBps;
    latency += leg.fraction * leg.scoreParts.latencyBps;
    staleness += leg.fraction * leg.scoreParts.stalenessBps;
    for (const k in leg.scoreParts.extraBps) extra[k] = (extra[k] ?? 0) + leg.fraction * (leg.scoreParts.extraBps[k] as number);
  }
  const parts = sumParts(costBps, fee, latency, staleness, extra);
  const unfilledQty = depthShortfallQty + lotResidualQty;
  return {
    side,
    mid,
    requestedQty: qty,
    filledQty: filled,
    unfilledQty,
    depthShortfallQty,
    lotResidualQty,
    complete: unfilledQty === 0,
    avgPrice,
    costBps,
    allInCostBps: parts.totalBps,
    parts,
    legs: legs.map(({ rank: _rank, ...leg }) => leg),
    candidates,
    sweeps,
  };
}

function sumParts(priceBps: number, feeBps: number, latencyBps: number, stalenessBps: number, extraBps: Record<string, number>): ScoreParts {
  let total = priceBps + feeBps + latencyBps + stalenessBps;
  for (const k in extraBps) total += extraBps[k] as number;
  return { priceBps, feeBps, latencyBps, stalenessBps, extraBps, totalBps: total };
}

/** qty / filled per leg; the largest leg takes 1 − Σ(others) so the mix sums to 1. */
function assignFractions(legs: SweepLeg[], filled: number): void {
  if (legs.length === 0) return;
  let largest = 0;
  for (let i = 0; i < legs.length; i++) {
    (legs[i] as SweepLeg).fraction = (legs[i] as SweepLeg).qty / filled;
    if ((legs[i] as SweepLeg).qty > (legs[largest] as SweepLeg).qty) largest = i;
  }
  let others = 0;
  for (let i = 0; i < legs.length; i++) if (i !== largest) others += (legs[i] as SweepLeg).fraction;
  (legs[largest] as SweepLeg).fraction = 1 - others;
}

function emptyAllocation(input: AllocateSweepInput): SweepAllocation {
  return {
    side: input.side,
    mid: input.mid > 0 && Number.isFinite(input.mid) ? input.mid : undefined,
    requestedQty: input.qty,
    filledQty: 0,
    unfilledQty: input.qty,
    depthShortfallQty: input.qty,
    lotResidualQty: 0,
    complete: input.qty === 0,
    avgPrice: undefined,
    costBps: 0,
    allInCostBps: 0,
    parts: { priceBps: 0, feeBps: 0, latencyBps: 0, stalenessBps: 0, extraBps: {}, totalBps: 0 },
    legs: [],
    candidates: input.venues.map((v) => ({
      venue: v.venue,
      status: "no_depth" as const,
      depthQty: 0,
      touchPrice: undefined,
      touchScoreBps: undefined,
      feeBps: v.feeBps,
      latencyBps: v.latencyBps,
      stalenessBps: v.stalenessBps,
      extraBps: { ...(v.extraBps ?? {}) },
    })),
    sweeps: 0,
  };
}
