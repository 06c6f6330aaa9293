/**
 * Fixed-capacity FIFO that overwrites its oldest entry when full. Rolling histories
 * (book samples, trades, mids) use it so memory stays bounded however long the
 * process runs, and a push never allocates beyond the slot it fills.
 */
export class RingBuffer<T> {
  private readonly slots: (T | undefined)[];
  private head = 0; // index of the oldest entry
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    }
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.slots[(this.head + this.count) % this.capacity] = item;
      this.count++;
      return;
    }
    this.slots[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
  }

  /** 0 = oldest; negative indexes count from the newest (-1 = newest). */
  at(index: number): T | undefined {
    const i = index < 0 ? this.count + index : index;
    if (i < 0 || i >= this.count) return undefined;
    return this.slots[(this.head + i) % this.capacity];
  }

  last(): T | undefined {
    return this.at(-1);
  }

  /** Oldest first. Copies, so callers may keep the result. */
  toArray(): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.slots[(this.head + i) % this.capacity] as T;
    return out;
  }

  /** Entries (oldest first) for which keep() is true. */
  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) {
      const item = this.slots[(this.head + i) % this.capacity] as T;
      if (keep(item)) out.push(item);
    }
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
