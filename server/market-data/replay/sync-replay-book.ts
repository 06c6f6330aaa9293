/**
 * One replayed book (venue, symbol): Binance's sync procedure over recorded events, on top
 * of OrderBook's sequence rule (order-book.ts: spot U <= lastUpdateId+1 <= u then U = prev
 * u + 1; futures U <= lastUpdateId <= u then pu = prev u).
 *
 * - Deltas recorded before the pass's snapshot are buffered, then replayed through the
 *   rule when the snapshot arrives (the ones it already contains drop as stale).
 * - A gap or a crossed book withholds the book (view() = undefined), is counted and
 *   reported through onIssue, never served. Resync = the next snapshot event. A recording
 *   holds only the snapshots it recorded (one per Binance file), so a Binance book that
 *   hits a gap stays withheld until the next loop replays the file's snapshot; without
 *   loop it stays withheld to the end. Deltas meanwhile are refused (counted).
 * - newPass() (a loop restart) drops the book and waits for the snapshot again, exactly
 *   as on the first pass, so every pass is built the same way.
 */
import { OrderBook, type BookIssue } from "../order-book";
import type { BookView, SymbolId, VenueId } from "../types";
import type { ReplayDeltaEvent, ReplaySnapshotEvent } from "./replay-event";

export type ReplayBookState = "awaiting_snapshot" | "in_sync" | "resyncing";

export interface ReplayBookCounters {
  /** Every event of this book: snapshots, deltas, trades, tickers. */
  messages: number;
  snapshots: number;
  deltasApplied: number;
  trades: number;
  tickers: number;
  gaps: number;
  crossed: number;
  /** Snapshots that brought back a book withheld after a gap or crossed book. */
  resyncs: number;
  /** Deltas already contained in the book (before the snapshot's id), dropped. */
  staleDropped: number;
  /** Deltas refused while the book waited for a resync snapshot. */
  refused: number;
  /** Deltas buffered before a pass's snapshot (replayed against it). */
  buffered: number;
}

interface Delta {
  firstSeq: number;
  lastSeq: number;
  prevSeq: number | undefined;
  bids: ReplayDeltaEvent["bids"];
  asks: ReplayDeltaEvent["asks"];
}

export class ReplayBook {
  readonly book: OrderBook;
  readonly counters: ReplayBookCounters = {
    messages: 0,
    snapshots: 0,
    deltasApplied: 0,
    trades: 0,
    tickers: 0,
    gaps: 0,
    crossed: 0,
    resyncs: 0,
    staleDropped: 0,
    refused: 0,
    buffered: 0,
  };
  lastUpdateMarketMs = Number.NaN;
  lastUpdateRecordedMs = Number.NaN;
  lastIssue: BookIssue | undefined;
  /** Best bid/ask of the venue's own ticker stream, for comparison in the status. */
  ticker: { bid: number; ask: number } | undefined;

  private snapshotThisPass = false;
  /** A gap or crossed book in this pass: deltas are refused until a snapshot. */
  private broken = false;
  /** An issue not yet repaired by a snapshot (survives a loop restart, so that repair counts as a resync). */
  private repairPending = false;
  private buffer: Delta[] = [];

  constructor(
    readonly venue: VenueId,
    readonly symbol: SymbolId,
    onIssue: (issue: BookIssue) => void,
    maxViewLevels?: number,
  ) {
    this.book = new OrderBook(venue, symbol, {
      maxViewLevels,
      onIssue: (issue) => {
        this.broken = true;
        this.repairPending = true;
        this.lastIssue = issue;
        if (issue.kind === "gap") this.counters.gaps++;
        else this.counters.crossed++;
        onIssue(issue);
      },
    });
  }

  get state(): ReplayBookState {
    if (!this.book.needsResync) return "in_sync";
    return this.repairPending ? "resyncing" : "awaiting_snapshot";
  }

  view(): BookView | undefined {
    return this.book.view();
  }

  /** Returns true when the snapshot repaired a withheld book (a resync). */
  applySnapshot(ev: ReplaySnapshotEvent, marketMs: number): boolean {
    this.counters.messages++;
    this.counters.snapshots++;
    this.broken = false;
    this.snapshotThisPass = true;
    this.book.applySnapshot(ev.bids, ev.asks, ev.seq, marketMs);
    this.touch(marketMs, ev.recMs);
    // Buffered deltas are applied at the snapshot's instant: that is when the feed handler
    // would replay them, and it keeps the book's update time monotone.
    const buffered = this.buffer;
    this.buffer = [];
    for (const d of buffered) this.applyDelta(d, marketMs);
    if (this.repairPending && !this.book.needsResync) {
      this.repairPending = false;
      this.counters.resyncs++;
      return true;
    }
    return false;
  }

  applyDeltaEvent(ev: ReplayDeltaEvent, marketMs: number): void {
    this.counters.messages++;
    this.touch(marketMs, ev.recMs);
    if (!this.snapshotThisPass && !this.broken) {
      this.buffer.push(ev);
      this.counters.buffered++;
      return;
    }
    this.applyDelta(ev, marketMs);
  }

  noteTrade(recMs: number, marketMs: number): void {
    this.counters.messages++;
    this.counters.trades++;
    this.touch(marketMs, recMs);
  }

  noteTicker(bid: number, ask: number, recMs: number, marketMs: number): void {
    this.counters.messages++;
    this.counters.tickers++;
    this.ticker = { bid, ask };
    this.touch(marketMs, recMs);
  }

  /** A loop restart: drop the book and sync from the recording's snapshot again. */
  newPass(): void {
    this.book.invalidate();
    this.snapshotThisPass = false;
    this.broken = false;
    this.buffer = [];
  }

  private applyDelta(d: Delta, marketMs: number): void {
    const r = this.book.applyDelta({
      firstSeq: d.firstSeq,
      lastSeq: d.lastSeq,
      prevSeq: d.prevSeq,
      bids: d.bids,
      asks: d.asks,
      tsMs: marketMs,
    });
    // "crossed" was applied, then withheld; gaps and crossed books are counted by onIssue.
    if (r === "applied" || r === "crossed") this.counters.deltasApplied++;
    else if (r === "stale") this.counters.staleDropped++;
    else if (r === "awaiting_snapshot") this.counters.refused++;
  }

  private touch(marketMs: number, recMs: number): void {
    this.lastUpdateMarketMs = marketMs;
    this.lastUpdateRecordedMs = recMs;
  }
}
