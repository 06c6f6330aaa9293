/**
 * Prices one book state at every size for the distribution (sample-sweep-costs.ts): the
 * all-in cost of sweeping each size through the state's venue samples, continued with
 * today's deeper books where a sample is truncated. Every route below gives the greedy
 * sweep's numbers (greedy-sweep.ts → sweep-ladder.ts) to float rounding:
 *
 * 1. Asked before (with a cache): the same state in the same context (side, σ, fees,
 *    latencies, deeper books by identity, sizes: SweepContext) → last time's answer, copied.
 * 2. Seen before: the state's venues merged once into one ladder in score order
 *    (merged-ladder.ts), kept while σ and the fees stay the same, so a size is a binary
 *    search. That answer stands while the marginal level scores no more than the last
 *    sampled level of any truncated venue: beyond it, a deeper level could come first.
 * 3. Beyond that bound, asked again with the same deeper books: that ladder merged once
 *    more with the deeper books (lazily, as deep as asked), again a binary search.
 * 4. Otherwise (first sight of a state, or of its deeper books): the threshold search
 *    (ladder-sweep.ts) over the merged ladder (or the venues' samples) plus each truncated
 *    venue's deeper book from where its sample stops, seeded with this state's t* from
 *    its last pricing (interpolated when the sizes differ), else the previous state's.
 * 5. A ladder whose prices are out of order (never seen from a real book): the heap sweep,
 *    which walks levels in array order.
 *
 * Routes 2 and 3 wait for a second sighting because the first may be the last: a merge
 * costs what the old sweep did, and pays off only over repeated forecasts.
 *
 * One pricer serves one call (one side, σ, set of specs, deeper books and sizes).
 */
import type { Level } from "@/server/market-data/types";
import type { BookState } from "./align-book-states";
import { cumulativeLadder, type CumulativeLadder } from "./cumulative-ladder";
import type { GreedySweeper, SweepVenue } from "./greedy-sweep";
import type { LadderSweep } from "./ladder-sweep";
import { MergedLadder } from "./merged-ladder";
import { packedFirstBeyond } from "./packed-levels";
import { moveRiskBps } from "./risk-premium";
import type { Side } from "./side";
import { sweepCostsAtSizes } from "./sweep-ladder";
import { prepareSide, venueKey, type StateAnswer, type StateSide, type SweepContext, type SweepStateCache } from "./sweep-state-cache";
import type { VenueCostSpec } from "./venue-cost-spec";

/** A spec's venue for this call; its SweepVenue fields serve the heap-sweep fallback. */
interface PoolVenue extends SweepVenue {
  /** Index in specs: threshold-search slots 2·index (sample) and 2·index + 1 (deeper book). */
  index: number;
  /** Σ extraBps, summed as venueFixedBps sums it. */
  extraSum: number;
  /** Today's full side, continuing truncated samples. */
  deepLevels: readonly Level[] | undefined;
  deepLadder: CumulativeLadder | undefined;
}

export interface StatePricerInput {
  specs: readonly VenueCostSpec[];
  side: Side;
  sizes: readonly number[];
  /** σ per √s (0 when unusable) and the risk multiplier. */
  sigma: number;
  multiplier: number;
  /** Today's taken side per venue, continuing truncated samples. */
  deepByVenue: ReadonlyMap<string, readonly Level[]>;
  truncatedAt: number;
  cache: SweepStateCache | undefined;
  search: LadderSweep;
  sweeper: GreedySweeper;
}

export class StatePricer {
  /** Levels the greedy sweep to the largest size would have filled in the last state priced. */
  fillCount = 0;

  private readonly buy: boolean;
  private readonly poolByKey: (PoolVenue | undefined)[] = [];
  private readonly deepOrdered: boolean;
  private readonly mergedSlot: number;
  private readonly context: SweepContext;
  // Per book of the state being priced: its venue (undefined: no spec, left out), fixed
  // bps, and today's deeper ladder if it continues the book's sample.
  private readonly bookVenue: (PoolVenue | undefined)[] = [];
  private fixed = new Float64Array(8);
  private readonly tails: (CumulativeLadder | undefined)[] = [];
  /** The answer of the state priced last (any route), and whether the search ran on it. */
  private previous: StateAnswer | undefined;
  private searched = false;

  constructor(private readonly input: StatePricerInput) {
    const { specs, sigma, multiplier, side } = input;
    this.buy = side === "buy";
    const idOrder = specs.map((s) => s.venue).sort();
    const m = specs.length;
    const context: SweepContext = {
      buy: this.buy,
      sigma,
      multiplier,
      truncatedAt: input.truncatedAt,
      sizes: Float64Array.from(input.sizes),
      venues: [],
      fee: new Float64Array(m),
      latency: new Float64Array(m),
      extra: new Float64Array(m),
      deep: [],
    };
    let deepOrdered = true;
    specs.forEach((spec, index) => {
      const deepLevels = input.deepByVenue.get(spec.venue);
      const deepLadder = deepLevels ? cumulativeLadder(deepLevels) : undefined;
      if (deepLadder && !(this.buy ? deepLadder.ascending : deepLadder.descending)) deepOrdered = false;
      const v: PoolVenue = {
        index,
        extraSum: extraSum(spec.extraBps),
        deepLevels,
        deepLadder,
        venue: spec.venue,
        rank: idOrder.indexOf(spec.venue),
        levels: [],
        feeBps: spec.feeBps,
        latencyBps: moveRiskBps(sigma, spec.ackLatencyMs, multiplier),
        stalenessBps: 0,
        extraBps: spec.extraBps,
        lotSize: spec.lotSize,
        minQty: spec.minQty,
        minNotional: spec.minNotional,
      };
      this.poolByKey[venueKey(spec.venue)] = v;
      context.venues.push(spec.venue);
      context.fee[index] = v.feeBps;
      context.latency[index] = v.latencyBps;
      context.extra[index] = v.extraSum;
      context.deep.push(deepLadder);
    });
    this.deepOrdered = deepOrdered;
    this.mergedSlot = 2 * m;
    this.context = input.cache ? input.cache.context(context) : context;
    input.search.resetHints(this.mergedSlot + 1, input.sizes.length);
  }

  /** Prices `state` into outCost/outFilled (by size index); false when it has no usable mid. */
  price(state: BookState, outCost: number[], outFilled: number[]): boolean {
    const { cache, sizes, truncatedAt, sigma, multiplier } = this.input;
    const buy = this.buy;
    const prep = cache ? cache.side(state, buy) : prepareSide(state, buy);
    const mid = prep.mid;
    if (!(mid > 0)) return false;
    // Whether the search's seeds are the previous state's own (it ran on that state).
    const searchedLast = this.searched;
    this.searched = false;
    const last = prep.last;
    if (last && last.context === this.context) {
      for (let k = 0; k < sizes.length; k++) {
        outCost[k] = last.cost[k] as number;
        outFilled[k] = last.filled[k] as number;
      }
      this.fillCount = last.fills;
      this.previous = last;
      return true;
    }
    const n = prep.heads.length;
    if (this.fixed.length < n) this.fixed = new Float64Array(2 * n);
    const { fixed, bookVenue, tails } = this;
    bookVenue.length = n;
    tails.length = n;
    let ordered = prep.ordered;
    for (let j = 0; j < n; j++) {
      const v = this.poolByKey[prep.venueKeys[j] as number];
      bookVenue[j] = v;
      tails[j] = undefined;
      if (!v) {
        fixed[j] = Number.NaN;
        continue;
      }
      // venueFixedBps's sum, in its order; staleness as the sweep's caller computes it.
      const staleness = sigma > 0 && prep.aged[j] ? sigma * (prep.sqrtAge[j] as number) * 1e4 * multiplier : 0;
      fixed[j] = v.feeBps + v.latencyBps + staleness + v.extraSum;
      const deep = (prep.takenLevels[j] as number) >= truncatedAt ? v.deepLadder : undefined;
      if (deep && deep !== prep.heads[j]) {
        tails[j] = deep;
        ordered &&= this.deepOrdered;
      }
    }
    if (!ordered) {
      this.fillCount = this.sweepState(prep, mid, outCost, outFilled);
      this.previous = undefined;
      return true;
    }
    const sign = buy ? 1e4 / mid : -1e4 / mid;
    // A state's first pricing goes straight to the search; merging pays off from the second.
    const merged = cache && prep.uses++ > 0 ? this.mergedFor(prep, mid, sign) : undefined;
    let k = 0;
    if (merged) {
      // Below this score no deeper level can come before a sampled one.
      let bound = Infinity;
      for (let j = 0; j < n; j++) {
        if (!tails[j]) continue;
        const lastPrice = prep.lastPrice[j] as number;
        const lastScore = lastPrice === lastPrice ? (lastPrice - mid) * sign + (fixed[j] as number) : -Infinity;
        if (lastScore < bound) bound = lastScore;
      }
      k = merged.costsAtSizes(sizes, bound, outCost, outFilled);
      this.fillCount = merged.fillCount;
      const full = k < sizes.length ? this.fullFor(prep, merged, mid, sign) : undefined;
      if (full) {
        k = full.costsAtSizes(sizes, Infinity, outCost, outFilled, k);
        this.fillCount = full.fillCount;
      }
    }
    if (k < sizes.length) this.search(prep, merged, mid, sign, k, searchedLast, outCost, outFilled);
    if (cache) this.remember(prep, outCost, outFilled);
    this.previous = prep.last;
    return true;
  }

  /** The state's merged ladder for this call's fixed bps (rebuilt in place when any differs). */
  private mergedFor(prep: StateSide, mid: number, sign: number): MergedLadder {
    const n = prep.heads.length;
    const merged = prep.merged;
    if (merged && sameFixed(merged.fixed, this.fixed, n)) return merged;
    if (!merged) {
      prep.merged = new MergedLadder(prep.heads, this.fixed.slice(0, n), mid, sign);
      return prep.merged;
    }
    merged.reset(prep.heads, this.fixed.slice(0, n), mid, sign);
    // Same object, other content: what was merged with it is stale.
    prep.full = undefined;
    prep.searched = undefined;
    return merged;
  }

  /**
   * The state's merged ladder merged with today's deeper books, when this is the second
   * pricing with the same ones (the first is left to the threshold search: the books may
   * change before they are asked again, and a merge to 8× a large order is the old sweep's
   * cost); undefined otherwise.
   */
  private fullFor(prep: StateSide, merged: MergedLadder, mid: number, sign: number): MergedLadder | undefined {
    const tails = this.tails;
    const full = prep.full;
    if (full && full.merged === merged && sameTails(full.tails, tails)) return full.ladder;
    const seen = prep.searched;
    if (!seen || seen.merged !== merged || !sameTails(seen.tails, tails)) {
      prep.searched = { merged, tails: tails.slice(), ladder: undefined };
      return undefined;
    }
    merged.complete();
    const sources: CumulativeLadder[] = [merged.ladder];
    const mids = [0];
    const signs = [1];
    const fixed = [0];
    const from = [0];
    for (let j = 0; j < tails.length; j++) {
      const deep = tails[j];
      if (!deep) continue;
      sources.push(deep);
      mids.push(mid);
      signs.push(sign);
      fixed.push(this.fixed[j] as number);
      from.push(this.deepFromOf(prep, j, deep));
    }
    // The previous deeper merge's arrays, if any, are reused (rebuilt in place).
    const args = [sources, Float64Array.from(fixed), Float64Array.from(mids), Float64Array.from(signs), Int32Array.from(from)] as const;
    const ladder = full?.ladder ?? new MergedLadder(...args);
    if (full?.ladder) ladder.reset(...args);
    prep.full = { merged, tails: tails.slice(), ladder };
    return ladder;
  }

  /** Where today's deeper book continues book j's sample: kept per state while that book is the same. */
  private deepFromOf(prep: StateSide, j: number, deep: CumulativeLadder): number {
    if (prep.deepJoined[j] !== deep) {
      prep.deepJoined[j] = deep;
      prep.deepFrom[j] = packedFirstBeyond(deep.packed, (prep.heads[j] as CumulativeLadder).packed, this.buy);
    }
    return prep.deepFrom[j] as number;
  }

  /** Sizes k0… by the threshold search over the merged ladder (or the samples) and the deeper books. */
  private search(
    prep: StateSide,
    merged: MergedLadder | undefined,
    mid: number,
    sign: number,
    k0: number,
    searchedLast: boolean,
    outCost: number[],
    outFilled: number[],
  ): void {
    const { search } = this.input;
    const { bookVenue, fixed, tails } = this;
    search.begin();
    if (merged) {
      merged.complete();
      search.add(this.mergedSlot, merged.ladder, 0, 0, 1, 0);
    }
    for (let j = 0; j < bookVenue.length; j++) {
      const v = bookVenue[j];
      if (!v) continue;
      const f = fixed[j] as number;
      const head = prep.heads[j] as CumulativeLadder;
      if (!merged) search.add(2 * v.index, head, 0, mid, sign, f);
      const deep = tails[j];
      if (deep) search.add(2 * v.index + 1, deep, this.deepFromOf(prep, j, deep), mid, sign, f);
    }
    // Seeds: this state's own t* from its last pricing (for other sizes: interpolated)
    // beat the previous state's, which are in the search already if it ran on that one.
    const own = prep.last;
    const sizes = this.context.sizes;
    if (own?.seedSizes && sameSizes(own.seedSizes, sizes)) search.seedFrom(own.warm, own.hints);
    else if (own?.seedSizes) search.seedBetween(own.seedSizes, own.warm, own.hints, this.input.sizes);
    else if (!searchedLast && this.previous?.seedSizes && sameSizes(this.previous.seedSizes, sizes)) search.seedFrom(this.previous.warm, this.previous.hints);
    search.costsAtSizes(this.input.sizes, k0, outCost, outFilled);
    this.fillCount = search.fillCount;
    this.searched = true;
  }

  /** Keeps this pricing on the state for the next call (see StateAnswer). */
  private remember(prep: StateSide, outCost: number[], outFilled: number[]): void {
    const m = this.context.sizes.length;
    const [warmLength, hintsLength] = this.input.search.seedLengths;
    let last = prep.last;
    if (!last || last.cost.length !== m || last.warm.length !== warmLength || last.hints.length !== hintsLength) {
      // (A new record: seeds of another layout are dropped with the old one.)
      last = {
        context: this.context,
        cost: new Float64Array(m),
        filled: new Float64Array(m),
        fills: 0,
        warm: new Float64Array(warmLength),
        hints: new Int32Array(hintsLength),
        seedSizes: undefined,
      };
      prep.last = last;
    }
    last.context = this.context;
    for (let k = 0; k < m; k++) {
      last.cost[k] = outCost[k] as number;
      last.filled[k] = outFilled[k] as number;
    }
    last.fills = this.fillCount;
    // Seeds only from a search on this state (the search's arrays hold another's otherwise).
    if (this.searched) {
      this.input.search.seedTo(last.warm, last.hints);
      last.seedSizes = this.context.sizes;
    }
  }

  /**
   * The heap sweep for a state whose ladders are out of price order: it takes each venue's
   * levels in array order, which a threshold cannot express. Returns its fill count.
   */
  private sweepState(prep: StateSide, mid: number, outCost: number[], outFilled: number[]): number {
    const { sigma, multiplier, sweeper, side, sizes } = this.input;
    const venues: SweepVenue[] = [];
    for (let j = 0; j < prep.heads.length; j++) {
      const v = this.bookVenue[j];
      if (!v) continue;
      v.packed = (prep.heads[j] as CumulativeLadder).packed;
      v.deeper = this.tails[j] ? v.deepLevels : undefined;
      v.stalenessBps = sigma > 0 && prep.aged[j] ? sigma * (prep.sqrtAge[j] as number) * 1e4 * multiplier : 0;
      venues.push(v);
    }
    sweepCostsAtSizes(sweeper, venues, side, mid, sizes, outCost, outFilled);
    return sweeper.fillCount;
  }
}

function sameFixed(a: Float64Array, b: Float64Array, n: number): boolean {
  if (a.length !== n) return false;
  // Object.is: a venue left out (NaN) must match a venue left out.
  for (let j = 0; j < n; j++) if (!Object.is(a[j], b[j])) return false;
  return true;
}

function sameTails(a: readonly (CumulativeLadder | undefined)[], b: readonly (CumulativeLadder | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

function sameSizes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

function extraSum(extra: Readonly<Record<string, number>> | undefined): number {
  let sum = 0;
  if (extra) for (const k in extra) sum += extra[k] as number;
  return sum;
}
