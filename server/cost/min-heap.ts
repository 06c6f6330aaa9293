/**
 * Binary min-heap with a caller-supplied order (Williams 1964; the array layout of
 * Cormen et al., "Introduction to Algorithms", ch. 6). The multi-venue sweep keeps one
 * entry per venue keyed by that venue's next level, so it is reused across calls (clear())
 * instead of being rebuilt, and replaceTop() advances a venue in one sift.
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  /** `compare(a, b) < 0` means a comes out first. It must be a strict total order for determinism. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(a[i] as T, a[parent] as T) >= 0) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Replaces the top with `item` (its key may have grown) and restores order: one sift. */
  replaceTop(item: T): void {
    if (this.items.length === 0) {
      this.items.push(item);
      return;
    }
    this.items[0] = item;
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const a = this.items;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const child = r < n && this.compare(a[r] as T, a[l] as T) < 0 ? r : l;
      if (this.compare(a[child] as T, a[i] as T) >= 0) return;
      this.swap(i, child);
      i = child;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.items;
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
}

/**
 * The same binary heap specialised to small integer ids ordered by an external numeric key
 * (then by an external rank for ties): no comparator closure and no boxed items, which is
 * what the sweep's inner loop needs. The caller owns `key` and `rank` and must not change an
 * id's key while it is in the heap except through replaceTop().
 */
export class IndexMinHeap {
  private ids: Int32Array;
  private n = 0;

  constructor(
    private readonly key: ArrayLike<number>,
    private readonly rank: ArrayLike<number>,
    capacity = 16,
  ) {
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
  }

  /** The id with the smallest key; -1 when empty. */
  peek(): number {
    return this.n > 0 ? (this.ids[0] as number) : -1;
  }

  /** The id that would come out after the top (the better child of the root); -1 if none. */
  second(): number {
    if (this.n < 2) return -1;
    if (this.n === 2) return this.ids[1] as number;
    const l = this.ids[1] as number;
    const r = this.ids[2] as number;
    return this.less(r, l) ? r : l;
  }

  push(id: number): void {
    if (this.n === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    let i = this.n++;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = ids[parent] as number;
      if (!this.less(id, p)) break;
      ids[i] = p;
      i = parent;
    }
    ids[i] = id;
  }

  pop(): number {
    if (this.n === 0) return -1;
    const top = this.ids[0] as number;
    this.n--;
    if (this.n > 0) this.sink(this.ids[this.n] as number);
    return top;
  }

  /** The top's key has changed (grown): restore order in one sift. */
  replaceTop(id: number): void {
    if (this.n === 0) {
      this.push(id);
      return;
    }
    this.sink(id);
  }

  private sink(id: number): void {
    const ids = this.ids;
    const n = this.n;
    const key = this.key;
    const rank = this.rank;
    const kid = key[id] as number;
    const rid = rank[id] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let child = ids[l] as number;
      let kc = key[child] as number;
      if (l + 1 < n) {
        const r = ids[l + 1] as number;
        const kr = key[r] as number;
        if (kr < kc || (kr === kc && (rank[r] as number) < (rank[child] as number))) {
          c = l + 1;
          child = r;
          kc = kr;
        }
      }
      if (!(kc < kid || (kc === kid && (rank[child] as number) < rid))) break;
      ids[i] = child;
      i = c;
    }
    ids[i] = id;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a] as number;
    const kb = this.key[b] as number;
    return ka < kb || (ka === kb && (this.rank[a] as number) < (this.rank[b] as number));
  }
}
