/**
 * Work on recent book states that outlives one forecast. The observation store adds one
 * sample per venue per second, so 59 of a forecast's ≤ 60 states are the same as in the
 * previous forecast, for every order size; this keeps what depends only on them, and each
 * piece is kept under exactly the inputs it depends on:
 *
 * - Per symbol and venue set, the previous call's states by second (AlignMemo): a second
 *   is reused as the same object only when every venue sample in it is the same object
 *   (align-book-states.ts checks), and samples are immutable.
 * - Per state object and side (WeakMap, so an entry lives exactly as long as its state):
 *   the consolidated mid and each venue's ladder with running totals and √age, functions
 *   of the state's immutable samples alone.
 * - Per state and side, the merged ladder (merged-ladder.ts) for one vector of per-venue
 *   fixed bps. Its merge order and scores depend on the samples, the mid and those fixed
 *   bps (fee + latency + staleness + extras, which carry σ, the risk multiplier, the fee
 *   tier, the latency choice, the extra penalties and which venues are in), and on nothing
 *   else; the vector is compared number by number on every use and the ladder rebuilt
 *   when any differs (σ moves once a second). Today's deeper books, which continue
 *   truncated samples, are not part of it: they change with every book update.
 * - Per state and side, that ladder merged again with today's deeper books (DeepMerge),
 *   kept while the same deeper ladders (by identity, i.e. the same book views) continue
 *   the samples.
 * - Per state and side, its last answer and the context it was for (SweepContext: every
 *   other input its prices depend on, deeper books included by identity). Contexts are
 *   compared field by field once per call and the cache hands out one object per distinct
 *   context, so the same context object means the same answer.
 * - The quantiles of the last few samples, by content (quantile-memo.ts).
 *
 * Bounded: the memo map keeps the 64 most recently used symbol / venue-set keys (LRU), the
 * last 8 contexts and 4 samples' quantiles; everything else hangs off state objects weakly
 * and goes with them. No timers; nothing here reads a clock. A forecast passes its cache
 * explicitly (ForecastCostOptions.cache) or shares the module's default one.
 */
import type { Level, VenueId } from "@/server/market-data/types";
import type { AlignMemo, BookState } from "./align-book-states";
import { cumulativeLadder, type CumulativeLadder } from "./cumulative-ladder";
import type { MergedLadder } from "./merged-ladder";
import { QuantileMemo } from "./quantile-memo";

/**
 * Everything besides the state that its prices depend on, for one call: side, σ, the risk
 * multiplier, the truncation level, the sizes, and per spec venue (in order) its fee,
 * latency bps, extra bps and today's deeper ladder (by identity). The cache hands out one
 * object per distinct value (SweepStateCache.context), so a state's last answer is still
 * the answer exactly when its context is the same object.
 */
export interface SweepContext {
  buy: boolean;
  sigma: number;
  multiplier: number;
  truncatedAt: number;
  sizes: Float64Array;
  venues: VenueId[];
  fee: Float64Array;
  latency: Float64Array;
  extra: Float64Array;
  deep: (CumulativeLadder | undefined)[];
}

/** The last answer for a state, from one side, and the context it was for. */
export interface StateAnswer {
  context: SweepContext;
  cost: Float64Array;
  filled: Float64Array;
  fills: number;
  /**
   * The threshold search's t* per size and positions per slot and size (ladder-sweep.ts),
   * from the last pricing that ran it, and the sizes they are for (undefined: none yet).
   */
  warm: Float64Array;
  hints: Int32Array;
  seedSizes: Float64Array | undefined;
}

/** One state seen from one side: everything about it that no forecast input changes. */
export interface StateSide {
  /** Consolidated mid (referenceMid() semantics); NaN when the state has none. */
  mid: number;
  /** Per book of the state: the taken side with running totals. */
  heads: CumulativeLadder[];
  /** Per book: the taken side's raw level count (the truncation test reads it). */
  takenLevels: Int32Array;
  /** Per book: the taken side's last usable price (NaN: none), where a deeper book takes over. */
  lastPrice: Float64Array;
  /** Per book: the deeper ladder last joined to it and from which level (packedFirstBeyond). */
  deepJoined: (CumulativeLadder | undefined)[];
  deepFrom: Int32Array;
  /** Per book: √(age / 1000 ms), the staleness factor (age = state time − sample time). */
  sqrtAge: Float64Array;
  /** Per book: the age is positive (no staleness otherwise). */
  aged: Uint8Array;
  venues: VenueId[];
  /** Per book: a small number standing for its venue (venueKey()). */
  venueKeys: Int32Array;
  /** Every head's prices run the side's way (a threshold can price it). */
  ordered: boolean;
  /** Times this state was priced from this side. */
  uses: number;
  /** Built for the fixed bps in `merged.fixed`; see the file comment. */
  merged: MergedLadder | undefined;
  /**
   * `merged` merged again with today's deeper books (`tails`, per book, by identity), built
   * once sizes beyond the samples are asked twice with the same ones (`searched`: the
   * first time, which the threshold search answered).
   */
  full: DeepMerge | undefined;
  searched: DeepMerge | undefined;
  last: StateAnswer | undefined;
}

/** A merged ladder and the deeper books joined to it (and, for `full`, the result). */
export interface DeepMerge {
  merged: MergedLadder;
  tails: (CumulativeLadder | undefined)[];
  ladder: MergedLadder | undefined;
}

const MAX_ALIGN_KEYS = 64;
const MAX_CONTEXTS = 2;

/**
 * Venue ids as small numbers, so a state's venues are matched to the call's specs by array
 * index instead of a map lookup per venue per state. Module-level and bounded by the venue
 * registry (a handful of ids, never removed).
 */
const venueKeys = new Map<VenueId, number>();

export function venueKey(venue: VenueId): number {
  let key = venueKeys.get(venue);
  if (key === undefined) {
    key = venueKeys.size;
    venueKeys.set(venue, key);
  }
  return key;
}

export class SweepStateCache {
  /** Quantiles of recent samples, for a forecast that brings the same one (quantile-memo.ts). */
  readonly quantiles = new QuantileMemo();
  private readonly sides = new WeakMap<BookState, [StateSide | undefined, StateSide | undefined]>();
  private readonly aligns = new Map<string, AlignMemo>();
  /** Recent distinct contexts, most recent first. */
  private readonly contexts: SweepContext[] = [];

  /** The kept context equal to `context`, or `context` itself (now kept). */
  context(context: SweepContext): SweepContext {
    const kept = this.contexts;
    for (let i = 0; i < kept.length; i++) {
      const c = kept[i] as SweepContext;
      if (!sameContext(c, context)) continue;
      if (i > 0) {
        kept.splice(i, 1);
        kept.unshift(c);
      }
      return c;
    }
    kept.unshift(context);
    if (kept.length > MAX_CONTEXTS) kept.pop();
    return context;
  }

  /** The state-reuse memo for a symbol and venue set (and alignment parameters) in `key`. */
  alignMemo(key: string): AlignMemo {
    let memo = this.aligns.get(key);
    if (memo) {
      // Most recently used last.
      this.aligns.delete(key);
    } else {
      memo = { firstSlot: 0, bySlot: [] };
      if (this.aligns.size >= MAX_ALIGN_KEYS) {
        const oldest = this.aligns.keys().next().value;
        if (oldest !== undefined) this.aligns.delete(oldest);
      }
    }
    this.aligns.set(key, memo);
    return memo;
  }

  /** The state seen from a side, prepared once per state object. */
  side(state: BookState, buy: boolean): StateSide {
    let pair = this.sides.get(state);
    if (!pair) {
      pair = [undefined, undefined];
      this.sides.set(state, pair);
    }
    const i = buy ? 0 : 1;
    let side = pair[i];
    if (!side) {
      side = prepareSide(state, buy);
      pair[i] = side;
    }
    return side;
  }
}

/** The default cache forecastCost shares when the caller passes none (bounded, see above). */
export const defaultSweepCache = new SweepStateCache();

/** A state's side without a cache: for one-off pricing. */
export function prepareSide(state: BookState, buy: boolean): StateSide {
  const books = state.books;
  const n = books.length;
  const heads: CumulativeLadder[] = [];
  const takenLevels = new Int32Array(n);
  const lastPrice = new Float64Array(n);
  const sqrtAge = new Float64Array(n);
  const aged = new Uint8Array(n);
  const venues: VenueId[] = [];
  const keys = new Int32Array(n);
  let bestBid = -Infinity;
  let bestAsk = Infinity;
  let ordered = true;
  for (let j = 0; j < n; j++) {
    const book = books[j] as BookState["books"][number];
    const taken = buy ? book.asks : book.bids;
    const head = cumulativeLadder(taken);
    heads.push(head);
    venues.push(book.venue);
    keys[j] = venueKey(book.venue);
    takenLevels[j] = taken.length;
    lastPrice[j] = head.levels > 0 ? (head.packed[2 * head.levels - 2] as number) : Number.NaN;
    const age = state.tsMs - book.tsMs;
    aged[j] = age > 0 ? 1 : 0;
    sqrtAge[j] = age > 0 ? Math.sqrt(age / 1000) : 0;
    if (!(buy ? head.ascending : head.descending)) ordered = false;
    // The taken side's first usable level is its touch; the other side's is read directly.
    const packed = head.packed;
    const other = touch(buy ? book.bids : book.asks);
    const bid = buy ? other : packed.length > 0 ? (packed[0] as number) : Number.NaN;
    const ask = buy ? (packed.length > 0 ? (packed[0] as number) : Number.NaN) : other;
    if (bid > bestBid) bestBid = bid;
    if (ask < bestAsk) bestAsk = ask;
  }
  const mid = bestBid > 0 && bestAsk < Infinity ? (bestBid + bestAsk) / 2 : buy ? bestAsk : bestBid;
  return {
    mid: mid > 0 && mid < Infinity ? mid : Number.NaN,
    heads,
    takenLevels,
    lastPrice,
    deepJoined: new Array<CumulativeLadder | undefined>(n).fill(undefined),
    deepFrom: new Int32Array(n),
    sqrtAge,
    aged,
    venues,
    venueKeys: keys,
    ordered,
    uses: 0,
    merged: undefined,
    full: undefined,
    searched: undefined,
    last: undefined,
  };
}

function sameContext(a: SweepContext, b: SweepContext): boolean {
  if (a.buy !== b.buy || !Object.is(a.sigma, b.sigma) || !Object.is(a.multiplier, b.multiplier) || a.truncatedAt !== b.truncatedAt) return false;
  if (!sameNumbers(a.sizes, b.sizes) || !sameNumbers(a.fee, b.fee) || !sameNumbers(a.latency, b.latency) || !sameNumbers(a.extra, b.extra)) return false;
  const n = a.venues.length;
  if (b.venues.length !== n) return false;
  for (let i = 0; i < n; i++) if (a.venues[i] !== b.venues[i] || a.deep[i] !== b.deep[i]) return false;
  return true;
}

function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  // Object.is, so NaN matches NaN and nothing else.
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Best usable price of a side; NaN when none, which loses every comparison. */
function touch(levels: readonly Level[]): number {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i] as Level;
    if (l.qty > 0 && l.price > 0 && l.qty < Infinity && l.price < Infinity) return l.price;
  }
  return Number.NaN;
}
