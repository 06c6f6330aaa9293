/**
 * The default market source: an embedded, seeded market for the five default symbols on
 * the seven venues. One fair-value process per symbol (simulate-fair-value.ts) drives
 * per-venue books with their own order flow (simulate-venue-book.ts), calibrated to a
 * real Binance recording and scaled per venue/symbol (sim-calibration.ts).
 *
 * Determinism: market time advances only through advanceTo(), in fixed stepMs steps on a
 * grid of multiples of stepMs. Each symbol draws from its own stream derived from
 * (seed, symbol), so the same seed and the same sequence of subscribe/advanceTo calls give
 * identical books and trades, and one symbol's path does not depend on which other
 * symbols are active. start() only schedules advanceTo(clock.nowMs()) every stepMs.
 */
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import type { Clock } from "@/server/shared/clock";
import { createRng, hashLabel } from "@/server/shared/rng";
import { createSizeSampler, type SizeSampler } from "./sample-order-size";
import { deriveSimBookProfile } from "./sim-book-profile";
import { TRADE_SIZE_TAIL_CAP, TRADE_SIZE_TAIL_INDEX, TRADE_SIZE_USD_QUANTILES } from "./sim-calibration";
import { FairValueProcess } from "./simulate-fair-value";
import { VenueBookSim } from "./simulate-venue-book";
import { symbolParams } from "./symbols";
import type { BookView, MarketListener, MarketSource, SymbolId, Trade, VenueId } from "./types";
import { instrumentFor, venuesListing } from "./venues";

/** The timer the source runs on; injected so domain code never touches global timers. */
export interface Scheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SimulatedSourceOptions {
  clock: Clock;
  seed: number;
  scheduler: Scheduler;
  /** Symbols the source can serve; default DEFAULT_SYMBOLS. Each needs symbols.ts parameters. */
  symbols?: readonly SymbolId[];
  /** Simulation step, ms (default 100 = 10 Hz book updates per venue). */
  stepMs?: number;
  /** Symbols start() subscribes; default none (symbols are activated on first request). */
  autostart?: readonly SymbolId[];
  /**
   * Longest stretch of market time advanceTo() simulates in one call (default 60 s). After
   * a longer stall (process suspended, debugger) the market skips ahead instead of
   * spending seconds of CPU catching up.
   */
  maxCatchUpMs?: number;
}

interface VenueSim {
  venue: VenueId;
  sim: VenueBookSim;
}

interface SymbolSim {
  symbol: SymbolId;
  fair: FairValueProcess;
  venues: VenueSim[];
}

export class UnknownSimSymbolError extends Error {
  constructor(readonly symbol: SymbolId) {
    super(`the simulated source does not serve "${symbol}"`);
    this.name = "UnknownSimSymbolError";
  }
}

export class SimulatedSource implements MarketSource {
  readonly kind = "simulated" as const;
  readonly stepMs: number;
  /** Listener exceptions are contained (one bad consumer must not stop the market); counted here. */
  listenerErrors = 0;
  lastListenerError: unknown;

  private readonly clock: Clock;
  private readonly seed: number;
  private readonly scheduler: Scheduler;
  private readonly served: readonly SymbolId[];
  private readonly autostart: readonly SymbolId[];
  private readonly maxCatchUpMs: number;
  private readonly sizeSampler: SizeSampler;
  private readonly active = new Map<SymbolId, SymbolSim>();
  private readonly venueCache = new Map<SymbolId, readonly VenueId[]>();
  private listeners: readonly MarketListener[] = [];
  private readonly tradeBuffer: Trade[] = [];
  private timer: unknown;
  private running = false;
  private marketMs: number;
  private steps = 0;

  constructor(options: SimulatedSourceOptions) {
    this.clock = options.clock;
    this.seed = options.seed >>> 0;
    this.scheduler = options.scheduler;
    this.stepMs = options.stepMs ?? 100;
    if (!(this.stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${this.stepMs}`);
    this.served = [...(options.symbols ?? DEFAULT_SYMBOLS)];
    for (const s of this.served) {
      if (!symbolParams(s)) throw new UnknownSimSymbolError(s);
    }
    this.autostart = options.autostart ?? [];
    this.maxCatchUpMs = options.maxCatchUpMs ?? 60_000;
    this.sizeSampler = createSizeSampler(TRADE_SIZE_USD_QUANTILES, TRADE_SIZE_TAIL_INDEX, TRADE_SIZE_TAIL_CAP);
    this.marketMs = this.alignDown(this.clock.nowMs());
  }

  /** Market time of the last completed step. */
  get nowMs(): number {
    return this.marketMs;
  }

  get stepCount(): number {
    return this.steps;
  }

  symbols(): readonly SymbolId[] {
    return this.served;
  }

  venuesFor(symbol: SymbolId): readonly VenueId[] {
    let venues = this.venueCache.get(symbol);
    if (!venues) {
      venues = this.served.includes(symbol) ? venuesListing(symbol, "simulated") : [];
      this.venueCache.set(symbol, venues);
    }
    return venues;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const s of this.autostart) this.subscribe(s);
    this.timer = this.scheduler.setInterval(() => this.advanceTo(this.clock.nowMs()), this.stepMs);
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

  /** Activates a symbol; its books exist as soon as this returns, and update from the next step. */
  subscribe(symbol: SymbolId): void {
    if (this.active.has(symbol)) return;
    const params = symbolParams(symbol);
    if (!params || !this.served.includes(symbol)) throw new UnknownSimSymbolError(symbol);
    // With nothing running yet, market time may jump to now rather than replay idle time.
    if (this.active.size === 0) this.marketMs = Math.max(this.marketMs, this.alignDown(this.clock.nowMs()));
    const rng = createRng((this.seed ^ hashLabel(symbol)) >>> 0);
    const fair = new FairValueProcess(params, rng.fork("fair"), this.stepMs);
    const venues: VenueSim[] = [];
    for (const venue of this.venuesFor(symbol)) {
      const spec = instrumentFor(venue, symbol);
      if (!spec) continue;
      const profile = deriveSimBookProfile(venue, spec, params);
      const sim = new VenueBookSim(profile, rng.fork(`venue:${venue}`), this.sizeSampler, `sim-${venue}-${symbol}-`);
      sim.init(fair.price, this.marketMs);
      venues.push({ venue, sim });
    }
    this.active.set(symbol, { symbol, fair, venues });
  }

  isSubscribed(symbol: SymbolId): boolean {
    return this.active.has(symbol);
  }

  book(venue: VenueId, symbol: SymbolId): BookView | undefined {
    const s = this.active.get(symbol);
    if (!s) return undefined;
    for (const v of s.venues) if (v.venue === venue) return v.sim.view();
    return undefined;
  }

  /** Simulated REST depth snapshot: the current book of an active symbol. */
  fetchSnapshot(venue: VenueId, symbol: SymbolId): Promise<BookView | undefined> {
    return Promise.resolve(this.book(venue, symbol));
  }

  /** Current fair value of an active symbol (what all venues quote around). */
  fairValue(symbol: SymbolId): number | undefined {
    return this.active.get(symbol)?.fair.price;
  }

  addListener(listener: MarketListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Steps the market in stepMs increments until the next step would pass targetMs.
   * Calling it with a time already reached does nothing.
   */
  advanceTo(targetMs: number): void {
    if (this.active.size === 0) {
      this.marketMs = Math.max(this.marketMs, this.alignDown(targetMs));
      return;
    }
    if (targetMs - this.marketMs > this.maxCatchUpMs) {
      // Skipped time still moves the price (one draw per symbol); books follow on the next step.
      const skipTo = this.alignDown(targetMs - this.maxCatchUpMs);
      for (const s of this.active.values()) s.fair.diffuse(skipTo - this.marketMs);
      this.marketMs = skipTo;
    }
    while (this.marketMs + this.stepMs <= targetMs) {
      this.marketMs += this.stepMs;
      this.step(this.marketMs);
    }
  }

  private step(tMs: number): void {
    const dtS = this.stepMs / 1000;
    this.steps++;
    for (const s of this.active.values()) {
      const fair = s.fair.step();
      for (const v of s.venues) {
        const trades = this.tradeBuffer;
        trades.length = 0;
        v.sim.step(fair, tMs, dtS, trades);
        this.emit(trades, v.sim);
      }
    }
  }

  private emit(trades: readonly Trade[], sim: VenueBookSim): void {
    const listeners = this.listeners;
    if (listeners.length === 0) return;
    const book = sim.view();
    for (const l of listeners) {
      try {
        if (l.onTrade) for (const t of trades) l.onTrade(t);
        l.onBook?.(book);
      } catch (err) {
        this.listenerErrors++;
        this.lastListenerError = err;
      }
    }
  }

  private alignDown(ms: number): number {
    return Math.floor(ms / this.stepMs) * this.stepMs;
  }
}

export function createSimulatedSource(options: SimulatedSourceOptions): SimulatedSource {
  return new SimulatedSource(options);
}
