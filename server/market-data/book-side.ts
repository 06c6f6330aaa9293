/**
 * One side of an L2 book: price levels kept sorted best-first in a plain array, found by
 * binary search. Level objects are never mutated once stored (a change replaces the
 * object), so an immutable BookView can share them and a view costs one array copy
 * instead of one allocation per level.
 */
import type { Level } from "./types";

export type Side = "bid" | "ask";

export class BookSide {
  private items: Level[] = [];

  constructor(readonly side: Side) {}

  get length(): number {
    return this.items.length;
  }

  /** Live, best-first. Read only: mutating it would corrupt the book and shared views. */
  get levels(): readonly Level[] {
    return this.items;
  }

  best(): Level | undefined {
    return this.items[0];
  }

  at(index: number): Level | undefined {
    return this.items[index];
  }

  /** True when price a ranks ahead of price b on this side. */
  isBetter(a: number, b: number): boolean {
    return this.side === "bid" ? a > b : a < b;
  }

  /** Index of the level at price, or -(insertion point) - 1 when absent. */
  indexOf(price: number): number {
    const items = this.items;
    let lo = 0;
    let hi = items.length - 1;
    const bid = this.side === "bid";
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = (items[mid] as Level).price;
      if (p === price) return mid;
      if (bid ? p > price : p < price) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  /** Sets the quantity at a price; qty <= 0 deletes the level. */
  set(price: number, qty: number): void {
    const i = this.indexOf(price);
    if (i >= 0) {
      if (qty > 0) this.items[i] = { price, qty };
      else this.items.splice(i, 1);
    } else if (qty > 0) {
      this.items.splice(-i - 1, 0, { price, qty });
    }
  }

  /**
   * Adds quantity at a price, creating the level if needed (a new order joining a queue).
   * `round` snaps the sum to the lot grid, since adding two on-grid floats may leave it.
   */
  addQty(price: number, qty: number, round: (x: number) => number = (x) => x): void {
    if (!(qty > 0)) return;
    const i = this.indexOf(price);
    if (i >= 0) {
      const level = this.items[i] as Level;
      this.items[i] = { price, qty: round(level.qty + qty) };
    } else {
      this.items.splice(-i - 1, 0, { price, qty });
    }
  }

  /**
   * Re-prices every level with `reprice`, which must be strictly increasing so the order
   * is kept (used to move a pegged book with its reference price).
   */
  shiftPrices(reprice: (price: number) => number): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) {
      const level = items[i] as Level;
      items[i] = { price: reprice(level.price), qty: level.qty };
    }
  }

  /** Replaces the quantity of the level at index; qty <= 0 deletes it. */
  setQtyAt(index: number, qty: number): void {
    const level = this.items[index];
    if (!level) return;
    if (qty > 0) this.items[index] = { price: level.price, qty };
    else this.items.splice(index, 1);
  }

  removeAt(index: number): void {
    if (index >= 0 && index < this.items.length) this.items.splice(index, 1);
  }

  /** Drops the best `count` levels at once (a sweep), cheaper than repeated removeAt(0). */
  removeBest(count: number): void {
    if (count > 0) this.items.splice(0, count);
  }

  /** Replaces the whole side; input may be unsorted, zero-qty levels are dropped. */
  replaceAll(levels: readonly Level[]): void {
    const copy: Level[] = [];
    for (const l of levels) if (l.qty > 0 && Number.isFinite(l.price)) copy.push({ price: l.price, qty: l.qty });
    copy.sort(this.side === "bid" ? (a, b) => b.price - a.price : (a, b) => a.price - b.price);
    // A snapshot may list one price twice; the later entry wins, as a venue would apply it.
    const out: Level[] = [];
    for (const l of copy) {
      const prev = out[out.length - 1];
      if (prev && prev.price === l.price) out[out.length - 1] = l;
      else out.push(l);
    }
    this.items = out;
  }

  clear(): void {
    this.items = [];
  }

  /** A frozen copy of the best `maxLevels` levels, for an immutable view. */
  snapshot(maxLevels = Infinity): readonly Level[] {
    const n = Math.min(this.items.length, maxLevels);
    return Object.freeze(n === this.items.length ? this.items.slice() : this.items.slice(0, n));
  }
}
