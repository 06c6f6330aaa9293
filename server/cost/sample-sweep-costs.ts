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
 *
 * Each state is priced by price-book-state.ts: the greedy sweep's numbers (to float
 * rounding) without stepping through its fills, from per-state work a cache keeps across
 * calls (sweep-state-cache.ts) and a threshold search over cumulative ladders
 * (ladder-sweep.ts). Its cost hardly grows with the size, so every state is used for any
 * order: there is no fill budget by default (maxFills).
 */
import type { BookView, Level, VenueId } from "@/server/market-data/types";
import type { BookState } from "./align-book-states";
import { GreedySweeper } from "./greedy-sweep";
import { LadderSweep } from "./ladder-sweep";
import { StatePricer } from "./price-book-state";
import { EXPECTED_ADVERSE_MOVE } from "./risk-premium";
import { takenLevels, type Side } from "./side";
import type { QuantileMemo } from "./quantile-memo";
import type { SweepStateCache } from "./sweep-state-cache";
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
  /** States offered, before a fill budget (maxFills) thinned them. */
  statesConsidered: number;
  /** Every stride-th state was used (1 = all). */
  stride: number;
  /** Quantiles already solved, by size index and horizon term (cost-quantiles.ts). */
  quantileCache?: Map<string, unknown>;
  /** Quantiles of earlier, identical samples (the cache's quantile-memo.ts), when sampled with a cache. */
  memo?: QuantileMemo;
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
   * Budget of level fills over all states (default DEFAULT_MAX_SWEEP_FILLS: none). A fill
   * is a level the greedy sweep to the largest size would touch; past the budget every
   * k-th state is used (always including the newest), said in `stride`. The heap sweep
   * paid per fill, so this once capped large orders at 12 000 fills (12 of 60 states for
   * 50 BTC); the threshold search does not, and the default is now every state.
   */
  maxFills?: number;
  /**
   * Keeps per-state work across calls (sweep-state-cache.ts), keyed by state object: a
   * state must not be changed once passed (alignBookStates' states never are). Without one
   * every state is prepared afresh: the same numbers, just slower.
   */
  cache?: SweepStateCache;
}

const shared = new GreedySweeper();
/** Scratch for the threshold search; holds nothing from one call to the next. */
const search = new LadderSweep();

/** Default budget of level fills across all states (see maxFills): none. */
export const DEFAULT_MAX_SWEEP_FILLS = Number.POSITIVE_INFINITY;

export function sampleSweepCosts(input: SampleSweepCostsInput, sweeper: GreedySweeper = shared): SweepCostSamples {
  const { states, specs, side, sizes, cache } = input;
  for (let k = 1; k < sizes.length; k++) {
    if (!((sizes[k] as number) >= (sizes[k - 1] as number))) throw new RangeError("sizes must be ascending");
  }
  const deepByVenue = new Map<VenueId, readonly Level[]>();
  for (const b of input.deepBooks ?? []) deepByVenue.set(b.venue, takenLevels(b, side));
  const pricer = new StatePricer({
    specs,
    side,
    sizes,
    sigma: input.sigmaPerSecond > 0 && Number.isFinite(input.sigmaPerSecond) ? input.sigmaPerSecond : 0,
    multiplier: input.riskMultiplier ?? EXPECTED_ADVERSE_MOVE,
    deepByVenue,
    truncatedAt: input.truncatedAt ?? 20,
    cache,
    search,
    sweeper,
  });
  const outCost: number[] = [];
  const outFilled: number[] = [];
  const priceState = (state: BookState): boolean => pricer.price(state, outCost, outFilled);

  // The newest state first: with a fill budget, its fill count sets the stride.
  const n = states.length;
  const newest = n > 0 ? (states[n - 1] as BookState) : undefined;
  const newestOk = newest ? priceState(newest) : false;
  const newestCost = outCost.slice(0, sizes.length);
  const newestFilled = outFilled.slice(0, sizes.length);
  const perState = Math.max(1, pricer.fillCount);
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
  return { side, sizes, cost, filled, count, stateTimesMs, statesConsidered: n, stride, ...(cache ? { memo: cache.quantiles } : {}) };
}

/** True when state i fills size k completely. */
export function isComplete(samples: SweepCostSamples, k: number, i: number): boolean {
  const size = samples.sizes[k] as number;
  return ((samples.filled[k] as Float64Array)[i] as number) >= size * (1 - 1e-12);
}
