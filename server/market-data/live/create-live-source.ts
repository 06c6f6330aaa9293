/**
 * Live market source (MARKET_SOURCE=live): public books and trades from the venues'
 * WebSocket feeds through ccxt.pro, REST snapshots through ccxt, and a plain public REST
 * fallback. No credentials.
 *
 * Per subscribed symbol and venue two loops run: one awaits ccxt's watchOrderBook (ccxt
 * fetches the REST snapshot, buffers and applies the diffs and checks their sequence),
 * one awaits watchTrades. A loop that fails waits (backoff with jitter) and calls again;
 * ccxt opens a new connection and resyncs from a new snapshot on that call.
 *
 * Serving rule (see isServable): after a sequence gap (ccxt's InvalidNonce/ChecksumError)
 * or a crossed book the venue's book is withheld until a fresh one arrives; a book frozen
 * by a dropped connection is served with its age until withholdAfterMs.
 *
 * All time comes from the injected clock and all waiting from the injected timers, so
 * staleness and backoff are testable; ccxt's own sockets run on real time.
 */
import type { Clock } from "@/server/shared/clock";
import type { Logger } from "@/server/shared/logger";
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import type { BookView, FeedReport, MarketListener, MarketSource, SymbolId, Trade, VenueId } from "../types";
import { classifyVenueState, isServable, type VenuePhase } from "./classify-venue-state";
import { computeBackoffMs, DEFAULT_BACKOFF, type BackoffParams } from "./compute-backoff";
import { classifyWatchError, errorMessage, toBookView, toTrade, type RawBook } from "./convert-book";
import { createCcxtExchange, type LiveExchange } from "./create-ccxt-exchange";
import { LIVE_MARKETS, LIVE_VENUES, isLiveVenue, liveMarketFor, type LiveVenue } from "./live-markets";
import { feedReportOf, type LiveBookStatus, type LiveSourceStatus, type LiveVenueStatus } from "./live-source-status";
import { parsePublicBook, publicBookPath, PUBLIC_API_BASE } from "./public-book-api";

export interface LiveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type ExchangeRole = "stream" | "rest";

export interface LiveSourceOptions {
  clock: Clock;
  log?: Logger;
  /** Venues to connect to (default the seven spot venues). */
  venues?: readonly LiveVenue[];
  /** Symbols served (default DEFAULT_SYMBOLS). */
  symbols?: readonly SymbolId[];
  /**
   * Builds a venue's exchange client (default: ccxt.pro with `urls[venue]` merged in).
   * Two per venue: "stream" for the watchers, "rest" for fetchSnapshot. Separate because
   * ccxt queues an instance's REST calls behind its rate limiter, and the stream's own
   * 1000-level sync snapshot would hold the cold chain's snapshot back for ~0.5 s: the
   * very moment the cold chain needs it is when the stream's snapshot is slow.
   */
  createExchange?: (venue: LiveVenue, role: ExchangeRole) => LiveExchange;
  /**
   * Load every venue's market list at start() (default true), so the first cold request
   * for a symbol waits only for the socket and the snapshot, not for market metadata.
   */
  preloadMarkets?: boolean;
  /** ccxt `urls` overrides per venue, used by the default createExchange. */
  urls?: Partial<Record<LiveVenue, Record<string, unknown>>>;
  /** Base URL of each venue's public REST API for fetchPublicBook (default PUBLIC_API_BASE). */
  publicApiBase?: Partial<Record<LiveVenue, string>>;
  fetch?: typeof fetch;
  backoff?: Partial<BackoffParams>;
  /** Uniform [0, 1) for backoff jitter (default Math.random). */
  random?: () => number;
  timers?: LiveTimers;
  /** A venue silent for longer than this is "stale" (default 5 s). */
  staleAfterMs?: number;
  /** A book older than this is no longer served (default 60 s). */
  withholdAfterMs?: number;
  /** A venue reconnecting for longer than this is "down" (default 60 s). */
  downAfterMs?: number;
  /**
   * A streaming venue silent for longer than this has its connections closed and
   * reopened: a half-open socket never errors by itself (default 30 s; 0 = never).
   */
  silentReconnectMs?: number;
  /** Levels per side in served books (default 100). */
  maxLevels?: number;
  /** Depth requested by fetchSnapshot (default 100). */
  snapshotLimit?: number;
  /** Timeout of one public REST request (default 2 s; the hub bounds its wait anyway). */
  publicApiTimeoutMs?: number;
}

export class UnknownLiveSymbolError extends Error {
  constructor(readonly symbol: SymbolId) {
    super(`the live source does not serve "${symbol}"`);
    this.name = "UnknownLiveSymbolError";
  }
}

interface SymbolFeed {
  book: BookView | undefined;
  withheld: "resync" | "crossed" | null;
  resyncs: number;
  updates: number;
}

interface VenueFeed {
  venue: LiveVenue;
  phase: VenuePhase;
  marketsLoaded: boolean;
  lastMessageMs: number | undefined;
  reconnectingSinceMs: number | undefined;
  reconnects: number;
  errors: number;
  lastError: string | undefined;
  lastErrorMs: number | undefined;
  exchange: LiveExchange | undefined;
  rest: LiveExchange | undefined;
  symbols: Map<SymbolId, SymbolFeed>;
  /** Recently emitted trade ids: ccxt may hand a trade out again after a reconnect. */
  seenTrades: Set<string>;
}

interface Sleeper {
  handle: unknown;
  resolve: () => void;
}

const SEEN_TRADES_CAP = 5_000;

const defaultTimers: LiveTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LiveSource implements MarketSource {
  readonly kind = "live" as const;
  readonly staleAfterMs: number;
  readonly withholdAfterMs: number;

  private readonly clock: Clock;
  private readonly log: Logger | undefined;
  private readonly venueIds: readonly LiveVenue[];
  private readonly served: readonly SymbolId[];
  private readonly makeExchange: (venue: LiveVenue, role: ExchangeRole) => LiveExchange;
  private readonly preloadMarkets: boolean;
  private readonly publicBase: Readonly<Record<LiveVenue, string>>;
  private readonly fetchFn: typeof fetch;
  private readonly backoff: BackoffParams;
  private readonly random: () => number;
  private readonly timers: LiveTimers;
  private readonly downAfterMs: number;
  private readonly silentReconnectMs: number;
  private readonly maxLevels: number;
  private readonly snapshotLimit: number;
  private readonly publicApiTimeoutMs: number;

  private readonly feeds = new Map<LiveVenue, VenueFeed>();
  private readonly subscribed = new Set<SymbolId>();
  private readonly venueCache = new Map<SymbolId, readonly VenueId[]>();
  private readonly sleepers = new Set<Sleeper>();
  private listeners: readonly MarketListener[] = [];
  private running = false;
  /** Bumped by stop(): loops of an older generation exit. */
  private generation = 0;
  private watchdog: unknown;
  private localSeq = 0;

  constructor(options: LiveSourceOptions) {
    this.clock = options.clock;
    this.log = options.log;
    this.venueIds = options.venues ?? LIVE_VENUES;
    this.served = options.symbols ?? DEFAULT_SYMBOLS;
    const urls = options.urls ?? {};
    this.makeExchange = options.createExchange ?? ((venue) => createCcxtExchange(venue, { urls: urls[venue] }));
    this.preloadMarkets = options.preloadMarkets ?? true;
    this.publicBase = { ...PUBLIC_API_BASE, ...options.publicApiBase };
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? defaultTimers;
    this.staleAfterMs = options.staleAfterMs ?? 5_000;
    this.withholdAfterMs = options.withholdAfterMs ?? 60_000;
    this.downAfterMs = options.downAfterMs ?? 60_000;
    this.silentReconnectMs = options.silentReconnectMs ?? 30_000;
    this.maxLevels = options.maxLevels ?? 100;
    this.snapshotLimit = options.snapshotLimit ?? 100;
    this.publicApiTimeoutMs = options.publicApiTimeoutMs ?? 2_000;
    for (const venue of this.venueIds) {
      this.feeds.set(venue, {
        venue,
        phase: "idle",
        marketsLoaded: false,
        lastMessageMs: undefined,
        reconnectingSinceMs: undefined,
        reconnects: 0,
        errors: 0,
        lastError: undefined,
        lastErrorMs: undefined,
        exchange: undefined,
        rest: undefined,
        symbols: new Map(),
        seenTrades: new Set(),
      });
    }
  }

  symbols(): readonly SymbolId[] {
    return this.served;
  }

  venuesFor(symbol: SymbolId): readonly VenueId[] {
    let venues = this.venueCache.get(symbol);
    if (!venues) {
      venues = this.served.includes(symbol) ? this.venueIds.filter((v) => liveMarketFor(v, symbol) !== undefined) : [];
      this.venueCache.set(symbol, venues);
    }
    return venues;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.preloadMarkets) {
      for (const feed of this.feeds.values()) {
        const onError = (err: unknown) => this.noteError(feed, err);
        this.exchangeFor(feed)
          .loadMarkets()
          .then(() => (feed.marketsLoaded = true), onError);
        this.restFor(feed).loadMarkets().catch(onError);
      }
    }
    for (const symbol of this.subscribed) this.startSymbol(symbol);
    this.armWatchdog();
  }

  /** Stops every loop and closes every connection; books stay readable until restart. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    if (this.watchdog !== undefined) this.timers.clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const s of this.sleepers) {
      this.timers.clearTimeout(s.handle);
      s.resolve();
    }
    this.sleepers.clear();
    for (const feed of this.feeds.values()) {
      const clients = [feed.exchange, feed.rest];
      feed.exchange = undefined;
      feed.rest = undefined;
      feed.phase = "idle";
      feed.reconnectingSinceMs = undefined;
      for (const ex of clients) ex?.close().catch((err: unknown) => this.log?.debug(`live ${feed.venue}: close failed: ${errorMessage(err)}`));
    }
  }

  /** Starts the venue loops for the symbol (now if running, else at start()). */
  subscribe(symbol: SymbolId): void {
    if (!this.served.includes(symbol)) throw new UnknownLiveSymbolError(symbol);
    if (this.subscribed.has(symbol)) return;
    this.subscribed.add(symbol);
    if (this.running) this.startSymbol(symbol);
  }

  isSubscribed(symbol: SymbolId): boolean {
    return this.subscribed.has(symbol);
  }

  book(venue: VenueId, symbol: SymbolId): BookView | undefined {
    const feed = isLiveVenue(venue) ? this.feeds.get(venue)?.symbols.get(symbol) : undefined;
    const book = feed?.book;
    if (!feed || !book) return undefined;
    return isServable(this.clock.nowMs() - book.updatedAtMs, feed.withheld !== null, this.withholdAfterMs) ? book : undefined;
  }

  /** REST depth snapshot through ccxt (step two of the cold chain). */
  async fetchSnapshot(venue: VenueId, symbol: SymbolId): Promise<BookView | undefined> {
    const market = liveMarketFor(venue, symbol);
    const feed = isLiveVenue(venue) ? this.feeds.get(venue) : undefined;
    if (!market || !feed || !this.served.includes(symbol)) return undefined;
    try {
      const raw = await this.restFor(feed).fetchOrderBook(market.ccxt, this.snapshotLimit);
      return this.checkedView(feed.venue, symbol, raw);
    } catch (err) {
      this.noteError(feed, err);
      return undefined;
    }
  }

  /**
   * The venue's plain public REST depth endpoint, without ccxt (step three of the cold
   * chain). Proposed as an optional MarketSource method; the hub takes it as `publicApi`.
   */
  async fetchPublicBook(venue: VenueId, symbol: SymbolId): Promise<BookView | undefined> {
    const market = liveMarketFor(venue, symbol);
    const feed = isLiveVenue(venue) ? this.feeds.get(venue) : undefined;
    if (!market || !feed || !this.served.includes(symbol)) return undefined;
    const url = this.publicBase[feed.venue].replace(/\/+$/, "") + publicBookPath(feed.venue, market.rest);
    try {
      const res = await this.fetchFn(url, { signal: AbortSignal.timeout(this.publicApiTimeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
      const parsed = parsePublicBook(feed.venue, await res.json());
      if (!parsed) throw new Error(`unrecognised depth response from ${url}`);
      const raw: RawBook = {
        bids: parsed.bids.map((l) => [l.price, l.qty]),
        asks: parsed.asks.map((l) => [l.price, l.qty]),
        nonce: parsed.seq,
      };
      return this.checkedView(feed.venue, symbol, raw);
    } catch (err) {
      this.noteError(feed, err);
      return undefined;
    }
  }

  addListener(listener: MarketListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The port's feed report (served by GET /v1/market), derived from status(). */
  feedReport(): FeedReport {
    return feedReportOf(this.status());
  }

  status(): LiveSourceStatus {
    const nowMs = this.clock.nowMs();
    const venues: LiveVenueStatus[] = [];
    for (const feed of this.feeds.values()) {
      const books: LiveBookStatus[] = [];
      for (const [symbol, s] of feed.symbols) {
        const ageMs = s.book ? nowMs - s.book.updatedAtMs : null;
        const tooOld = ageMs !== null && ageMs > this.withholdAfterMs;
        books.push({ symbol, ageMs, seq: s.book?.seq ?? null, withheld: s.withheld ?? (tooOld ? "too_old" : null), resyncs: s.resyncs });
      }
      venues.push({
        venue: feed.venue,
        marketsLoaded: feed.marketsLoaded,
        state: classifyVenueState({
          phase: feed.phase,
          lastMessageMs: feed.lastMessageMs,
          nowMs,
          staleAfterMs: this.staleAfterMs,
          reconnectingSinceMs: feed.reconnectingSinceMs,
          downAfterMs: this.downAfterMs,
        }),
        lastMessageMs: feed.lastMessageMs ?? null,
        lastMessageAgeMs: feed.lastMessageMs === undefined ? null : nowMs - feed.lastMessageMs,
        reconnects: feed.reconnects,
        errors: feed.errors,
        lastError: feed.lastError ?? null,
        lastErrorMs: feed.lastErrorMs ?? null,
        books,
      });
    }
    return { kind: "live", asOfMs: nowMs, staleAfterMs: this.staleAfterMs, venues };
  }

  // --- loops -------------------------------------------------------------------------

  private startSymbol(symbol: SymbolId): void {
    const generation = this.generation;
    for (const venue of this.venuesFor(symbol)) {
      const feed = isLiveVenue(venue) ? this.feeds.get(venue) : undefined;
      if (!feed || feed.symbols.has(symbol)) continue;
      feed.symbols.set(symbol, { book: undefined, withheld: null, resyncs: 0, updates: 0 });
      if (feed.phase === "idle") feed.phase = "connecting";
      void this.runBookLoop(feed, symbol, generation);
      void this.runTradeLoop(feed, symbol, generation);
    }
  }

  private isCurrent(generation: number): boolean {
    return this.running && generation === this.generation;
  }

  private async runBookLoop(feed: VenueFeed, symbol: SymbolId, generation: number): Promise<void> {
    const market = LIVE_MARKETS[feed.venue].markets[symbol];
    const sym = feed.symbols.get(symbol);
    if (!market || !sym) return;
    let failures = 0;
    while (this.isCurrent(generation)) {
      try {
        const raw = await this.exchangeFor(feed).watchOrderBook(market.ccxt);
        if (!this.isCurrent(generation)) return;
        this.noteMessage(feed);
        feed.marketsLoaded = true;
        failures = 0;
        sym.updates++;
        const { book, crossed } = toBookView(feed.venue, symbol, raw, {
          nowMs: this.clock.nowMs(),
          maxLevels: this.maxLevels,
          fallbackSeq: sym.updates,
        });
        if (crossed) {
          // ccxt's book can only cross if it missed an update; keep it out of service and
          // let the next update (or ccxt's own gap check) settle it.
          if (sym.withheld === null) this.log?.warn(`live ${feed.venue} ${symbol}: crossed book withheld (seq ${book.seq})`);
          sym.withheld = "crossed";
          continue;
        }
        sym.book = book;
        sym.withheld = null;
        for (const l of this.listeners) l.onBook?.(book);
      } catch (err) {
        if (!this.isCurrent(generation)) return;
        const kind = classifyWatchError(err);
        this.noteError(feed, err);
        let delayMs: number;
        if (kind === "resync") {
          // ccxt dropped its book; the next call resubscribes and rebuilds it from a new
          // snapshot. Resync at once the first time, back off if it keeps happening.
          sym.withheld = "resync";
          sym.resyncs++;
          this.log?.warn(`live ${feed.venue} ${symbol}: resync (${errorMessage(err)})`);
          delayMs = failures === 0 ? 0 : computeBackoffMs(failures - 1, this.backoff, this.random);
        } else {
          this.enterReconnecting(feed);
          delayMs = computeBackoffMs(failures, this.backoff, this.random);
          this.log?.warn(`live ${feed.venue} ${symbol}: book stream failed, retry in ${delayMs} ms (${errorMessage(err)})`);
        }
        failures++;
        await this.sleep(delayMs);
      }
    }
  }

  private async runTradeLoop(feed: VenueFeed, symbol: SymbolId, generation: number): Promise<void> {
    const market = LIVE_MARKETS[feed.venue].markets[symbol];
    if (!market) return;
    let failures = 0;
    while (this.isCurrent(generation)) {
      try {
        const raws = await this.exchangeFor(feed).watchTrades(market.ccxt);
        if (!this.isCurrent(generation)) return;
        this.noteMessage(feed);
        failures = 0;
        const nowMs = this.clock.nowMs();
        for (const raw of raws) {
          const trade = toTrade(feed.venue, symbol, raw, nowMs);
          if (!trade || !this.firstSighting(feed, trade)) continue;
          for (const l of this.listeners) l.onTrade?.(trade);
        }
      } catch (err) {
        if (!this.isCurrent(generation)) return;
        this.noteError(feed, err);
        this.enterReconnecting(feed);
        const delayMs = computeBackoffMs(failures, this.backoff, this.random);
        failures++;
        await this.sleep(delayMs);
      }
    }
  }

  private firstSighting(feed: VenueFeed, trade: Trade): boolean {
    if (feed.seenTrades.has(trade.id)) return false;
    feed.seenTrades.add(trade.id);
    if (feed.seenTrades.size > SEEN_TRADES_CAP) {
      const oldest = feed.seenTrades.values().next();
      if (!oldest.done) feed.seenTrades.delete(oldest.value);
    }
    return true;
  }

  private noteMessage(feed: VenueFeed): void {
    feed.lastMessageMs = this.clock.nowMs();
    if (feed.phase === "reconnecting") {
      feed.reconnects++;
      this.log?.info(`live ${feed.venue}: reconnected`);
    }
    feed.phase = "streaming";
    feed.reconnectingSinceMs = undefined;
  }

  private enterReconnecting(feed: VenueFeed): void {
    if (feed.phase === "reconnecting") return;
    feed.phase = "reconnecting";
    feed.reconnectingSinceMs = this.clock.nowMs();
  }

  private noteError(feed: VenueFeed, err: unknown): void {
    feed.errors++;
    feed.lastError = errorMessage(err);
    feed.lastErrorMs = this.clock.nowMs();
  }

  private exchangeFor(feed: VenueFeed): LiveExchange {
    if (!feed.exchange) feed.exchange = this.makeExchange(feed.venue, "stream");
    return feed.exchange;
  }

  private restFor(feed: VenueFeed): LiveExchange {
    if (!feed.rest) feed.rest = this.makeExchange(feed.venue, "rest");
    return feed.rest;
  }

  private checkedView(venue: LiveVenue, symbol: SymbolId, raw: RawBook): BookView | undefined {
    const { book, crossed } = toBookView(venue, symbol, raw, {
      nowMs: this.clock.nowMs(),
      maxLevels: this.maxLevels,
      fallbackSeq: ++this.localSeq,
    });
    return crossed || (book.bids.length === 0 && book.asks.length === 0) ? undefined : book;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { handle: undefined, resolve };
      sleeper.handle = this.timers.setTimeout(() => {
        this.sleepers.delete(sleeper);
        resolve();
      }, ms);
      this.sleepers.add(sleeper);
    });
  }

  /**
   * Closes the connections of a venue that has streamed before but has been silent past
   * silentReconnectMs; its watchers then fail and the loops reconnect.
   */
  private armWatchdog(): void {
    if (this.silentReconnectMs <= 0) return;
    const every = Math.max(50, Math.min(this.silentReconnectMs / 2, 5_000));
    this.watchdog = this.timers.setTimeout(() => {
      if (!this.running) return;
      const nowMs = this.clock.nowMs();
      for (const feed of this.feeds.values()) {
        const silent = feed.lastMessageMs !== undefined && nowMs - feed.lastMessageMs > this.silentReconnectMs;
        if (feed.phase === "streaming" && silent && feed.exchange) {
          this.log?.warn(`live ${feed.venue}: silent for ${Math.round(nowMs - (feed.lastMessageMs ?? nowMs))} ms, reconnecting`);
          this.enterReconnecting(feed);
          // The instance (and its loaded markets) is kept; ccxt opens new sockets on the next watch.
          feed.exchange.close().catch((err: unknown) => this.noteError(feed, err));
        }
      }
      this.armWatchdog();
    }, every);
  }
}

export function createLiveSource(options: LiveSourceOptions): LiveSource {
  return new LiveSource(options);
}
