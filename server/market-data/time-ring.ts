/**
 * A ring buffer of timestamped records, bounded by count and by age, with time-range reads
 * by binary search. The observation store's histories (mids, trades, book samples) are
 * read per order and per routing pass; copying or filtering a whole history each time
 * made that cost grow with the history rather than with the range asked for.
 *
 * Records normally arrive in time order. One that is older than its predecessor (a venue's
 * late print) is kept where it arrived, and while such a record is in the buffer reads
 * fall back to a linear scan, so a read always equals filtering the whole buffer.
 */
export interface TimeRingOptions {
  /** Records kept at most. */
  capacity: number;
  /** Records older than the newest by more than this are dropped (default: no age bound). */
  maxAgeMs?: number;
}

export class TimeRing<T extends { tsMs: number }> {
  readonly capacity: number;
  readonly maxAgeMs: number;
  private readonly slots: (T | undefined)[];
  private head = 0; // index of the oldest record
  private count = 0;
  private pushed = 0;
  /** Push number of the newest record that arrived out of time order (-1: none). */
  private lastDisorder = -1;

  constructor(options: TimeRingOptions) {
    const { capacity } = options;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`time ring capacity must be a positive integer, got ${capacity}`);
    }
    const maxAgeMs = options.maxAgeMs ?? Infinity;
    if (!(maxAgeMs >= 0)) throw new RangeError(`time ring maxAgeMs must be ≥ 0, got ${maxAgeMs}`);
    this.capacity = capacity;
    this.maxAgeMs = maxAgeMs;
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const newest = this.last();
    if (newest && item.tsMs < newest.tsMs) this.lastDisorder = this.pushed;
    this.pushed++;
    if (this.count < this.capacity) {
      this.slots[(this.head + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.slots[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
    const newestTs = Math.max(item.tsMs, newest?.tsMs ?? -Infinity);
    while (this.count > 1 && (this.at(0) as T).tsMs < newestTs - this.maxAgeMs) this.dropOldest();
  }

  /** 0 = oldest; negative indexes count from the newest (-1 = newest). */
  at(index: number): T | undefined {
    const i = index < 0 ? this.count + index : index;
    if (i < 0 || i >= this.count) return undefined;
    return this.slots[(this.head + i) % this.capacity];
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.at(-1);
  }

  /** Oldest first. Copies, so callers may keep the result. */
  toArray(): T[] {
    return this.slice(0, this.count);
  }

  /** Records with fromMs ≤ tsMs ≤ toMs, oldest first (a new array). */
  range(fromMs: number, toMs: number): T[] {
    if (!this.sorted()) {
      const out: T[] = [];
      for (let i = 0; i < this.count; i++) {
        const item = this.at(i) as T;
        if (item.tsMs >= fromMs && item.tsMs <= toMs) out.push(item);
      }
      return out;
    }
    return this.slice(this.firstIndexAfter(fromMs, false), this.firstIndexAfter(toMs, true));
  }

  /**
   * From the last record at or before fromMs (or the oldest, if none is) to the newest:
   * enough for any "value as of t" lookup with t ≥ fromMs. Out of time order: everything.
   */
  fromAsOf(fromMs: number): T[] {
    if (!this.sorted()) return this.toArray();
    return this.slice(Math.max(0, this.firstIndexAfter(fromMs, true) - 1), this.count);
  }

  /** The last record at or before t (undefined when none is); out of time order: a scan. */
  atOrBefore(t: number): T | undefined {
    if (!this.sorted()) {
      let best: T | undefined;
      for (let i = 0; i < this.count; i++) {
        const item = this.at(i) as T;
        if (item.tsMs <= t && (!best || item.tsMs >= best.tsMs)) best = item;
      }
      return best;
    }
    const i = this.firstIndexAfter(t, true) - 1;
    return i < 0 ? undefined : this.at(i);
  }

  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.lastDisorder = -1;
  }

  private sorted(): boolean {
    return this.lastDisorder < this.pushed - this.count;
  }

  private dropOldest(): void {
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }

  /** First logical index whose tsMs is > t (inclusive = true) or ≥ t (false); records in time order. */
  private firstIndexAfter(t: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const ts = (this.at(mid) as T).tsMs;
      if (inclusive ? ts <= t : ts < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private slice(from: number, to: number): T[] {
    const n = Math.max(0, to - from);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = this.slots[(this.head + from + i) % this.capacity] as T;
    return out;
  }
}
