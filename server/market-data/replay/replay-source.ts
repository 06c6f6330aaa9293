/**
 * The replay market source (MARKET_SOURCE=replay): recorded files played back as a live
 * market, behind the same MarketSource port as the simulated source, so the hub, the
 * observation store and the sandbox matching engine run on it unchanged.
 *
 * Time. Market time is the process clock. The recording is rebased: its first recorded
 * message plays at the start time (start(), or the first advanceTo() before any start),
 * and recorded inter-arrival gaps are kept, divided by `speed`. Books and trades are
 * stamped with that market time (so age_ms and staleness mean what they mean live); the
 * recorded time stays available as `recordedAtMs` / `lastUpdateRecordedMs` in status().
 * With `loop`, the next pass starts `loopGapMs` after the last message and replays the
 * whole recording again from its snapshot; market time keeps increasing. speed "max" (or
 * 0) ignores recorded gaps: each advanceTo() applies up to maxEventsPerTick events
 * stamped with the time given (for benches and soak runs).
 *
 * Determinism: nothing happens but through advanceTo(ms), which applies every event whose
 * play time is <= ms; start() only schedules advanceTo(clock.nowMs()) every tickMs.
 *
 * Emission, as in the simulated source: trades go to listeners as they are applied;
 * changed books are emitted once per tickMs slice of market time (and at the end of each
 * advanceTo), not once per diff, so consumers see the ~10 Hz book cadence they see from
 * the simulated market whatever the recording's message rate.
 *
 * Integrity: see sync-replay-book.ts — a gap or crossed book is logged, counted and the
 * book withheld (book() = undefined) until a snapshot resyncs it.
 */
import { VENUES } from "@/lib/contracts/common";
import type { Clock } from "@/server/shared/clock";
import type { Logger } from "@/server/shared/logger";
import type { BookIssue } from "../order-book";
import type { Scheduler } from "../simulated-source";
import type { BookView, MarketListener, MarketSource, SymbolId, Trade, VenueId } from "../types";
import { ReplayEventMerge } from "./merge-replay-events";
import type { DecodedRecording, ReplayEvent } from "./replay-event";
import type { ReplayBookStatus, ReplayFileStatus, ReplayStatus } from "./replay-status";
import { ReplayBook } from "./sync-replay-book";

export interface ReplayTimingOptions {
  clock: Clock;
  scheduler: Scheduler;
  log?: Logger;
  /** 1 = real time (default), 10 = ten times faster; "max" or 0 = as fast as possible. */
  speed?: number | "max";
  /** At the end, restart from the recording's snapshot (default false). */
  loop?: boolean;
  /** Scheduler period and book-emission slice, market ms (default 100). */
  tickMs?: number;
  /** Market time between the last message of a pass and the first of the next (default tickMs). */
  loopGapMs?: number;
  /** speed "max" only: events applied per advanceTo() (default 20 000). */
  maxEventsPerTick?: number;
  /** Levels per side in a served book (default 1000, a Binance REST snapshot's depth). */
  maxViewLevels?: number;
}

export class UnknownReplaySymbolError extends Error {
  constructor(readonly symbol: SymbolId) {
    super(`the replay source does not serve "${symbol}" (not in the recorded files)`);
    this.name = "UnknownReplaySymbolError";
  }
}

const SILENT: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const key = (venue: VenueId, symbol: SymbolId) => `${venue}|${symbol}`;

export class ReplaySource implements MarketSource {
  readonly kind = "replay" as const;
  readonly speed: number | "max";
  readonly loop: boolean;
  readonly tickMs: number;
  /** Listener exceptions are contained (one bad consumer must not stop the market); counted here. */
  listenerErrors = 0;
  lastListenerError: unknown;

  private readonly clock: Clock;
  private readonly scheduler: Scheduler;
  private readonly log: Logger;
  private readonly loopGapMs: number;
  private readonly maxEventsPerTick: number;
  private readonly merge: ReplayEventMerge;
  private readonly books = new Map<string, ReplayBook>();
  private readonly served: SymbolId[];
  private readonly venuesBySymbol = new Map<SymbolId, VenueId[]>();
  private readonly files: ReplayFileStatus[];
  private readonly dirty = new Set<ReplayBook>();
  private listeners: readonly MarketListener[] = [];
  private timer: unknown;
  private running = false;
  private passStartMs: number | undefined;
  private marketNowMs: number | undefined;
  private sliceEndMs = -Infinity;
  private lastRecMs: number | undefined;
  private loops = 0;
  private done = false;

  constructor(recordings: readonly DecodedRecording[], options: ReplayTimingOptions) {
    this.clock = options.clock;
    this.scheduler = options.scheduler;
    this.log = options.log ?? SILENT;
    const speed = options.speed ?? 1;
    if (speed !== "max" && !(Number.isFinite(speed) && speed >= 0)) throw new RangeError(`replay speed must be a number >= 0 or "max", got ${speed}`);
    this.speed = speed === 0 ? "max" : speed;
    this.loop = options.loop ?? false;
    this.tickMs = options.tickMs ?? 100;
    if (!(this.tickMs > 0)) throw new RangeError(`tickMs must be positive, got ${this.tickMs}`);
    this.loopGapMs = options.loopGapMs ?? this.tickMs;
    if (!(this.loopGapMs > 0)) throw new RangeError(`loopGapMs must be positive, got ${this.loopGapMs}`);
    this.maxEventsPerTick = options.maxEventsPerTick ?? 20_000;
    this.merge = new ReplayEventMerge(recordings.map((r) => r.events));

    const symbols = new Set<SymbolId>();
    this.files = recordings.map((r) => {
      const venues = new Set<VenueId>();
      const fileSymbols = new Set<SymbolId>();
      for (const ev of r.events) {
        const k = key(ev.venue, ev.symbol);
        if (!this.books.has(k)) {
          this.books.set(k, new ReplayBook(ev.venue, ev.symbol, (issue) => this.onIssue(issue), options.maxViewLevels ?? 1000));
        }
        venues.add(ev.venue);
        fileSymbols.add(ev.symbol);
        symbols.add(ev.symbol);
      }
      return {
        path: r.path,
        format: r.format,
        venues: VENUES.filter((v) => venues.has(v)),
        symbols: [...fileSymbols].sort(),
        events: r.events.length,
        skipped: r.skipped,
        recordedStartMs: r.events[0]?.recMs ?? null,
        recordedEndMs: r.events[r.events.length - 1]?.recMs ?? null,
      };
    });
    this.served = [...symbols].sort();
    for (const s of this.served) this.venuesBySymbol.set(s, VENUES.filter((v) => this.books.has(key(v, s))));
  }

  symbols(): readonly SymbolId[] {
    return this.served;
  }

  venuesFor(symbol: SymbolId): readonly VenueId[] {
    return this.venuesBySymbol.get(symbol) ?? [];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.passStartMs === undefined) this.begin(this.clock.nowMs());
    this.timer = this.scheduler.setInterval(() => this.advanceTo(this.clock.nowMs()), this.tickMs);
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.scheduler.clearInterval(this.timer);
    this.timer = undefined;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** True once a non-looping replay has applied its last event. */
  get finished(): boolean {
    return this.done;
  }

  /** Every recorded symbol plays from the start (a book can only be built from the file's snapshot), so subscribing only checks the symbol. */
  subscribe(symbol: SymbolId): void {
    if (!this.venuesBySymbol.has(symbol)) throw new UnknownReplaySymbolError(symbol);
  }

  isSubscribed(symbol: SymbolId): boolean {
    return this.venuesBySymbol.has(symbol);
  }

  book(venue: VenueId, symbol: SymbolId): BookView | undefined {
    return this.books.get(key(venue, symbol))?.view();
  }

  /** A recording has no REST endpoint: the "snapshot" is the current replayed book. */
  fetchSnapshot(venue: VenueId, symbol: SymbolId): Promise<BookView | undefined> {
    return Promise.resolve(this.book(venue, symbol));
  }

  addListener(listener: MarketListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Applies every event whose play time is <= targetMs (speed "max": up to maxEventsPerTick). */
  advanceTo(targetMs: number): void {
    if (this.passStartMs === undefined) this.begin(this.clock.nowMs());
    // Time never runs back; at "max" the same time may be given again to apply the next batch.
    if (this.marketNowMs !== undefined && (targetMs < this.marketNowMs || (targetMs === this.marketNowMs && this.speed !== "max"))) return;
    this.marketNowMs = targetMs;
    if (this.merge.total === 0) {
      this.done = true;
      return;
    }
    if (this.speed === "max") this.applyAsFastAsPossible(targetMs);
    else this.applyUpTo(targetMs, this.speed);
    this.flushBooks();
  }

  /** The recorded time the market is at (null before the replay starts). */
  recordedAtMs(): number | null {
    if (this.passStartMs === undefined || this.marketNowMs === undefined || this.merge.total === 0) return this.lastRecMs ?? null;
    if (this.speed === "max") return this.lastRecMs ?? this.merge.firstRecMs;
    const at = this.merge.firstRecMs + (this.marketNowMs - this.passStartMs) * this.speed;
    return Math.min(this.merge.lastRecMs, Math.max(this.merge.firstRecMs, at));
  }

  status(): ReplayStatus {
    const books: ReplayBookStatus[] = [];
    for (const rb of this.orderedBooks()) {
      const bestBid = rb.book.bids.best();
      const bestAsk = rb.book.asks.best();
      books.push({
        venue: rb.venue,
        symbol: rb.symbol,
        state: rb.state,
        ...rb.counters,
        lastUpdateMs: Number.isNaN(rb.lastUpdateMarketMs) ? null : rb.lastUpdateMarketMs,
        lastUpdateRecordedMs: Number.isNaN(rb.lastUpdateRecordedMs) ? null : rb.lastUpdateRecordedMs,
        bidLevels: rb.book.bids.length,
        askLevels: rb.book.asks.length,
        bestBid: bestBid?.price ?? null,
        bestAsk: bestAsk?.price ?? null,
        ticker: rb.ticker ?? null,
        lastIssue: rb.lastIssue ?? null,
      });
    }
    const total = this.merge.total;
    return {
      kind: "replay",
      speed: this.speed,
      loop: this.loop,
      running: this.running,
      finished: this.done,
      loops: this.loops,
      marketNowMs: this.marketNowMs ?? null,
      recordedAtMs: this.recordedAtMs(),
      recordedStartMs: total > 0 ? this.merge.firstRecMs : null,
      recordedEndMs: total > 0 ? this.merge.lastRecMs : null,
      position: this.merge.position,
      events: total,
      progress: total > 0 ? this.merge.position / total : 1,
      files: this.files.map((f) => ({ ...f, venues: [...f.venues], symbols: [...f.symbols] })),
      books,
    };
  }

  /** The port's feed report (per-venue counters and the replay position). */
  feedReport() {
    const status = this.status();
    const venues = VENUES.filter((v) => status.books.some((b) => b.venue === v)).map((venue) => {
      const rows = status.books.filter((b) => b.venue === venue);
      const issue = rows.find((b) => b.lastIssue)?.lastIssue;
      return {
        venue,
        connection: "ok" as const,
        messages: rows.reduce((n, b) => n + b.messages, 0),
        gaps: rows.reduce((n, b) => n + b.gaps, 0),
        resyncs: rows.reduce((n, b) => n + b.resyncs, 0),
        crossed: rows.reduce((n, b) => n + b.crossed, 0),
        reconnects: null,
        lastError: issue ? `${issue.kind} at seq ${issue.seq}` : null,
        resyncing: rows.filter((b) => b.state !== "in_sync").map((b) => b.symbol),
      };
    });
    return {
      venues,
      replay: {
        files: status.files.map((f) => ({ path: f.path, format: f.format, venue: f.venues[0], messages: f.events })),
        speed: status.speed === "max" ? 0 : status.speed,
        loop: status.loop,
        loops: status.loops,
        recordedAtMs: status.recordedAtMs,
        recordedStartMs: status.recordedStartMs,
        recordedEndMs: status.recordedEndMs,
        progress: status.progress,
        finished: status.finished,
      },
    };
  }

  private begin(atMs: number): void {
    this.passStartMs = atMs;
    this.marketNowMs = undefined;
    this.log.info(
      `replay: ${this.merge.total} events from ${this.files.length} file(s), recorded ${isoOrNone(this.merge.firstRecMs)} – ${isoOrNone(this.merge.lastRecMs)}, speed ${this.speed}${this.loop ? ", looping" : ""}`,
    );
  }

  private applyUpTo(targetMs: number, speed: number): void {
    const firstRec = this.merge.firstRecMs;
    for (;;) {
      const passStart = this.passStartMs as number;
      const ev = this.merge.peek();
      if (!ev) {
        if (!this.loop) {
          this.finish();
          return;
        }
        const nextStart = passStart + (this.merge.lastRecMs - firstRec) / speed + this.loopGapMs;
        if (nextStart > targetMs) return;
        this.restart(nextStart);
        continue;
      }
      const at = passStart + (ev.recMs - firstRec) / speed;
      if (at > targetMs) return;
      if (at >= this.sliceEndMs) {
        this.flushBooks();
        this.sliceEndMs = (Math.floor(at / this.tickMs) + 1) * this.tickMs;
      }
      this.merge.next();
      this.apply(ev, at);
    }
  }

  private applyAsFastAsPossible(targetMs: number): void {
    for (let budget = this.maxEventsPerTick; budget > 0; budget--) {
      const ev = this.merge.next();
      if (ev) {
        this.apply(ev, targetMs);
        continue;
      }
      if (!this.loop) {
        this.finish();
        return;
      }
      this.flushBooks();
      this.restart(targetMs);
    }
  }

  /**
   * A print's tape time: the exchange's trade time on the replay clock (receive time minus
   * the recorded exchange→receive delay, scaled by the speed), so interval VWAPs put prints
   * in the window they traded in. Without an exchange time, or at speed "max" (no clock to
   * map onto), or when the exchange clock reads ahead of the receive time: the play time.
   */
  private tapeTimeOf(ev: Extract<ReplayEvent, { kind: "trade" }>, atMs: number): number {
    if (ev.exchangeMs === undefined || this.speed === "max" || !(ev.recMs > ev.exchangeMs)) return atMs;
    return atMs - (ev.recMs - ev.exchangeMs) / this.speed;
  }

  private apply(ev: ReplayEvent, atMs: number): void {
    this.lastRecMs = ev.recMs;
    const rb = this.books.get(key(ev.venue, ev.symbol)) as ReplayBook;
    switch (ev.kind) {
      case "snapshot":
        if (rb.applySnapshot(ev, atMs)) this.log.info(`replay: ${ev.venue} ${ev.symbol} resynced from the snapshot at seq ${ev.seq}`);
        this.dirty.add(rb);
        break;
      case "delta":
        rb.applyDeltaEvent(ev, atMs);
        this.dirty.add(rb);
        break;
      case "trade": {
        rb.noteTrade(ev.recMs, atMs);
        // Later passes replay the same trades: keep their ids unique for consumers that dedupe.
        const id = this.loops === 0 ? ev.id : `${ev.id}#${this.loops}`;
        this.emitTrade({ venue: ev.venue, symbol: ev.symbol, price: ev.price, qty: ev.qty, aggressor: ev.aggressor, tsMs: this.tapeTimeOf(ev, atMs), id });
        break;
      }
      case "ticker":
        rb.noteTicker(ev.bid, ev.ask, ev.recMs, atMs);
        break;
    }
  }

  private restart(atMs: number): void {
    this.loops++;
    this.passStartMs = atMs;
    this.merge.rewind();
    for (const rb of this.books.values()) rb.newPass();
    this.log.info(`replay: loop ${this.loops} starts; books are withheld until the recording's snapshot plays again`);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.log.info(`replay: end of recording after ${this.merge.total} events (no loop: books keep their last state)`);
  }

  private onIssue(issue: BookIssue): void {
    const seqs =
      issue.kind === "gap"
        ? `book seq ${issue.seq}, next update U=${issue.firstSeq} u=${issue.lastSeq}${issue.prevSeq === undefined ? "" : ` pu=${issue.prevSeq}`}`
        : `best bid ${issue.bestBid} >= best ask ${issue.bestAsk} at seq ${issue.seq}`;
    this.log.warn(
      `replay: ${issue.kind} on ${issue.venue} ${issue.symbol} (${seqs}); book withheld until the next snapshot${this.loop ? " (next loop at the latest)" : " (none left without loop)"}`,
    );
  }

  private emitTrade(trade: Trade): void {
    for (const l of this.listeners) {
      if (!l.onTrade) continue;
      try {
        l.onTrade(trade);
      } catch (err) {
        this.listenerErrors++;
        this.lastListenerError = err;
      }
    }
  }

  private flushBooks(): void {
    if (this.dirty.size === 0) return;
    const listeners = this.listeners;
    if (listeners.length > 0) {
      for (const rb of this.dirty) {
        const view = rb.view();
        if (!view) continue;
        for (const l of listeners) {
          try {
            l.onBook?.(view);
          } catch (err) {
            this.listenerErrors++;
            this.lastListenerError = err;
          }
        }
      }
    }
    this.dirty.clear();
  }

  private orderedBooks(): ReplayBook[] {
    const out: ReplayBook[] = [];
    for (const s of this.served) for (const v of this.venuesFor(s)) out.push(this.books.get(key(v, s)) as ReplayBook);
    return out;
  }
}

function isoOrNone(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : "none";
}
