/**
 * MarketHub: the one way services get books for a symbol, over whichever source runs.
 *
 * Cold chain (ARCHITECTURE.md "Market data"): a symbol nobody asked for within the warm
 * window is subscribed on demand; the hub then waits up to coldWaitMs for the first
 * streamed book (returning the moment one arrives), falls back to the source's REST
 * snapshot per venue, then to the venue public API when one is configured, and reports
 * which in `source.path`. Calls within the warm window are answered from memory.
 *
 * All waiting goes through the injected sleep(), so tests never sleep on wall time; every
 * wait is bounded by it, so a silent source cannot hang a request.
 */
import type { Clock } from "@/server/shared/clock";
import type { BookPath, BookView, MarketSource, SourceInfo, SymbolId, VenueId } from "./types";

export class UnknownSymbolError extends Error {
  constructor(readonly symbol: SymbolId) {
    super(`unknown symbol "${symbol}"`);
    this.name = "UnknownSymbolError";
  }
}

export class NoMarketDataError extends Error {
  constructor(readonly symbol: SymbolId) {
    super(`no market data for "${symbol}": no streamed book, REST snapshot or public API answer`);
    this.name = "NoMarketDataError";
  }
}

export interface MarketHubOptions {
  source: MarketSource;
  clock: Clock;
  /**
   * Resolves after ms; the only way the hub waits. It must resolve from a timer (a later
   * macrotask, as setTimeout does, even for 0 ms), so work that has already finished wins
   * a race against it.
   */
  sleep: (ms: number) => Promise<void>;
  /** A symbol requested within this window is warm (default 5 min). */
  warmWindowMs?: number;
  /** How long a cold request waits for the first streamed book (default 250 ms). */
  coldWaitMs?: number;
  /** How long the REST and public-API fallbacks may take (default 500 ms each). */
  fallbackTimeoutMs?: number;
  /** A book older than this is returned but listed in staleVenues (default 2 s). */
  stalenessMs?: number;
  /** Last resort: the venue's public API (live deployments). */
  publicApi?: (venue: VenueId, symbol: SymbolId) => Promise<BookView | undefined>;
}

export interface HubBooks {
  books: BookView[];
  source: SourceInfo;
  /** Clock time the answer was assembled. */
  asOfMs: number;
  /** The staleness threshold applied. */
  stalenessMs: number;
  /** Age of each returned book at asOfMs. */
  ageMs: Partial<Record<VenueId, number>>;
  /** Venues whose book is older than stalenessMs; callers should flag, not drop, them. */
  staleVenues: VenueId[];
}

type Waiter = () => void;

export class MarketHub {
  readonly warmWindowMs: number;
  readonly coldWaitMs: number;
  readonly fallbackTimeoutMs: number;
  readonly stalenessMs: number;

  private readonly source: MarketSource;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly publicApi: MarketHubOptions["publicApi"];
  private readonly requested = new Map<SymbolId, number>();
  private readonly waiters = new Map<SymbolId, Set<Waiter>>();
  private readonly pending = new Map<SymbolId, Promise<HubBooks>>();
  private readonly detach: () => void;

  constructor(options: MarketHubOptions) {
    this.source = options.source;
    this.clock = options.clock;
    this.sleep = options.sleep;
    this.publicApi = options.publicApi;
    this.warmWindowMs = options.warmWindowMs ?? 5 * 60_000;
    this.coldWaitMs = options.coldWaitMs ?? 250;
    this.fallbackTimeoutMs = options.fallbackTimeoutMs ?? 500;
    this.stalenessMs = options.stalenessMs ?? 2_000;
    this.detach = this.source.addListener({ onBook: (book) => this.wake(book.symbol) });
  }

  /** Books for every venue listing the symbol, via the cold chain when needed. */
  async getBooks(symbol: SymbolId): Promise<HubBooks> {
    if (!this.source.symbols().includes(symbol)) throw new UnknownSymbolError(symbol);
    const now = this.clock.nowMs();
    const warm = this.isWarm(symbol, now);
    this.requested.set(symbol, now);
    if (warm) {
      const fromMemory = this.collect(symbol, "warm");
      if (fromMemory) return fromMemory;
    }
    let cold = this.pending.get(symbol);
    if (!cold) {
      cold = this.coldChain(symbol).finally(() => this.pending.delete(symbol));
      this.pending.set(symbol, cold);
    }
    return cold;
  }

  /**
   * Synchronous read for hot paths: the books in memory now (path "warm"), or undefined
   * if there are none. Never subscribes or waits; does keep the symbol warm.
   */
  peekBooks(symbol: SymbolId): HubBooks | undefined {
    const result = this.collect(symbol, "warm");
    if (result) this.requested.set(symbol, result.asOfMs);
    return result;
  }

  isWarm(symbol: SymbolId, nowMs = this.clock.nowMs()): boolean {
    const last = this.requested.get(symbol);
    return last !== undefined && nowMs - last <= this.warmWindowMs && this.source.isSubscribed(symbol);
  }

  lastRequestedMs(symbol: SymbolId): number | undefined {
    return this.requested.get(symbol);
  }

  /** Stops listening to the source. */
  close(): void {
    this.detach();
    for (const set of this.waiters.values()) for (const w of set) w();
    this.waiters.clear();
  }

  private async coldChain(symbol: SymbolId): Promise<HubBooks> {
    this.source.subscribe(symbol);
    const immediate = this.collect(symbol, "stream");
    if (immediate) return immediate;

    if (await this.waitForBook(symbol)) {
      const streamed = this.collect(symbol, "stream");
      if (streamed) return streamed;
    }

    const venues = this.source.venuesFor(symbol);
    const snapshots = await this.within(
      Promise.all(venues.map((v) => this.source.fetchSnapshot(v, symbol).catch(() => undefined))),
    );
    const fromRest = snapshots && this.assemble(snapshots, "rest_snapshot");
    if (fromRest) return fromRest;

    const api = this.publicApi;
    if (api) {
      const answers = await this.within(Promise.all(venues.map((v) => api(v, symbol).catch(() => undefined))));
      const fromApi = answers && this.assemble(answers, "public_api");
      if (fromApi) return fromApi;
    }

    // A book may have streamed in while the fallbacks ran.
    const late = this.collect(symbol, "stream");
    if (late) return late;
    throw new NoMarketDataError(symbol);
  }

  /** Resolves true as soon as a book for the symbol arrives, false after coldWaitMs. */
  private waitForBook(symbol: SymbolId): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let set = this.waiters.get(symbol);
      if (!set) {
        set = new Set();
        this.waiters.set(symbol, set);
      }
      const waiters = set;
      let done = false;
      const finish = (arrived: boolean) => {
        if (done) return;
        done = true;
        waiters.delete(onBook);
        resolve(arrived);
      };
      const onBook: Waiter = () => finish(true);
      waiters.add(onBook);
      this.sleep(this.coldWaitMs).then(
        () => finish(false),
        () => finish(false),
      );
    });
  }

  private wake(symbol: SymbolId): void {
    const set = this.waiters.get(symbol);
    if (!set || set.size === 0) return;
    for (const w of [...set]) w();
  }

  /** The promise's value, or undefined if it takes longer than fallbackTimeoutMs. */
  private within<T>(work: Promise<T>): Promise<T | undefined> {
    return Promise.race([work, this.sleep(this.fallbackTimeoutMs).then(() => undefined)]);
  }

  private collect(symbol: SymbolId, path: BookPath): HubBooks | undefined {
    const books: (BookView | undefined)[] = [];
    for (const v of this.source.venuesFor(symbol)) books.push(this.source.book(v, symbol));
    return this.assemble(books, path);
  }

  private assemble(candidates: readonly (BookView | undefined)[], path: BookPath): HubBooks | undefined {
    const books: BookView[] = [];
    for (const b of candidates) if (b && (b.bids.length > 0 || b.asks.length > 0)) books.push(b);
    if (books.length === 0) return undefined;
    const asOfMs = this.clock.nowMs();
    const ageMs: Partial<Record<VenueId, number>> = {};
    const staleVenues: VenueId[] = [];
    for (const b of books) {
      const age = asOfMs - b.updatedAtMs;
      ageMs[b.venue] = age;
      if (age > this.stalenessMs) staleVenues.push(b.venue);
    }
    return {
      books,
      source: { market: this.source.kind, path },
      asOfMs,
      stalenessMs: this.stalenessMs,
      ageMs,
      staleVenues,
    };
  }
}

export function createMarketHub(options: MarketHubOptions): MarketHub {
  return new MarketHub(options);
}
