/**
 * One book state's venue ladders merged into a single ladder in score order: entry j is a
 * level's all-in score (price cost vs the state's mid + its venue's fixed bps) and its
 * quantity, with running totals. It is the greedy sweep's fill sequence written down once
 * (same best-score-first order, greedy-sweep.ts), so the cost of any size is one binary
 * search: the same numbers as sweeping again, regrouped sums aside.
 *
 * Built lazily, only as deep as requests have needed, and kept by the sweep cache
 * (sweep-state-cache.ts) for as long as the scores it was built with hold: it depends on
 * the ladders merged (a state's samples, and today's deeper books where those continue
 * them), the state's mid and the fixed bps per venue, and on nothing else (not the order
 * size, nor the minimum sizes and lots, which the distribution ignores as documented in
 * sweep-ladder.ts).
 *
 * The layout is a CumulativeLadder's with x = score (packed [score, qty] pairs, running
 * quantity and Σ q·(score − score₀)), so the threshold search (ladder-sweep.ts) can take
 * the merged ladder as one of its ladders with mid 0, sign 1, fixed 0.
 */
import type { CumulativeLadder } from "./cumulative-ladder";

/** Entries a merged ladder has room for from the start: 7 venues' top-20 samples. */
const INITIAL_ROOM = 160;

export class MergedLadder {
  /** The merged entries so far, `ladder.levels` of them (extendTo(), complete() and costsAtSizes() add more). */
  readonly ladder: CumulativeLadder = {
    packed: new Float64Array(0),
    levels: 0,
    qty: new Float64Array(1),
    cost: new Float64Array(1),
    ascending: true,
    descending: false,
  };
  /** Every source level is merged. */
  done = false;
  /** Entries the last costsAtSizes() took for its last size answered (the sweep's fillCount). */
  fillCount = 0;
  /** Per source, the fixed bps it was built with (the cache compares it: sweep-state-cache.ts). */
  fixed: Float64Array = new Float64Array(0);

  private sources: readonly CumulativeLadder[] = [];
  private pos = new Int32Array(0);
  private next = new Float64Array(0);
  private mids = new Float64Array(0);
  private signs = new Float64Array(0);

  /** See reset(). */
  constructor(sources: readonly CumulativeLadder[], fixed: Float64Array, mid: number | Float64Array, sign: number | Float64Array, from?: Int32Array) {
    this.reset(sources, fixed, mid, sign, from);
  }

  /**
   * Starts over on new sources or scores, keeping the arrays: a state's ladder is rebuilt
   * every time σ moves, and reallocating 60 states' ladders a second is garbage the
   * collector then has to chase.
   *
   * @param sources ladders whose entries' scores never fall along them (the caller checks)
   * @param fixed per source, the fixed bps on every entry (NaN: leave the source out)
   * @param mid per source (or one for all), the reference its entries are scored against
   * @param sign per source (or one for all): score = (x − mid)·sign + fixed
   * @param from per source, the first entry to merge (default 0)
   */
  reset(sources: readonly CumulativeLadder[], fixed: Float64Array, mid: number | Float64Array, sign: number | Float64Array, from?: Int32Array): void {
    const n = sources.length;
    this.sources = sources;
    this.fixed = fixed;
    if (this.pos.length !== n) {
      this.pos = new Int32Array(n);
      this.next = new Float64Array(n);
      this.mids = new Float64Array(n);
      this.signs = new Float64Array(n);
    }
    let capacity = 0;
    for (let j = 0; j < n; j++) {
      this.pos[j] = from ? (from[j] as number) : 0;
      this.mids[j] = typeof mid === "number" ? mid : (mid[j] as number);
      this.signs[j] = typeof sign === "number" ? sign : (sign[j] as number);
      capacity += Math.max(0, (sources[j] as CumulativeLadder).levels - (this.pos[j] as number));
    }
    // Room for a typical state's samples at once (a deeper merge grows as asked), so that
    // merging rarely reallocates, but never room for levels nobody asked for.
    const L = this.ladder;
    const room = Math.min(capacity, INITIAL_ROOM);
    if (L.packed.length < 2 * room) this.resize(room);
    L.levels = 0;
    this.done = false;
    this.fillCount = 0;
    for (let j = 0; j < n; j++) this.next[j] = this.scoreOf(j, this.pos[j] as number);
  }

  /** Merges until the running quantity reaches `qty` (or every level is in). */
  extendTo(qty: number): void {
    const L = this.ladder;
    while (!this.done && !((L.qty[L.levels] as number) >= qty)) this.pushNext();
  }

  /**
   * Average score and filled quantity at each size (ascending), as sweepCostsAtSizes
   * writes them, merging as deep as needed: a size's cost is the running score sum up to
   * its marginal entry (one binary search) plus the part of that entry it takes. Stops at
   * the first size whose marginal entry scores above `bound`, or that needs more than the
   * sources hold while `bound` is finite (a deeper book may continue them: the caller's
   * part); returns that size's index (sizes.length when all are answered).
   */
  costsAtSizes(sizes: readonly number[], bound: number, outCost: number[], outFilled: number[], k0 = 0): number {
    const L = this.ladder;
    let p = 0;
    for (let k = k0; k < sizes.length; k++) {
      const size = sizes[k] as number;
      if (!(size > 0)) {
        outCost[k] = 0;
        outFilled[k] = 0;
        continue;
      }
      this.extendTo(size);
      const levels = L.levels;
      const qty = L.qty;
      if ((qty[levels] as number) >= size) {
        // The marginal entry: the first whose running quantity reaches the size.
        let hi = levels - 1;
        while (p < hi) {
          const m = (p + hi) >> 1;
          if ((qty[m + 1] as number) >= size) hi = m;
          else p = m + 1;
        }
        const t = L.packed[2 * p] as number;
        if (!(t <= bound)) return k;
        const before = qty[p] as number;
        // Σ q·score = Σ q·(score − score₀) + Q·score₀, the running totals' convention.
        outCost[k] = ((L.cost[p] as number) + before * (L.packed[0] as number) + (size - before) * t) / size;
        outFilled[k] = size;
        this.fillCount = p + 1;
      } else {
        if (bound < Infinity) return k;
        const total = qty[levels] as number;
        outCost[k] = total > 0 ? ((L.cost[levels] as number) + total * (L.packed[0] as number)) / total : 0;
        outFilled[k] = total;
        this.fillCount = levels;
      }
    }
    return sizes.length;
  }

  /** Merges every level. */
  complete(): void {
    while (!this.done) this.pushNext();
  }

  private pushNext(): void {
    const { next, pos, sources } = this;
    let best = -1;
    let bestScore = Infinity;
    for (let j = 0; j < next.length; j++) {
      const s = next[j] as number;
      if (s < bestScore) {
        best = j;
        bestScore = s;
      }
    }
    if (best < 0) {
      this.done = true;
      return;
    }
    const src = sources[best] as CumulativeLadder;
    const p = pos[best] as number;
    const q = (src.packed[2 * p + 1] as number);
    this.append(bestScore, q);
    pos[best] = p + 1;
    next[best] = this.scoreOf(best, p + 1);
  }

  /** Score of level i of source j; Infinity past its end or for a source left out. */
  private scoreOf(j: number, i: number): number {
    const src = this.sources[j] as CumulativeLadder;
    const f = this.fixed[j] as number;
    if (i >= src.levels || !(f === f)) return Infinity;
    // The sweep's own formula (greedy-sweep.ts advance()), so scores are bit for bit its fillScore.
    return ((src.packed[2 * i] as number) - (this.mids[j] as number)) * (this.signs[j] as number) + f;
  }

  private resize(room: number): void {
    const L = this.ladder;
    const packed = new Float64Array(2 * room);
    packed.set(L.packed.subarray(0, 2 * L.levels));
    const qty = new Float64Array(room + 1);
    qty.set(L.qty.subarray(0, L.levels + 1));
    const cost = new Float64Array(room + 1);
    cost.set(L.cost.subarray(0, L.levels + 1));
    L.packed = packed;
    L.qty = qty;
    L.cost = cost;
  }

  private append(score: number, q: number): void {
    const L = this.ladder;
    const i = L.levels;
    if (2 * i + 2 > L.packed.length) this.resize(Math.max(2 * i, INITIAL_ROOM));
    const s0 = i === 0 ? score : (L.packed[0] as number);
    L.packed[2 * i] = score;
    L.packed[2 * i + 1] = q;
    L.qty[i + 1] = (L.qty[i] as number) + q;
    L.cost[i + 1] = (L.cost[i] as number) + q * (score - s0);
    L.levels = i + 1;
  }
}
