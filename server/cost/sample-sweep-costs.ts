/**
 * The empirical half of the cost distribution: the all-in multi-venue sweep cost of each
 * size in each recent book state (align-book-states.ts). Each state is priced against its
 * own consolidated mid, with each venue's fee, latency risk and staleness (the venue
 * sample's age at the state's time), so the spread of these costs is the spread of
 * outcomes the order would have met over the last minute.
 *
 * Store samples keep only the top N levels. Where a sample is truncated (N levels shown),
 * the venue's book is continued with today's levels beyond the sample's last price rather
 * than treating the cut as the end of liquidity (greedy-sweep.ts `deeper`): the deep book
 * moves far less from second to second than the top.
 */
import type { BookView, Level, VenueId } from "@/server/market-data/types";
import type { BookState } from "./align-book-states";
import { GreedySweeper, type SweepVenue } from "./greedy-sweep";
import { packLevels } from "./packed-levels";
import { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "./risk-premium";
import { takenLevels, type Side } from "./side";
import { sweepCostsAtSizes } from "./sweep-ladder";
import type { VenueCostSpec } from "./venue-cost-spec";

export interface SweepCostSamples {
  side: Side;
  /** Ascending. */
  sizes: readonly number[];
  /** cost[k][i]: all-in bps of sizes[k] in state i (of its own mid). */
  cost: Float64Array[];
  /** filled[k][i]: quantity of sizes[k] the books of state i could fill. */
  filled: Float64Array[];
  /** States with a usable mid (the first `count` entries of each row). */
  count: number;
  stateTimesMs: number[];
  /** States offered, before the fill budget thinned them. */
  statesConsidered: number;
  /** Every stride-th state was used (1 = all). */
  stride: number;
  /** Quantiles already solved, by size index and horizon term (cost-quantiles.ts). */
  quantileCache?: Map<string, unknown>;
}

export interface SampleSweepCostsInput {
  states: readonly BookState[];
  specs: readonly VenueCostSpec[];
  side: Side;
  /** Ascending sizes; one sweep per state to the largest prices them all. */
  sizes: readonly number[];
  sigmaPerSecond: number;
  riskMultiplier?: number;
  /** Today's full books, continuing truncated samples. */
  deepBooks?: readonly BookView[];
  /** A sample side with this many levels is taken as truncated (the store's topLevels; default 20). */
  truncatedAt?: number;
  /**
   * Budget of level fills over all states (default DEFAULT_MAX_SWEEP_FILLS). A size that
   * walks deep books (a large order's 8× capacity point) costs a fill per level per state;
   * past the budget every k-th state is used (always including the newest), so a large
   * order's distribution rests on fewer states across the same window, said in `stride`.
   */
  maxFills?: number;
}

const shared = new GreedySweeper();

/** Default budget of level fills across all states (see maxFills). */
export const DEFAULT_MAX_SWEEP_FILLS = 12_000;

export function sampleSweepCosts(input: SampleSweepCostsInput, sweeper: GreedySweeper = shared): SweepCostSamples {
  const { states, specs, side, sizes } = input;
  for (let k = 1; k < sizes.length; k++) {
    if (!((sizes[k] as number) >= (sizes[k - 1] as number))) throw new RangeError("sizes must be ascending");
  }
  const multiplier = input.riskMultiplier ?? EXPECTED_ADVERSE_MOVE;
  const truncatedAt = input.truncatedAt ?? 20;
  const deepByVenue = new Map<VenueId, readonly Level[]>();
  for (const b of input.deepBooks ?? []) deepByVenue.set(b.venue, takenLevels(b, side));
  const sigma = input.sigmaPerSecond > 0 && Number.isFinite(input.sigmaPerSecond) ? input.sigmaPerSecond : 0;
  const buy = side === "buy";
  // One mutable venue record per spec, refilled for every state: no per-state allocation.
  const idOrder = specs.map((s) => s.venue).sort();
  const pool: (SweepVenue & { deepLevels: readonly Level[] | undefined })[] = specs.map((spec) => ({
    deepLevels: deepByVenue.get(spec.venue),
    venue: spec.venue,
    rank: idOrder.indexOf(spec.venue),
    levels: [],
    deeper: undefined,
    feeBps: spec.feeBps,
    latencyBps: moveRiskBps(sigma, spec.ackLatencyMs, multiplier),
    stalenessBps: 0,
    extraBps: spec.extraBps,
    lotSize: spec.lotSize,
    minQty: spec.minQty,
    minNotional: spec.minNotional,
  }));
  const poolByVenue = new Map<VenueId, (typeof pool)[number]>();
  for (const v of pool) poolByVenue.set(v.venue, v);
  const venues: SweepVenue[] = [];
  const outCost: number[] = [];
  const outFilled: number[] = [];

  /** Sweeps one state into outCost/outFilled; false when it has no usable mid. */
  const priceState = (state: BookState): boolean => {
    venues.length = 0;
    // The state's consolidated mid, found in the same pass (referenceMid() semantics).
    let bestBid = -Infinity;
    let bestAsk = Infinity;
    for (const book of state.books) {
      const taken = buy ? book.asks : book.bids;
      // The taken side packed (memoised per sample): its first pair is that side's touch.
      const packed = packLevels(taken);
      const other = touch(buy ? book.bids : book.asks);
      const bid = buy ? other : packed.length > 0 ? (packed[0] as number) : Number.NaN;
      const ask = buy ? (packed.length > 0 ? (packed[0] as number) : Number.NaN) : other;
      if (bid > bestBid) bestBid = bid;
      if (ask < bestAsk) bestAsk = ask;
      const v = poolByVenue.get(book.venue);
      if (!v) continue;
      const deep = taken.length >= truncatedAt ? v.deepLevels : undefined;
      v.levels = taken;
      v.packed = packed;
      v.deeper = deep !== taken ? deep : undefined;
      const age = state.tsMs - book.tsMs;
      v.stalenessBps = sigma > 0 && age > 0 ? sigma * Math.sqrt(age / 1000) * 1e4 * multiplier : 0;
      venues.push(v);
    }
    const mid = bestBid > 0 && bestAsk < Infinity ? (bestBid + bestAsk) / 2 : buy ? bestAsk : bestBid;
    if (!(mid > 0 && mid < Infinity)) return false;
    sweepCostsAtSizes(sweeper, venues, side, mid, sizes, outCost, outFilled);
    return true;
  };

  // The newest state first: its fill count sets the stride that keeps the total within budget.
  const n = states.length;
  const newest = n > 0 ? (states[n - 1] as BookState) : undefined;
  const newestOk = newest ? priceState(newest) : false;
  const newestCost = outCost.slice(0, sizes.length);
  const newestFilled = outFilled.slice(0, sizes.length);
  const perState = Math.max(1, sweeper.fillCount);
  const maxFills = input.maxFills ?? DEFAULT_MAX_SWEEP_FILLS;
  const stride = Math.max(1, Math.ceil((n * perState) / Math.max(1, maxFills)));

  const cost = sizes.map(() => new Float64Array(n));
  const filled = sizes.map(() => new Float64Array(n));
  const stateTimesMs: number[] = [];
  let count = 0;
  const keep = (c: readonly number[], f: readonly number[], tsMs: number) => {
    for (let k = 0; k < sizes.length; k++) {
      (cost[k] as Float64Array)[count] = c[k] as number;
      (filled[k] as Float64Array)[count] = f[k] as number;
    }
    stateTimesMs.push(tsMs);
    count++;
  };
  // Every stride-th state counting back from the newest, so the sample still spans the window.
  for (let i = (n - 1) % stride; i < n - 1; i += stride) {
    const state = states[i] as BookState;
    if (priceState(state)) keep(outCost, outFilled, state.tsMs);
  }
  if (newest && newestOk) keep(newestCost, newestFilled, newest.tsMs);
  return { side, sizes, cost, filled, count, stateTimesMs, statesConsidered: n, stride };
}
/** Best usable price of a side; NaN when none, which loses every comparison. */
function touch(levels: readonly Level[]): number {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i] as Level;
    if (l.qty > 0 && l.price > 0 && l.qty < Infinity && l.price < Infinity) return l.price;
  }
  return Number.NaN;
}

/** True when state i fills size k completely. */
export function isComplete(samples: SweepCostSamples, k: number, i: number): boolean {
  const size = samples.sizes[k] as number;
  return ((samples.filled[k] as Float64Array)[i] as number) >= size * (1 - 1e-12);
}
