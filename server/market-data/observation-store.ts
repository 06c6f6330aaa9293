/**
 * Rolling in-memory history per symbol and venue, fed by a source's listener: sampled
 * book states, the trade tape, consolidated mid samples and a volatility estimate.
 * Estimators (cost distribution, urgency, passive fills) read it. Memory is bounded by
 * ring buffers, each by count and by age (time-ring.ts), and hot readers (router, tape
 * statistics, market context, live view) ask for a time range, found by binary search,
 * rather than copying a whole history; time is the books' market time, so a replay or
 * simulation gives the same history as it would live.
 *
 * Mids at event time: besides the 1 s grid (σ, market context), every change of the
 * consolidated mid is kept as it happens (`eventMids`, stamped with the book update that
 * caused it), for a bounded window, so arrival and markout mids are the book's mid at the
 * event, not the sample up to 1 s before it. `midAt` and `tcaMids` read that series and
 * fall back to the 1 s grid where it no longer reaches.
 *
 * Volatility: EWMA of squared 1 s log returns of the consolidated mid (RiskMetrics-style
 * exponential weighting, J.P. Morgan 1996, with a half-life in seconds instead of a daily
 * lambda). Until enough returns exist, the symbol's configured volatility is reported,
 * and the result says which one it is.
 */
import { spotSymbolOf } from "@/lib/contracts/common";
import type { Clock } from "@/server/shared/clock";
import { TimeRing } from "./time-ring";
import { computeNbbo } from "./nbbo";
import { SECONDS_PER_YEAR, symbolParams } from "./symbols";
import type { BookView, Level, MarketSource, SymbolId, Trade, VenueId } from "./types";

export interface BookSample {
  tsMs: number;
  seq: number;
  /** Best `topLevels` levels a side. */
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface MidSample {
  tsMs: number;
  mid: number;
}

export interface VolatilityEstimate {
  sigmaPerSecond: number;
  sigmaAnnualized: number;
  /** "ewma" = estimated from observed mids; "configured" = the symbol's parameter; "none" = neither. */
  source: "ewma" | "configured" | "none";
  /** 1 s returns folded into the EWMA so far. */
  returns: number;
}

export interface ObservationStoreOptions {
  /** Attach to this source at construction (same as calling attach()). */
  source?: MarketSource;
  /** Used by the "last N ms" queries; without it they count back from the newest record. */
  clock?: Clock;
  /** One book sample per venue and one mid sample per symbol per this interval (default 1000 ms). */
  sampleEveryMs?: number;
  /**
   * Book samples kept per venue (default 120 = 2 min at 1 s). Their one reader, the
   * forecast's cost distribution, uses the last 60 states (plus a 5 s staleness window):
   * keeping 15 minutes cost ~1 MB per venue and a copy of every sample per forecast, and
   * made each forecast (one per order submit) slower for the first 15 minutes of a run.
   */
  bookCapacity?: number;
  /** Trades kept per venue (default 5000). */
  tradeCapacity?: number;
  /** Mid samples kept per symbol (default 3600). */
  midCapacity?: number;
  /** Book samples older than the venue's newest by more than this are dropped (default 2 min). */
  bookMaxAgeMs?: number;
  /**
   * Trades older than the venue's newest by more than this are dropped (default 10 min: the
   * forecast, router and simulator read the last 1–2 min; an order's tape VWAP needs its
   * lifetime, and an order older than this has none stored, market-context says so).
   */
  tradeMaxAgeMs?: number;
  /** Mid samples older than the symbol's newest by more than this are dropped (default 2 h). */
  midMaxAgeMs?: number;
  /** Event-time mid changes kept per symbol (default 36,000: 10 min at 60 changes/s; the simulated market makes ~30/s). */
  eventMidCapacity?: number;
  /** Event-time mids older than the symbol's newest by more than this are dropped (default 10 min: the 300 s markout + margin). */
  eventMidMaxAgeMs?: number;
  /** Levels a side kept in a book sample (default 20). */
  topLevels?: number;
  /** EWMA half-life in seconds (default 60). */
  ewmaHalfLifeS?: number;
  /** Returns needed before the EWMA replaces the configured figure (default 30). */
  minReturns?: number;
  /** Annualized fallback vol per symbol; default from symbols.ts. */
  configuredVol?: (symbol: SymbolId) => number | undefined;
}

interface VenueHistory {
  latest: BookView | undefined;
  lastSlot: number;
  samples: TimeRing<BookSample>;
  trades: TimeRing<Trade>;
}

interface SymbolHistory {
  venues: Map<VenueId, VenueHistory>;
  mids: TimeRing<MidSample>;
  eventMids: TimeRing<MidSample>;
  lastMidSlot: number;
  ewmaVar: number;
  returns: number;
}

export class ObservationStore {
  readonly sampleEveryMs: number;
  private readonly bookCapacity: number;
  private readonly tradeCapacity: number;
  private readonly midCapacity: number;
  private readonly bookMaxAgeMs: number;
  private readonly tradeMaxAgeMs: number;
  private readonly midMaxAgeMs: number;
  private readonly eventMidCapacity: number;
  private readonly eventMidMaxAgeMs: number;
  private readonly topLevels: number;
  private readonly decayPerS: number;
  private readonly minReturns: number;
  private readonly configuredVol: (symbol: SymbolId) => number | undefined;
  private readonly bySymbol = new Map<SymbolId, SymbolHistory>();
  private readonly clock: Clock | undefined;
  private readonly detachers: (() => void)[] = [];

  constructor(options: ObservationStoreOptions = {}) {
    this.clock = options.clock;
    this.sampleEveryMs = options.sampleEveryMs ?? 1000;
    this.bookCapacity = options.bookCapacity ?? 120;
    this.tradeCapacity = options.tradeCapacity ?? 5000;
    this.midCapacity = options.midCapacity ?? 3600;
    this.bookMaxAgeMs = options.bookMaxAgeMs ?? 2 * 60_000;
    this.tradeMaxAgeMs = options.tradeMaxAgeMs ?? 10 * 60_000;
    this.midMaxAgeMs = options.midMaxAgeMs ?? 2 * 60 * 60_000;
    this.eventMidCapacity = options.eventMidCapacity ?? 36_000;
    this.eventMidMaxAgeMs = options.eventMidMaxAgeMs ?? 10 * 60_000;
    this.topLevels = options.topLevels ?? 20;
    this.decayPerS = 2 ** (-1 / (options.ewmaHalfLifeS ?? 60));
    this.minReturns = options.minReturns ?? 30;
    // A perp has its underlying's volatility: the configured prior of BTC-USD-PERP is BTC-USD's.
    this.configuredVol = options.configuredVol ?? ((s) => symbolParams(spotSymbolOf(s))?.annualVol);
    if (options.source) this.attach(options.source);
  }

  /** Records everything the source emits from now on; returns a function that stops it. */
  attach(source: MarketSource): () => void {
    const detach = source.addListener({ onBook: (b) => this.recordBook(b), onTrade: (t) => this.recordTrade(t) });
    this.detachers.push(detach);
    return detach;
  }

  /** Detaches from every source. History is kept. */
  close(): void {
    for (const d of this.detachers.splice(0)) d();
  }

  recordBook(book: BookView): void {
    const sym = this.symbolHistory(book.symbol);
    const venue = this.venueHistory(sym, book.venue);
    const prev = venue.latest;
    // The consolidated mid depends on each venue's touch prices only: most updates leave them.
    const touchMoved = !prev || prev.bids[0]?.price !== book.bids[0]?.price || prev.asks[0]?.price !== book.asks[0]?.price;
    venue.latest = book;
    const slot = Math.floor(book.updatedAtMs / this.sampleEveryMs);
    if (slot > venue.lastSlot) {
      venue.lastSlot = slot;
      venue.samples.push({
        tsMs: book.updatedAtMs,
        seq: book.seq,
        bids: book.bids.length > this.topLevels ? book.bids.slice(0, this.topLevels) : book.bids,
        asks: book.asks.length > this.topLevels ? book.asks.slice(0, this.topLevels) : book.asks,
      });
    }
    if (touchMoved) this.recordEventMid(sym, book.updatedAtMs);
    if (slot > sym.lastMidSlot) this.sampleMid(sym, slot, book.updatedAtMs);
  }

  recordTrade(trade: Trade): void {
    this.venueHistory(this.symbolHistory(trade.symbol), trade.venue).trades.push(trade);
  }

  symbols(): SymbolId[] {
    return [...this.bySymbol.keys()];
  }

  latestBook(symbol: SymbolId, venue: VenueId): BookView | undefined {
    return this.bySymbol.get(symbol)?.venues.get(venue)?.latest;
  }

  /** Book samples, oldest first. */
  bookSamples(symbol: SymbolId, venue: VenueId): BookSample[] {
    return this.bySymbol.get(symbol)?.venues.get(venue)?.samples.toArray() ?? [];
  }

  /** Trades, oldest first; with sinceMs, only those at or after it. */
  trades(symbol: SymbolId, venue: VenueId, sinceMs?: number): Trade[] {
    const ring = this.bySymbol.get(symbol)?.venues.get(venue)?.trades;
    if (!ring) return [];
    return sinceMs === undefined ? ring.toArray() : ring.range(sinceMs, Infinity);
  }

  /** Trades with fromMs ≤ tsMs ≤ toMs, oldest first. */
  tradesBetween(symbol: SymbolId, venue: VenueId, fromMs: number, toMs: number): Trade[] {
    return this.bySymbol.get(symbol)?.venues.get(venue)?.trades.range(fromMs, toMs) ?? [];
  }

  /** The oldest trade still held: where the retained tape begins. */
  oldestTrade(symbol: SymbolId, venue: VenueId): Trade | undefined {
    return this.bySymbol.get(symbol)?.venues.get(venue)?.trades.first();
  }

  /** Trades of the last windowMs (by the clock, else counting back from the newest trade). */
  recentTrades(symbol: SymbolId, venue: VenueId, windowMs: number): Trade[] {
    const ring = this.bySymbol.get(symbol)?.venues.get(venue)?.trades;
    const newest = ring?.last();
    if (!ring || !newest) return [];
    const now = this.clock ? this.clock.nowMs() : newest.tsMs;
    return this.trades(symbol, venue, now - windowMs);
  }

  /**
   * Consolidated (NBBO) mid samples, oldest first. With asOfMs, only from the last sample at
   * or before it (the oldest if none is): what any "mid as of t ≥ asOfMs" lookup needs.
   */
  midSamples(symbol: SymbolId, asOfMs?: number): MidSample[] {
    const ring = this.bySymbol.get(symbol)?.mids;
    if (!ring) return [];
    return asOfMs === undefined ? ring.toArray() : ring.fromAsOf(asOfMs);
  }

  /** Mid samples with fromMs ≤ tsMs ≤ toMs, oldest first. */
  midsBetween(symbol: SymbolId, fromMs: number, toMs: number): MidSample[] {
    return this.bySymbol.get(symbol)?.mids.range(fromMs, toMs) ?? [];
  }

  /** Event-time mids (every change of the consolidated mid) with fromMs ≤ tsMs ≤ toMs, oldest first. */
  eventMidsBetween(symbol: SymbolId, fromMs: number, toMs: number): MidSample[] {
    return this.bySymbol.get(symbol)?.eventMids.range(fromMs, toMs) ?? [];
  }

  /**
   * The consolidated mid in force at `atMs`: the last event-time mid at or before it when
   * the event series reaches back that far, else the last 1 s sample (undefined before both).
   */
  midAt(symbol: SymbolId, atMs: number): number | undefined {
    const sym = this.bySymbol.get(symbol);
    if (!sym) return undefined;
    const first = sym.eventMids.first();
    if (first && first.tsMs <= atMs) return sym.eventMids.atOrBefore(atMs)?.mid;
    return sym.mids.atOrBefore(atMs)?.mid;
  }

  /**
   * The mid series for TCA over [fromMs, toMs] (plus the sample in force at fromMs): the
   * 1 s samples before the event series begins, then every event-time mid.
   */
  tcaMids(symbol: SymbolId, fromMs: number, toMs: number): MidSample[] {
    const sym = this.bySymbol.get(symbol);
    if (!sym) return [];
    const first = sym.eventMids.first();
    const fine = first ? sym.eventMids.fromAsOf(fromMs).filter((m) => m.tsMs <= toMs) : [];
    const fineFrom = fine[0]?.tsMs ?? Infinity;
    const coarse = sym.mids.fromAsOf(fromMs).filter((m) => m.tsMs < fineFrom && m.tsMs <= toMs);
    return coarse.length === 0 ? fine : [...coarse, ...fine];
  }

  volatility(symbol: SymbolId): VolatilityEstimate {
    const sym = this.bySymbol.get(symbol);
    const returns = sym?.returns ?? 0;
    if (sym && returns >= this.minReturns) {
      const perS = Math.sqrt(sym.ewmaVar);
      return { sigmaPerSecond: perS, sigmaAnnualized: perS * Math.sqrt(SECONDS_PER_YEAR), source: "ewma", returns };
    }
    const annual = this.configuredVol(symbol);
    if (annual === undefined) return { sigmaPerSecond: Number.NaN, sigmaAnnualized: Number.NaN, source: "none", returns };
    return { sigmaPerSecond: annual / Math.sqrt(SECONDS_PER_YEAR), sigmaAnnualized: annual, source: "configured", returns };
  }

  private recordEventMid(sym: SymbolHistory, tsMs: number): void {
    const books: BookView[] = [];
    for (const v of sym.venues.values()) if (v.latest) books.push(v.latest);
    const mid = computeNbbo(books).mid;
    if (mid === undefined || !(mid > 0)) return;
    const prev = sym.eventMids.last();
    if (prev && prev.mid === mid) return;
    // Venues' clocks can interleave: the consolidated mid changes when the update arrives.
    sym.eventMids.push({ tsMs: prev ? Math.max(prev.tsMs, tsMs) : tsMs, mid });
  }

  private sampleMid(sym: SymbolHistory, slot: number, tsMs: number): void {
    const books: BookView[] = [];
    for (const v of sym.venues.values()) if (v.latest) books.push(v.latest);
    const mid = computeNbbo(books).mid;
    if (mid === undefined || !(mid > 0)) return;
    sym.lastMidSlot = slot;
    const prev = sym.mids.last();
    sym.mids.push({ tsMs, mid });
    if (!prev) return;
    const dtS = (tsMs - prev.tsMs) / 1000;
    if (!(dtS > 0)) return;
    // Variance per second from a return over dtS; decay scaled to the elapsed time so a
    // missed sample does not count as a quiet second.
    const r = Math.log(mid / prev.mid);
    const x = (r * r) / dtS;
    if (sym.returns === 0) sym.ewmaVar = x;
    else {
      const keep = this.decayPerS ** dtS;
      sym.ewmaVar = keep * sym.ewmaVar + (1 - keep) * x;
    }
    sym.returns++;
  }

  private symbolHistory(symbol: SymbolId): SymbolHistory {
    let s = this.bySymbol.get(symbol);
    if (!s) {
      s = { venues: new Map(), mids: new TimeRing({ capacity: this.midCapacity, maxAgeMs: this.midMaxAgeMs }),
        eventMids: new TimeRing({ capacity: this.eventMidCapacity, maxAgeMs: this.eventMidMaxAgeMs }),
        lastMidSlot: -Infinity, ewmaVar: 0, returns: 0 };
      this.bySymbol.set(symbol, s);
    }
    return s;
  }

  private venueHistory(sym: SymbolHistory, venue: VenueId): VenueHistory {
    let v = sym.venues.get(venue);
    if (!v) {
      v = {
        latest: undefined,
        lastSlot: -Infinity,
        samples: new TimeRing({ capacity: this.bookCapacity, maxAgeMs: this.bookMaxAgeMs }),
        trades: new TimeRing({ capacity: this.tradeCapacity, maxAgeMs: this.tradeMaxAgeMs }),
      };
      sym.venues.set(venue, v);
    }
    return v;
  }
}

export function createObservationStore(options?: ObservationStoreOptions): ObservationStore {
  return new ObservationStore(options);
}
