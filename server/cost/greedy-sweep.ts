/**
 * The multi-venue greedy sweep kernel: take liquidity best-score-first across venues until
 * the quantity is filled or the books run out. A level's score (bps) is its price cost vs
 * the reference mid plus the venue's per-unit terms (taker fee, latency risk, staleness,
 * any extra penalties). Within a venue scores only worsen with depth, so the heap holds one
 * entry per venue (its next level) and popping the minimum is the k-way merge of all
 * per-level candidates: the same order as pushing every level, at O(levels · log venues).
 *
 * Greedy is optimal here: with per-unit costs that are non-decreasing along each venue's
 * book, filling the cheapest units first minimises the total (an exchange argument; it is
 * the solution of the separable convex allocation, cf. Ibaraki & Katoh 1988, "Resource
 * Allocation Problems", ch. 4). Min sizes and lots make it non-convex; allocate-sweep.ts
 * handles those around this kernel.
 *
 * Ties: equal scores go to the venue whose id sorts first, so the answer never depends on
 * input order.
 */
import type { Level, VenueId } from "@/server/market-data/types";
import { IndexMinHeap } from "./min-heap";
import { packedFirstBeyond, packLevels } from "./packed-levels";
import type { Side } from "./side";

export interface SweepVenue {
  venue: VenueId;
  /** Levels on the side being taken, best first. */
  levels: readonly Level[];
  /** `levels` already packed (packLevels), when the caller has it: saves a lookup per run. */
  packed?: Float64Array | undefined;
  /**
   * Deeper levels that continue `levels` (e.g. today's book beyond the last level of a
   * historical top-N sample), so no spliced copy is needed: taken from the first level
   * strictly worse than the last of `levels`, looked up only if the sweep gets that deep.
   */
  deeper?: readonly Level[] | undefined;
  feeBps: number;
  latencyBps: number;
  stalenessBps: number;
  /** Named extra per-unit penalties in bps (router versions: adverse selection, rejects, ...). */
  extraBps?: Readonly<Record<string, number>>;
  /** 0 = any quantity. */
  lotSize: number;
  minQty: number;
  minNotional: number;
  /** Most this venue may take (balance, venue limit); default unlimited. */
  maxQty?: number;
  /**
   * Tie-break rank (lower wins equal scores). Default: the order of venue ids. Callers that
   * sweep the same venues many times set it once instead of having every run sort ids.
   */
  rank?: number;
}

export function venueFixedBps(v: SweepVenue): number {
  let extra = 0;
  if (v.extraBps) for (const k in v.extraBps) extra += v.extraBps[k] as number;
  return v.feeBps + v.latencyBps + v.stalenessBps + extra;
}

/**
 * A venue's whole ladder as packed [price, qty] pairs (packed-levels.ts): its levels, then
 * the deeper levels beyond them. Copies only when there is a deeper book to splice.
 */
export function venueLadder(v: SweepVenue, buy: boolean): Float64Array {
  const head = packLevels(v.levels);
  if (!v.deeper) return head;
  const deep = packLevels(v.deeper);
  const tail = deep.subarray(2 * packedFirstBeyond(deep, head, buy));
  const out = new Float64Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/**
 * Reusable sweep state. One instance serves many runs (the distribution sweeps up to 60
 * book states), so its typed arrays are grown once and overwritten, not reallocated.
 *
 * The loop takes the top venue's levels in a run for as long as they stay ahead of the
 * runner-up venue, and only then touches the heap: the same best-first order, with a heap
 * operation per change of venue instead of per level.
 */
export class GreedySweeper {
  /** Per venue after run(): quantity taken and its notional. */
  alloc = new Float64Array(8);
  notional = new Float64Array(8);
  /** The fill sequence of the last run with recordFills: venue index, qty, price, score. */
  fillVenue = new Int32Array(256);
  fillQty = new Float64Array(256);
  fillPrice = new Float64Array(256);
  fillScore = new Float64Array(256);
  fillCount = 0;

  private pos = new Int32Array(8);
  private left = new Float64Array(8);
  private price = new Float64Array(8);
  private score = new Float64Array(8);
  private fixed = new Float64Array(8);
  private cap = new Float64Array(8);
  private rank = new Int32Array(8);
  private deepStart = new Int32Array(8);
  private readonly order: number[] = [];
  private readonly heads: Float64Array[] = [];
  private readonly deeps: (Float64Array | undefined)[] = [];
  private heap = new IndexMinHeap(this.score, this.rank);

  /**
   * Sweeps `qty` over the venues not excluded; returns the quantity left unfilled (0 when
   * the books and caps sufficed). `mid` must be positive.
   */
  run(
    venues: readonly SweepVenue[],
    side: Side,
    mid: number,
    qty: number,
    excluded?: ArrayLike<number>,
    recordFills = false,
  ): number {
    const n = venues.length;
    if (n > this.pos.length) this.grow(n);
    this.rankVenues(venues);
    const heap = this.heap;
    heap.clear();
    this.fillCount = 0;
    const buy = side === "buy";
    const sign = buy ? 1e4 / mid : -1e4 / mid;
    const { alloc, notional, pos, left, price, score, fixed, cap, rank, deepStart, heads, deeps } = this;
    for (let v = 0; v < n; v++) {
      const venue = venues[v] as SweepVenue;
      alloc[v] = 0;
      notional[v] = 0;
      fixed[v] = venueFixedBps(venue);
      cap[v] = venue.maxQty ?? Infinity;
      heads[v] = venue.packed ?? packLevels(venue.levels);
      deeps[v] = venue.deeper ? packLevels(venue.deeper) : undefined;
      deepStart[v] = -1;
      pos[v] = -1;
      if (excluded && excluded[v]) continue;
      if (!((cap[v] as number) > 0)) continue;
      if (this.advance(v, buy, sign, mid)) heap.push(v);
    }
    if (recordFills) this.reserveFills(heads, deeps, n);
    const { fillVenue, fillQty, fillPrice, fillScore } = this;
    let fills = 0;
    let remaining = qty;
    while (remaining > 0 && heap.size > 0) {
      const v = heap.peek();
      const r = heap.second();
      const boundKey = r < 0 ? Infinity : (score[r] as number);
      const boundRank = r < 0 ? 0 : (rank[r] as number);
      const vRank = rank[v] as number;
      const room0 = cap[v] as number;
      // v's running totals live in locals while it stays on top.
      let a = alloc[v] as number;
      let cash = notional[v] as number;
      let exhausted = false;
      // Take v's levels while they stay ahead of the runner-up.
      for (;;) {
        const room = room0 - a;
        const l = left[v] as number;
        let take = l < remaining ? l : remaining;
        if (room < take) take = room;
        if (take > 0) {
          const p = price[v] as number;
          a += take;
          cash += take * p;
          remaining -= take;
          left[v] = l - take;
          if (recordFills) {
            fillVenue[fills] = v;
            fillQty[fills] = take;
            fillPrice[fills] = p;
            fillScore[fills] = score[v] as number;
            fills++;
          }
        }
        if (room - take <= 0 || (l - take <= 0 && !this.advance(v, buy, sign, mid))) {
          exhausted = true;
          break;
        }
        if (remaining <= 0) break;
        const sc = score[v] as number;
        if (!(sc < boundKey || (sc === boundKey && vRank < boundRank))) break;
      }
      alloc[v] = a;
      notional[v] = cash;
      if (exhausted) heap.pop();
      else heap.replaceTop(v);
    }
    this.fillCount = fills;
    return remaining;
  }

  /** Fill buffers large enough for every level the run could touch. */
  private reserveFills(heads: readonly Float64Array[], deeps: readonly (Float64Array | undefined)[], n: number): void {
    let levels = 0;
    for (let v = 0; v < n; v++) levels += ((heads[v] as Float64Array).length + (deeps[v]?.length ?? 0)) >> 1;
    if (levels <= this.fillQty.length) return;
    const size = Math.max(levels, this.fillQty.length * 2);
    this.fillVenue = new Int32Array(size);
    this.fillQty = new Float64Array(size);
    this.fillPrice = new Float64Array(size);
    this.fillScore = new Float64Array(size);
  }

  /** Moves venue v to its next level; false when its book is exhausted. */
  private advance(v: number, buy: boolean, sign: number, mid: number): boolean {
    const head = this.heads[v] as Float64Array;
    const j = (this.pos[v] as number) + 1;
    const headLevels = head.length >> 1;
    let p: number;
    let q: number;
    if (j < headLevels) {
      p = head[2 * j] as number;
      q = head[2 * j + 1] as number;
    } else {
      const deep = this.deeps[v];
      if (!deep) return false;
      if ((this.deepStart[v] as number) < 0) this.deepStart[v] = packedFirstBeyond(deep, head, buy);
      const k = (this.deepStart[v] as number) + j - headLevels;
      if (2 * k >= deep.length) return false;
      p = deep[2 * k] as number;
      q = deep[2 * k + 1] as number;
    }
    this.pos[v] = j;
    this.left[v] = q;
    this.price[v] = p;
    this.score[v] = (p - mid) * sign + (this.fixed[v] as number);
    return true;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.pos.length * 2);
    this.alloc = new Float64Array(size);
    this.notional = new Float64Array(size);
    this.pos = new Int32Array(size);
    this.left = new Float64Array(size);
    this.price = new Float64Array(size);
    this.score = new Float64Array(size);
    this.fixed = new Float64Array(size);
    this.cap = new Float64Array(size);
    this.rank = new Int32Array(size);
    this.deepStart = new Int32Array(size);
    this.heap = new IndexMinHeap(this.score, this.rank);
  }

  private rankVenues(venues: readonly SweepVenue[]): void {
    let given = true;
    for (let i = 0; i < venues.length && given; i++) {
      const r = (venues[i] as SweepVenue).rank;
      if (r === undefined) given = false;
      else this.rank[i] = r;
    }
    if (given) return;
    const order = this.order;
    order.length = venues.length;
    for (let i = 0; i < venues.length; i++) order[i] = i;
    // Insertion sort: seven venues, no allocation.
    for (let i = 1; i < order.length; i++) {
      const x = order[i] as number;
      const id = (venues[x] as SweepVenue).venue;
      let j = i - 1;
      while (j >= 0 && (venues[order[j] as number] as SweepVenue).venue > id) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = x;
    }
    for (let r = 0; r < order.length; r++) this.rank[order[r] as number] = r;
  }
}
