/**
 * A sequenced L2 book for one venue and symbol, fed by a REST snapshot plus a stream of
 * deltas. It refuses to serve a book it cannot vouch for: a sequence gap or a crossed
 * book marks it `needsResync`, and view() returns undefined until the next snapshot.
 *
 * Sequence rule (chosen so both Binance rules fit):
 * - a delta whose lastSeq <= seq is already in the book and is dropped ("stale");
 * - the first delta after a snapshot must straddle it: firstSeq <= seq + 1 (spot:
 *   U <= lastUpdateId+1 <= u; futures: U <= lastUpdateId <= u), or link to it by prevSeq;
 * - afterwards each delta must link to the previous one: prevSeq === seq when the venue
 *   sends a previous-id field (Binance futures `pu`), else firstSeq === seq + 1 (spot `U`).
 */
import { BookSide } from "./book-side";
import type { BookView, Level, SymbolId, VenueId } from "./types";

export interface BookDelta {
  firstSeq: number;
  lastSeq: number;
  /** The venue's "previous update id" (Binance futures `pu`), when it sends one. */
  prevSeq?: number;
  /** Absolute quantities per price; qty 0 deletes the level. */
  bids: readonly Level[];
  asks: readonly Level[];
  tsMs: number;
}

export type BookUpdateResult = "applied" | "stale" | "gap" | "crossed" | "awaiting_snapshot";

export interface BookIssue {
  kind: "gap" | "crossed";
  venue: VenueId;
  symbol: SymbolId;
  /** Book sequence before the offending update. */
  seq: number;
  firstSeq?: number;
  lastSeq?: number;
  prevSeq?: number;
  bestBid?: number;
  bestAsk?: number;
  tsMs: number;
}

export interface OrderBookStats {
  snapshots: number;
  applied: number;
  stale: number;
  gaps: number;
  crossed: number;
  /** Deltas refused because the book was waiting for a snapshot. */
  refused: number;
}

export interface OrderBookOptions {
  /** Called once per gap or crossed book, so a feed can schedule a resync. */
  onIssue?: (issue: BookIssue) => void;
  /** Cap on levels per side in view(); the book itself keeps everything. */
  maxViewLevels?: number;
}

export class OrderBook {
  readonly bids = new BookSide("bid");
  readonly asks = new BookSide("ask");
  readonly stats: OrderBookStats = { snapshots: 0, applied: 0, stale: 0, gaps: 0, crossed: 0, refused: 0 };
  lastIssue: BookIssue | undefined;

  private seqNo = 0;
  private updatedMs = Number.NaN;
  private hasSnapshot = false;
  private awaitingFirstDelta = false;
  private resync = true;
  private cached: BookView | undefined;
  private readonly maxViewLevels: number;

  constructor(
    readonly venue: VenueId,
    readonly symbol: SymbolId,
    private readonly options: OrderBookOptions = {},
  ) {
    this.maxViewLevels = options.maxViewLevels ?? Infinity;
  }

  get seq(): number {
    return this.seqNo;
  }

  /** Market time of the last applied update; NaN before the first snapshot. */
  get updatedAtMs(): number {
    return this.updatedMs;
  }

  get needsResync(): boolean {
    return this.resync;
  }

  applySnapshot(bids: readonly Level[], asks: readonly Level[], seq: number, tsMs: number): "applied" | "crossed" {
    this.bids.replaceAll(bids);
    this.asks.replaceAll(asks);
    this.seqNo = seq;
    this.updatedMs = tsMs;
    this.hasSnapshot = true;
    this.awaitingFirstDelta = true;
    this.resync = false;
    this.cached = undefined;
    this.stats.snapshots++;
    return this.checkCrossed(tsMs) ? "crossed" : "applied";
  }

  applyDelta(delta: BookDelta): BookUpdateResult {
    if (this.resync || !this.hasSnapshot) {
      this.stats.refused++;
      return "awaiting_snapshot";
    }
    if (delta.lastSeq <= this.seqNo) {
      this.stats.stale++;
      return "stale";
    }
    const linksByPrev = delta.prevSeq !== undefined && delta.prevSeq === this.seqNo;
    const contiguous = this.awaitingFirstDelta
      ? delta.firstSeq <= this.seqNo + 1 || linksByPrev
      : delta.prevSeq !== undefined
        ? linksByPrev
        : delta.firstSeq === this.seqNo + 1;
    if (!contiguous) {
      this.stats.gaps++;
      this.markResync({
        kind: "gap",
        venue: this.venue,
        symbol: this.symbol,
        seq: this.seqNo,
        firstSeq: delta.firstSeq,
        lastSeq: delta.lastSeq,
        prevSeq: delta.prevSeq,
        tsMs: delta.tsMs,
      });
      return "gap";
    }
    for (const l of delta.bids) this.bids.set(l.price, l.qty);
    for (const l of delta.asks) this.asks.set(l.price, l.qty);
    this.seqNo = delta.lastSeq;
    this.updatedMs = delta.tsMs;
    this.awaitingFirstDelta = false;
    this.cached = undefined;
    this.stats.applied++;
    return this.checkCrossed(delta.tsMs) ? "crossed" : "applied";
  }

  /** Forces a resync, e.g. when the feed disconnects. */
  invalidate(): void {
    this.resync = true;
    this.cached = undefined;
  }

  /** Immutable view, rebuilt only after an update; undefined while the book is untrusted. */
  view(): BookView | undefined {
    if (this.resync) return undefined;
    if (!this.cached) {
      this.cached = Object.freeze({
        venue: this.venue,
        symbol: this.symbol,
        bids: this.bids.snapshot(this.maxViewLevels),
        asks: this.asks.snapshot(this.maxViewLevels),
        seq: this.seqNo,
        updatedAtMs: this.updatedMs,
      });
    }
    return this.cached;
  }

  /** Time since the last applied update; Infinity if there never was one. */
  ageMs(nowMs: number): number {
    return Number.isNaN(this.updatedMs) ? Infinity : nowMs - this.updatedMs;
  }

  private checkCrossed(tsMs: number): boolean {
    const bid = this.bids.best();
    const ask = this.asks.best();
    if (!bid || !ask || bid.price < ask.price) return false;
    this.stats.crossed++;
    this.markResync({
      kind: "crossed",
      venue: this.venue,
      symbol: this.symbol,
      seq: this.seqNo,
      bestBid: bid.price,
      bestAsk: ask.price,
      tsMs,
    });
    return true;
  }

  private markResync(issue: BookIssue): void {
    this.resync = true;
    this.cached = undefined;
    this.lastIssue = issue;
    this.options.onIssue?.(issue);
  }
}
