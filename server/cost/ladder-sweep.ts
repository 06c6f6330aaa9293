/**
 * The all-in cost of several sizes in one book state without stepping through the fills:
 * the same numbers as a greedy sweep (greedy-sweep.ts → sweep-ladder.ts) found by a
 * threshold search over cumulative ladders (cumulative-ladder.ts).
 *
 * Why it is the same: the greedy sweep takes units best-score-first, and along each venue's
 * ladder the score only worsens, so the first S units it takes are exactly the units
 * scoring below some threshold t*, plus part of the level(s) scoring exactly t*. With
 * running totals per ladder, the quantity and the score sum of "everything below t" are a
 * search per ladder, so
 *
 *   cost(S) = (Σ_{score < t*} q·score + (S − Q(< t*))·t*) / S
 *
 * where t* is the score of the marginal level: the first level at which the cumulative
 * quantity reaches S. Equal scores on different ladders are taken in a different order
 * than the sweep's venue-id tie-break, which cannot change a sum of equal scores. The sums
 * are regrouped (per ladder instead of per fill), so results agree with the sweep to float
 * rounding, not bit for bit.
 *
 * Finding t*: the states of one forecast are a second apart, so the previous state's t*
 * for the same size is a close first guess. One probe there (a search per ladder,
 * galloping out from the previous state's positions) gives a prefix of the best-first
 * order near the answer; from it a short walk takes, or gives back, levels best-first
 * until the size is crossed, exactly as the sweep would; a long walk re-probes ahead at
 * its own pace. A sweep to 8× a large order touches ~1 000 levels per state; this reads
 * a few dozen array entries per size.
 *
 * A ladder is a contiguous range of one CumulativeLadder, scored (x − mid)·sign + fixed for
 * its entries x: a venue's levels (x = price, the state's mid and sign, the venue's fixed
 * bps), or a ladder already merged in score order (x = score: mid 0, sign 1, fixed 0). Its
 * scores must not fall along the range (the caller checks, and otherwise uses the sweep).
 */
import type { CumulativeLadder } from "./cumulative-ladder";

/** Levels a walk takes before it re-probes ahead. */
const WALK = 12;
/** A first probe off by more than this share of the size gets a second one (see marginal()). */
const SECOND_PROBE = 0.01;
/** Probes per size; past them the walk just goes on (never reached on real books). */
const MAX_PROBES = 40;

export class LadderSweep {
  /** Levels the greedy sweep to the largest size would have filled (its fillCount). */
  fillCount = 0;

  private n = 0;
  private ladders: CumulativeLadder[] = [];
  private slot = new Int32Array(16);
  private from = new Int32Array(16);
  private end = new Int32Array(16);
  private mid = new Float64Array(16);
  private sign = new Float64Array(16);
  private fixed = new Float64Array(16);
  /** Per ladder: levels [from, lo) are taken (below the current size's marginal level). */
  private lo = new Int32Array(16);
  /** Per ladder: the probe's or the walk's position. */
  private cur = new Int32Array(16);
  /** Per ladder: score of the level the walk would take (or give back) next. */
  private next = new Float64Array(16);
  /** Where the last walk started and got to (quantity, score), and the marginal level's quantity. */
  private walkStartQty = 0;
  private walkStartScore = 0;
  private walkQty = 0;
  private walkScore = 0;
  private lastTaken = -1;
  private marginalQty = 0;
  /** Quantity, score sum and level count of the prefix [from, lo) (settle()). */
  private prefixQty = 0;
  private prefixCost = 0;
  private prefixLevels = 0;

  /** Per size index, from the previous state: t*, and its depth per bps near t* (NaN = none). */
  private warm = new Float64Array(8);
  private pace = new Float64Array(8);
  /** Per slot and size index, the ladder position at the previous state's t* (-1 = none). */
  private hints = new Int32Array(128);
  private sizesCap = 8;

  /**
   * Forgets the previous state's answers (call once per set of states). `slots` bounds the
   * slot ids passed to add(); `sizes` the number of sizes per costsAtSizes().
   */
  resetHints(slots: number, sizes: number): void {
    if (sizes > this.warm.length) {
      this.warm = new Float64Array(sizes);
      this.pace = new Float64Array(sizes);
    }
    this.sizesCap = this.warm.length;
    if (slots * this.sizesCap > this.hints.length) this.hints = new Int32Array(slots * this.sizesCap);
    this.warm.fill(Number.NaN);
    this.pace.fill(Number.NaN);
    this.hints.fill(-1);
  }

  /** Lengths of the t* and positions arrays seedFrom() / seedTo() take (set by resetHints()). */
  get seedLengths(): [warm: number, hints: number] {
    return [this.warm.length, this.hints.length];
  }

  /**
   * Takes t* per size and positions per slot from `warm` / `hints` (a state's own answer
   * from an earlier call, for the same sizes) instead of the previous state's.
   */
  seedFrom(warm: Float64Array, hints: Int32Array): void {
    if (warm.length === this.warm.length && hints.length === this.hints.length) {
      this.warm.set(warm);
      this.hints.set(hints);
    }
  }

  /**
   * Seeds for `sizes` interpolated from t* and positions at other sizes (`from`, ascending;
   * `warm` / `hints` laid out as seedTo() writes them): a state priced for one order size
   * is a close guess for another. Sizes outside `from` take its nearest end. Call after
   * add(): only the ladders added get positions.
   */
  seedBetween(from: Float64Array, warm: Float64Array, hints: Int32Array, sizes: readonly number[]): void {
    const m = from.length;
    const srcCap = warm.length;
    if (m === 0 || m > srcCap) return;
    const cap = this.sizesCap;
    let j = 0;
    for (let k = 0; k < sizes.length && k < cap; k++) {
      const size = sizes[k] as number;
      while (j < m - 2 && (from[j + 1] as number) < size) j++;
      const a = from[j] as number;
      const j1 = m > 1 ? j + 1 : j;
      const b = from[j1] as number;
      const w = b > a ? Math.min(1, Math.max(0, (size - a) / (b - a))) : 0;
      this.warm[k] = (warm[j] as number) + w * ((warm[j1] as number) - (warm[j] as number));
      for (let l = 0; l < this.n; l++) {
        const sl = this.slot[l] as number;
        if ((sl + 1) * srcCap > hints.length) continue;
        const ha = hints[sl * srcCap + j] as number;
        const hb = hints[sl * srcCap + j1] as number;
        this.hints[sl * cap + k] = ha < 0 || hb < 0 ? -1 : Math.round(ha + w * (hb - ha));
      }
    }
  }

  /** Copies this state's t* and positions out (to seed it on a later call). */
  seedTo(warm: Float64Array, hints: Int32Array): void {
    if (warm.length === this.warm.length && hints.length === this.hints.length) {
      warm.set(this.warm);
      hints.set(this.hints);
    }
  }

  /** Starts a state: no ladders. */
  begin(): void {
    this.n = 0;
  }

  /**
   * Adds entries [from, ladder.levels) of a ladder, scored (x − mid)·sign + fixed (see the
   * file comment). `slot` names the ladder across states (e.g. a venue's sample, or its
   * deeper book), so the previous state's position there can seed the search.
   */
  add(slot: number, ladder: CumulativeLadder, from: number, mid: number, sign: number, fixed: number): void {
    if (from >= ladder.levels) return;
    const i = this.n;
    if (i >= this.from.length) this.grow();
    this.ladders[i] = ladder;
    this.slot[i] = slot;
    this.from[i] = from;
    this.end[i] = ladder.levels;
    this.mid[i] = mid;
    this.sign[i] = sign;
    this.fixed[i] = fixed;
    this.n = i + 1;
  }

  /**
   * Writes the average all-in score (bps) and the filled quantity at sizes[k0…] into
   * outCost / outFilled (same indices), as sweepCostsAtSizes does: `sizes` ascending; a
   * size beyond the books gets the cost of everything fillable and filled < size.
   */
  costsAtSizes(sizes: readonly number[], k0: number, outCost: number[], outFilled: number[]): void {
    const n = this.n;
    const { from, end, ladders, lo } = this;
    let total = 0;
    for (let l = 0; l < n; l++) {
      lo[l] = from[l] as number;
      const q = (ladders[l] as CumulativeLadder).qty;
      total += (q[end[l] as number] as number) - (q[from[l] as number] as number);
    }
    this.prefixQty = 0;
    this.prefixCost = 0;
    this.prefixLevels = 0;
    let t = -Infinity;
    let marginalQty = 0;
    let fills = 0;
    for (let k = k0; k < sizes.length; k++) {
      const size = sizes[k] as number;
      if (!(size > 0)) {
        outCost[k] = 0;
        outFilled[k] = 0;
        continue;
      }
      if (!(total > size)) {
        // The books hold no more than the size: everything, at its average.
        for (let l = 0; l < n; l++) lo[l] = end[l] as number;
        this.settle(-1);
        outCost[k] = total > 0 ? this.prefixCost / total : 0;
        outFilled[k] = total;
        fills = this.prefixLevels;
        continue;
      }
      // The previous size's marginal level may cover this one too.
      if (!(this.prefixQty + marginalQty >= size)) {
        t = this.marginal(k, size, t);
        marginalQty = this.marginalQty;
        this.settle(k);
      }
      this.warm[k] = t;
      outCost[k] = (this.prefixCost + (size - this.prefixQty) * t) / size;
      outFilled[k] = size;
      fills = this.prefixLevels + 1;
    }
    this.fillCount = fills;
  }

  /**
   * The score t* of the marginal level for `size` (its quantity into marginalQty), given
   * the prefix taken so far (levels [from, lo), prefixQty of them, all scoring ≤ tLo);
   * leaves `lo` at the levels taken before the marginal one.
   *
   * A probe at the previous state's t* gives every ladder's position there, a prefix of
   * the best-first order near the answer; from it the walk takes (or gives back) levels
   * best-first until the size is crossed. A long walk re-probes where its own pace says
   * the size will be reached.
   */
  private marginal(k: number, size: number, tLo: number): number {
    const n = this.n;
    const { lo, cur } = this;
    let q = this.prefixQty;
    let t = this.warm[k] as number;
    let first = true;
    for (let l = 0; l < n; l++) cur[l] = lo[l] as number;
    for (let round = 0; ; round++) {
      if (t > tLo && round < MAX_PROBES) {
        q = this.probe(t, k, first);
        const pace = this.pace[k] as number;
        if (first && pace > 0 && Math.abs(size - q) > SECOND_PROBE * size) {
          // Far off: one more probe where the previous state's depth per bps says.
          const ahead = t + (size - q) / pace;
          if (ahead > tLo) q = this.probe(ahead, k, false);
        }
        first = false;
      }
      const walked = q < size ? this.walkUp(size, q) : this.walkDown(size, q);
      if (walked) {
        for (let l = 0; l < n; l++) lo[l] = cur[l] as number;
        // Depth per bps over the walk, for the next state's second probe.
        const dq = this.walkQty - this.walkStartQty;
        const ds = this.walkScore - this.walkStartScore;
        if (dq !== 0 && ds !== 0) this.pace[k] = dq / ds;
        return this.walkScore;
      }
      // Not there within WALK levels: aim ahead at the walk's pace (Δq per bps).
      q = this.walkQty;
      const pace = (q - this.walkStartQty) / (this.walkScore - this.walkStartScore);
      const target = this.walkScore + (size - q) / pace;
      t = pace > 0 && Number.isFinite(target) ? target : q < size ? Infinity : tLo;
      if (!(t > tLo)) t = Number.NaN;
    }
  }

  /**
   * From the positions in `cur` (a prefix of the best-first order holding q < size), takes
   * levels best-first; true when the next one reaches the size (it is the marginal one:
   * walkScore, marginalQty). Gives up after WALK levels (walkQty, walkScore: where it got).
   */
  private walkUp(size: number, q: number): boolean {
    const n = this.n;
    const { cur, end, next } = this;
    for (let l = 0; l < n; l++) next[l] = (cur[l] as number) < (end[l] as number) ? this.scoreAt(l, cur[l] as number) : Infinity;
    this.walkStartQty = q;
    this.walkStartScore = Number.NaN;
    this.lastTaken = -1;
    for (let steps = 0; steps < WALK; steps++) {
      let best = 0;
      let bestScore = next[0] as number;
      for (let l = 1; l < n; l++) {
        const s = next[l] as number;
        if (s < bestScore) {
          best = l;
          bestScore = s;
        }
      }
      const j = cur[best] as number;
      if (!(bestScore < Infinity)) {
        // Nothing left, yet short of a size the books do hold (costsAtSizes checked): the
        // running quantity's rounding. The level taken last is the marginal one.
        if (this.lastTaken < 0) return this.walkDown(size, size);
        cur[this.lastTaken] = (cur[this.lastTaken] as number) - 1;
        this.marginalQty = this.qtyAt(this.lastTaken, cur[this.lastTaken] as number);
        return true;
      }
      const qty = this.qtyAt(best, j);
      if (steps === 0) this.walkStartScore = bestScore;
      this.walkScore = bestScore;
      this.lastTaken = best;
      if (q + qty >= size) {
        this.marginalQty = qty;
        this.walkQty = q;
        return true;
      }
      q += qty;
      cur[best] = j + 1;
      next[best] = j + 1 < (end[best] as number) ? this.scoreAt(best, j + 1) : Infinity;
    }
    this.walkQty = q;
    return false;
  }

  /**
   * From the positions in `cur` (a prefix holding q ≥ size), gives levels back worst-first
   * (never below `lo`); true when giving back the next one would drop below the size (it
   * is the marginal one, and is given back: `cur` is then the prefix before it).
   */
  private walkDown(size: number, q: number): boolean {
    const n = this.n;
    const { cur, lo, next } = this;
    for (let l = 0; l < n; l++) next[l] = (cur[l] as number) > (lo[l] as number) ? this.scoreAt(l, (cur[l] as number) - 1) : -Infinity;
    this.walkStartQty = q;
    this.walkStartScore = Number.NaN;
    for (let steps = 0; steps < WALK; steps++) {
      let best = 0;
      let bestScore = next[0] as number;
      for (let l = 1; l < n; l++) {
        const s = next[l] as number;
        if (s > bestScore) {
          best = l;
          bestScore = s;
        }
      }
      // Nothing left above the prefix (rounding): the walk up from it finds the marginal level.
      if (!(bestScore > -Infinity)) return this.walkUp(size, this.prefixQty);
      const j = (cur[best] as number) - 1;
      const qty = this.qtyAt(best, j);
      if (steps === 0) this.walkStartScore = bestScore;
      this.walkScore = bestScore;
      cur[best] = j;
      next[best] = j > (lo[best] as number) ? this.scoreAt(best, j - 1) : -Infinity;
      if (q - qty < size) {
        this.marginalQty = qty;
        this.walkQty = q - qty;
        return true;
      }
      q -= qty;
    }
    this.walkQty = q;
    return false;
  }

  /**
   * Positions at threshold t (> every score in the prefix `lo`) into `cur` for every
   * ladder, galloping out from `cur` (the first probe of a size: from the previous state's
   * position at its t*); returns the quantity up to them.
   */
  private probe(t: number, k: number, first: boolean): number {
    const n = this.n;
    const { lo, end, cur, ladders, mid, sign, fixed, from, slot, hints } = this;
    const cap = this.sizesCap;
    let q = 0;
    for (let l = 0; l < n; l++) {
      const ladder = ladders[l] as CumulativeLadder;
      let a = lo[l] as number;
      let b = end[l] as number;
      if (a < b) {
        const packed = ladder.packed;
        const m0 = mid[l] as number;
        const s0 = sign[l] as number;
        const f = fixed[l] as number;
        // Smallest c in [a, b] with c = b or score(c) > t, galloping out from a start point.
        const h = first ? (hints[(slot[l] as number) * cap + k] as number) : (cur[l] as number);
        if (h > a && h < b) {
          if (((packed[2 * h] as number) - m0) * s0 + f > t) {
            b = h;
            let s = 1;
            while (b - s >= a && ((packed[2 * (b - s)] as number) - m0) * s0 + f > t) {
              b -= s;
              s <<= 1;
            }
            if (b - s + 1 > a) a = b - s + 1;
          } else {
            a = h + 1;
            let s = 1;
            while (a + s - 1 < b && ((packed[2 * (a + s - 1)] as number) - m0) * s0 + f <= t) {
              a += s;
              s <<= 1;
            }
            if (a + s - 1 < b) b = a + s - 1;
          }
        } else if (((packed[2 * a] as number) - m0) * s0 + f > t) {
          // Most ladders start above t: one comparison.
          b = a;
        } else {
          a++;
          let s = 1;
          while (a + s - 1 < b && ((packed[2 * (a + s - 1)] as number) - m0) * s0 + f <= t) {
            a += s;
            s <<= 1;
          }
          if (a + s - 1 < b) b = a + s - 1;
        }
        while (a < b) {
          const c = (a + b) >> 1;
          if (((packed[2 * c] as number) - m0) * s0 + f > t) b = c;
          else a = c + 1;
        }
      }
      cur[l] = a;
      q += (ladder.qty[a] as number) - (ladder.qty[from[l] as number] as number);
    }
    return q;
  }

  /** Quantity of entry j of ladder l. */
  private qtyAt(l: number, j: number): number {
    const qty = (this.ladders[l] as CumulativeLadder).qty;
    return (qty[j + 1] as number) - (qty[j] as number);
  }

  private scoreAt(l: number, j: number): number {
    return (((this.ladders[l] as CumulativeLadder).packed[2 * j] as number) - (this.mid[l] as number)) * (this.sign[l] as number) + (this.fixed[l] as number);
  }

  /**
   * Quantity, score sum and level count of the prefix [from, lo), summed per ladder from
   * the running totals; with k ≥ 0 also records each ladder's position for the next state.
   */
  private settle(k: number): void {
    const { lo, from, ladders, mid, sign, fixed, slot, hints } = this;
    const cap = this.sizesCap;
    let q = 0;
    let c = 0;
    let levels = 0;
    for (let l = 0; l < this.n; l++) {
      const ladder = ladders[l] as CumulativeLadder;
      const a = from[l] as number;
      const b = lo[l] as number;
      if (k >= 0) hints[(slot[l] as number) * cap + k] = b;
      if (b <= a) continue;
      const dq = (ladder.qty[b] as number) - (ladder.qty[a] as number);
      const dc = (ladder.cost[b] as number) - (ladder.cost[a] as number);
      // Σ q·((x − mid)·sign + fixed) with x − mid = (x − x₀) + (x₀ − mid), x₀ the ladder's first entry.
      q += dq;
      c += (dc + dq * ((ladder.packed[0] as number) - (mid[l] as number))) * (sign[l] as number) + (fixed[l] as number) * dq;
      levels += b - a;
    }
    this.prefixQty = q;
    this.prefixCost = c;
    this.prefixLevels = levels;
  }

  private grow(): void {
    const size = this.from.length * 2;
    const ints = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const floats = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.slot = ints(this.slot);
    this.from = ints(this.from);
    this.end = ints(this.end);
    this.lo = ints(this.lo);
    this.cur = ints(this.cur);
    this.next = floats(this.next);
    this.mid = floats(this.mid);
    this.sign = floats(this.sign);
    this.fixed = floats(this.fixed);
  }
}
