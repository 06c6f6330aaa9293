import { describe, expect, it, vi } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { MarketHub, NoMarketDataError, UnknownSymbolError } from "./hub";
import { SimulatedSource } from "./simulated-source";
import type { BookView, MarketListener, MarketSource, SymbolId, VenueId } from "./types";

const START = 1_750_000_000_000;

const bookOf = (venue: VenueId, symbol: SymbolId, updatedAtMs: number): BookView => ({
  venue,
  symbol,
  bids: [{ price: 99, qty: 1 }],
  asks: [{ price: 101, qty: 1 }],
  seq: 1,
  updatedAtMs,
});

/** A source under the test's control: books appear only when the test says so. */
class FakeSource implements MarketSource {
  readonly kind = "live" as const;
  readonly books = new Map<string, BookView>();
  readonly subscribed = new Set<SymbolId>();
  subscribeCalls = 0;
  snapshot: (venue: VenueId, symbol: SymbolId) => Promise<BookView | undefined> = async () => undefined;
  private listeners: MarketListener[] = [];
  symbols = () => ["BTC-USD", "ETH-USD"];
  venuesFor = (symbol: SymbolId): VenueId[] => (symbol === "BTC-USD" || symbol === "ETH-USD" ? ["binance", "kraken"] : []);
  start() {}
  stop() {}
  subscribe(symbol: SymbolId) {
    this.subscribeCalls++;
    this.subscribed.add(symbol);
  }
  isSubscribed = (symbol: SymbolId) => this.subscribed.has(symbol);
  book = (venue: VenueId, symbol: SymbolId) => this.books.get(`${venue}|${symbol}`);
  fetchSnapshot(venue: VenueId, symbol: SymbolId) {
    return this.snapshot(venue, symbol);
  }
  addListener(l: MarketListener) {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }
  push(book: BookView) {
    this.books.set(`${book.venue}|${book.symbol}`, book);
    for (const l of this.listeners) l.onBook?.(book);
  }
}

/** sleep() whose timers fire only when the test releases them. */
function manualSleep() {
  const timers: { ms: number; fire: () => void }[] = [];
  const sleep = vi.fn((ms: number) => new Promise<void>((resolve) => timers.push({ ms, fire: resolve })));
  return { sleep, timers, fireAll: () => timers.splice(0).forEach((t) => t.fire()) };
}

const flush = () => new Promise<void>((r) => setImmediate(r));
/** A zero-length timeout: like setTimeout(0) it fires after pending promise work, not before. */
const immediate = () => flush();

describe("MarketHub with the simulated source", () => {
  function setup() {
    const clock = createManualClock(START);
    const source = new SimulatedSource({ clock, seed: 1, scheduler: { setInterval: () => 0, clearInterval: () => {} } });
    const sleep = vi.fn(() => new Promise<void>(() => {})); // never fires: the stream must win
    const hub = new MarketHub({ source, clock, sleep });
    return { clock, source, hub, sleep };
  }

  it("subscribes a cold symbol and serves its first books from the stream without waiting", async () => {
    const { source, hub, sleep } = setup();
    expect(source.isSubscribed("ETH-USD")).toBe(false);
    const r = await hub.getBooks("ETH-USD");
    expect(source.isSubscribed("ETH-USD")).toBe(true);
    expect(r.source).toEqual({ market: "simulated", path: "stream" });
    expect(r.books.map((b) => b.venue)).toEqual([...source.venuesFor("ETH-USD")]);
    expect(r.asOfMs).toBe(START);
    expect(sleep).not.toHaveBeenCalled();
    expect(hub.lastRequestedMs("ETH-USD")).toBe(START);
  });

  it("serves warm calls from memory and goes cold again after the warm window", async () => {
    const { clock, source, hub } = setup();
    await hub.getBooks("BTC-USD");
    clock.advance(1_000);
    source.advanceTo(clock.nowMs());
    const warm = await hub.getBooks("BTC-USD");
    expect(warm.source.path).toBe("warm");
    expect(warm.books[0]!.updatedAtMs).toBe(START + 1_000);
    expect(hub.peekBooks("BTC-USD")?.source.path).toBe("warm");
    clock.advance(5 * 60_000 + 1);
    expect(hub.isWarm("BTC-USD")).toBe(false);
    expect((await hub.getBooks("BTC-USD")).source.path).toBe("stream");
    expect(hub.isWarm("BTC-USD")).toBe(true);
  });

  it("rejects a symbol the source does not serve", async () => {
    const { hub } = setup();
    await expect(hub.getBooks("PEPE-USD")).rejects.toBeInstanceOf(UnknownSymbolError);
    expect(hub.peekBooks("PEPE-USD")).toBeUndefined();
  });
});

describe("MarketHub cold chain with a slow source", () => {
  it("returns as soon as the first streamed book arrives during the wait", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    const { sleep } = manualSleep(); // never released: only the book can end the wait
    const hub = new MarketHub({ source, clock, sleep });
    const p = hub.getBooks("BTC-USD");
    await flush();
    expect(sleep).toHaveBeenCalledWith(250);
    source.push(bookOf("kraken", "BTC-USD", START));
    const r = await p;
    expect(r.source.path).toBe("stream");
    expect(r.books.map((b) => b.venue)).toEqual(["kraken"]);
  });

  it("falls back to REST snapshots when nothing streams within coldWaitMs", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    source.snapshot = async (venue, symbol) => (venue === "binance" ? bookOf(venue, symbol, START) : undefined);
    const timers = manualSleep();
    const hub = new MarketHub({ source, clock, sleep: timers.sleep, coldWaitMs: 100 });
    const p = hub.getBooks("BTC-USD");
    await flush();
    expect(timers.timers.map((t) => t.ms)).toEqual([100]);
    timers.fireAll();
    const r = await p;
    expect(r.source).toEqual({ market: "live", path: "rest_snapshot" });
    expect(r.books.map((b) => b.venue)).toEqual(["binance"]);
  });

  it("falls back to the public API, then gives up with NoMarketDataError — without hanging", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    source.snapshot = async () => {
      throw new Error("REST down");
    };
    const withApi = new MarketHub({
      source,
      clock,
      sleep: immediate,
      publicApi: async (venue, symbol) => bookOf(venue, symbol, START - 10),
    });
    const r = await withApi.getBooks("BTC-USD");
    expect(r.source.path).toBe("public_api");
    expect(r.books).toHaveLength(2);

    const bare = new MarketHub({ source: new FakeSource(), clock, sleep: immediate });
    await expect(bare.getBooks("ETH-USD")).rejects.toBeInstanceOf(NoMarketDataError);
  });

  it("times out a REST fallback that never answers", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    source.snapshot = () => new Promise(() => {});
    const hub = new MarketHub({ source, clock, sleep: immediate });
    await expect(hub.getBooks("BTC-USD")).rejects.toBeInstanceOf(NoMarketDataError);
  });

  it("shares one cold chain between concurrent requests", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    const timers = manualSleep();
    const hub = new MarketHub({ source, clock, sleep: timers.sleep });
    const a = hub.getBooks("BTC-USD");
    const b = hub.getBooks("BTC-USD");
    await flush();
    source.push(bookOf("binance", "BTC-USD", START));
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toBe(rb);
    expect(source.subscribeCalls).toBe(1);
    expect(timers.timers).toHaveLength(1);
  });

  it("returns stale books but names them, with each book's age", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    source.push(bookOf("binance", "BTC-USD", START - 500));
    source.push(bookOf("kraken", "BTC-USD", START - 5_000));
    const hub = new MarketHub({ source, clock, sleep: immediate, stalenessMs: 1_000 });
    const r = await hub.getBooks("BTC-USD");
    expect(r.books).toHaveLength(2);
    expect(r.ageMs).toEqual({ binance: 500, kraken: 5_000 });
    expect(r.staleVenues).toEqual(["kraken"]);
    expect(r.stalenessMs).toBe(1_000);
  });

  it("treats a warm symbol whose books vanished (resync) as cold again", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    source.push(bookOf("binance", "BTC-USD", START));
    const hub = new MarketHub({ source, clock, sleep: immediate });
    await hub.getBooks("BTC-USD");
    source.books.clear();
    source.snapshot = async (v, s) => bookOf(v, s, START);
    const r = await hub.getBooks("BTC-USD");
    expect(r.source.path).toBe("rest_snapshot");
  });

  it("stops listening on close()", async () => {
    const clock = createManualClock(START);
    const source = new FakeSource();
    const timers = manualSleep();
    const hub = new MarketHub({ source, clock, sleep: timers.sleep });
    const p = hub.getBooks("BTC-USD");
    const rejected = expect(p).rejects.toBeInstanceOf(NoMarketDataError);
    await flush();
    hub.close(); // releases the waiter; the chain continues to the (empty) fallbacks
    timers.fireAll();
    await flush();
    timers.fireAll();
    await rejected;
    source.push(bookOf("binance", "BTC-USD", START)); // no listener left to wake
  });
});
