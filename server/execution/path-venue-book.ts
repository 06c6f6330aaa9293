/**
 * One venue's book along a simulated path, started from the venue's current BookView.
 *
 * Model (documented simplification; the live simulator's VenueBookSim cannot be started
 * from an arbitrary book and costs a full per-level pass per step):
 * - Re-centring: every level moves with the common mid by the same whole number of ticks,
 *   so the book keeps its observed shape (spread, depth by distance) as the price wanders
 *   — the same rule VenueBookSim applies to its resting orders.
 * - Our own taker fills deplete the levels they hit (temporary impact); each depleted
 *   level recovers exponentially towards its observed size at a resilience rate ρ, the
 *   resilience of Obizhaeva & Wang (2013), "Optimal trading strategy and supply/demand
 *   dynamics", J. Financial Markets 16(1). Depletion is tied to the distance from the
 *   mid, so it moves with the book.
 * - Other traders' market orders print trades at the levels they sweep but leave the
 *   displayed book as it is: the observed book is the stationary state that already
 *   includes that flow and its replenishment. The prints still advance our queue position.
 * Queries are lazy (a level's size is computed when read), so a step costs O(1) per venue
 * unless someone reads the book.
 */
import type { BookView, Level, SymbolId, VenueId } from "@/server/market-data/types";
import { samePrice, type BookReader, type BookSideName } from "./book-reader";
import type { PathBookTemplate, SideTemplate } from "./path-book-template";

/** Our depletion of one side; allocated on the first own fill (most runs never take). */
interface Depletion {
  deficit: Float64Array;
  atMs: Float64Array;
}

export class PathVenueBook implements BookReader {
  readonly venue: VenueId;
  readonly symbol: SymbolId;
  private seqNo: number;
  private tMs: number;
  private shiftUnits = 0;
  private bidDepletion: Depletion | undefined;
  private askDepletion: Depletion | undefined;

  constructor(
    private readonly template: PathBookTemplate,
    startMs: number,
    private readonly resiliencePerS: number,
  ) {
    this.venue = template.venue;
    this.symbol = template.symbol;
    this.seqNo = template.seq;
    this.tMs = startMs;
  }

  get seq(): number {
    return this.seqNo;
  }

  get updatedAtMs(): number {
    return this.tMs;
  }

  get tickSize(): number {
    return this.template.grid.step;
  }

  /** Re-centres the book by a whole number of ticks from its start and moves its clock. */
  moveTo(shiftTicks: number, tMs: number): void {
    this.shiftUnits = shiftTicks;
    this.tMs = tMs;
    this.seqNo++;
  }

  /** Our own taker fill at a displayed level: the level is depleted and starts recovering now. */
  consume(side: BookSideName, price: number, qty: number): void {
    const s = this.sideOf(side);
    const i = this.indexOf(s, price);
    if (i < 0 || !(qty > 0)) return;
    let d = side === "bid" ? this.bidDepletion : this.askDepletion;
    if (!d) {
      d = { deficit: new Float64Array(s.units.length), atMs: new Float64Array(s.units.length) };
      if (side === "bid") this.bidDepletion = d;
      else this.askDepletion = d;
    }
    const base = s.qty[i] as number;
    d.deficit[i] = Math.min(base, base - this.levelQty(s, d, i) + qty);
    d.atMs[i] = this.tMs;
    this.seqNo++;
  }

  best(side: BookSideName): Level | undefined {
    const s = this.sideOf(side);
    const d = this.depletionOf(side);
    for (let i = 0; i < s.units.length; i++) {
      const qty = this.levelQty(s, d, i);
      if (qty > 0) return { price: this.priceOf(s, i), qty };
    }
    return undefined;
  }

  qtyAt(side: BookSideName, price: number): number {
    const s = this.sideOf(side);
    const i = this.indexOf(s, price);
    return i < 0 ? 0 : this.levelQty(s, this.depletionOf(side), i);
  }

  walk(side: BookSideName, visit: (price: number, qty: number) => boolean): void {
    const s = this.sideOf(side);
    const d = this.depletionOf(side);
    for (let i = 0; i < s.units.length; i++) {
      const qty = this.levelQty(s, d, i);
      if (qty > 0 && !visit(this.priceOf(s, i), qty)) return;
    }
  }

  qtyUpTo(side: BookSideName, price: number, cap = Infinity): number {
    const s = this.sideOf(side);
    const grid = this.template.grid;
    // Whole ticks, inclusive: a price between ticks counts the levels strictly inside it.
    const u = (side === "ask" ? grid.floorUnits(price) : grid.ceilUnits(price)) - this.shiftUnits;
    const units = s.units;
    let lo = 0;
    let hi = units.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const x = units[mid] as number;
      if (s.descending ? x >= u : x <= u) lo = mid + 1;
      else hi = mid;
    }
    const d = this.depletionOf(side);
    if (!d) return s.cumQty[lo] as number;
    let sum = 0;
    for (let i = 0; i < lo && sum < cap; i++) sum += this.levelQty(s, d, i);
    return sum;
  }

  /**
   * Prints the trades one market order of another trader makes (visit per level swept).
   * The displayed book is left as it is (see the file comment).
   */
  printTrades(aggressorBuys: boolean, qty: number, visit: (price: number, qty: number) => void): void {
    const side = aggressorBuys ? "ask" : "bid";
    const s = this.sideOf(side);
    const d = this.depletionOf(side);
    let left = qty;
    for (let i = 0; i < s.units.length && left > 0; i++) {
      const available = this.levelQty(s, d, i);
      if (available <= 0) continue;
      const q = Math.min(left, available);
      visit(this.priceOf(s, i), q);
      left -= q;
    }
  }

  /**
   * An immutable BookView of the current state. `takeSide`/`takeQty` truncate that side to
   * the levels needed to cover takeQty (and the other side to a few levels): a sweep
   * planner needs no more, and a full copy on every re-sweep is the simulator's main cost.
   */
  snapshot(takeSide?: BookSideName, takeQty?: number): BookView {
    const levels = (side: BookSideName): Level[] => {
      const out: Level[] = [];
      const cap = takeSide === undefined ? Infinity : side === takeSide ? (takeQty ?? Infinity) : 0;
      const minLevels = takeSide === undefined || side === takeSide ? 0 : 5;
      let cum = 0;
      this.walk(side, (price, qty) => {
        out.push({ price, qty });
        cum += qty;
        return cum < cap || out.length < minLevels;
      });
      return out;
    };
    return { venue: this.venue, symbol: this.symbol, bids: levels("bid"), asks: levels("ask"), seq: this.seqNo, updatedAtMs: this.tMs };
  }

  private sideOf(side: BookSideName): SideTemplate {
    return side === "bid" ? this.template.bids : this.template.asks;
  }

  private depletionOf(side: BookSideName): Depletion | undefined {
    return side === "bid" ? this.bidDepletion : this.askDepletion;
  }

  private priceOf(s: SideTemplate, i: number): number {
    return this.template.grid.fromUnits((s.units[i] as number) + this.shiftUnits);
  }

  private levelQty(s: SideTemplate, d: Depletion | undefined, i: number): number {
    const base = s.qty[i] as number;
    const deficit = d ? (d.deficit[i] as number) : 0;
    if (!d || deficit <= 0) return base;
    const ageS = Math.max(0, this.tMs - (d.atMs[i] as number)) / 1000;
    const lot = this.template.lot;
    return Math.max(0, lot.fromUnits(lot.floorUnits(base - deficit * Math.exp(-this.resiliencePerS * ageS))));
  }

  private indexOf(s: SideTemplate, price: number): number {
    const grid = this.template.grid;
    const u = grid.toUnits(price) - this.shiftUnits;
    if (!samePrice(grid.fromUnits(u + this.shiftUnits), price)) return -1;
    const units = s.units;
    let lo = 0;
    let hi = units.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = units[mid] as number;
      if (x === u) return mid;
      if (s.descending ? x > u : x < u) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
