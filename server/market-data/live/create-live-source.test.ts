/**
 * The live source's own rules, driven by a scripted fake exchange (no ccxt, no sockets):
 * crossed books, resync withholding, backoff, the public-API fallback's validation.
 */
import { describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import type { RawBook, RawTrade } from "./convert-book";
import type { LiveExchange } from "./create-ccxt-exchange";
import { createLiveSource, UnknownLiveSymbolError, type LiveSourceOptions } from "./create-live-source";

interface Pending<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

function fakeExchange() {
  const books: Pending<RawBook>[] = [];
  const watched: string[] = [];
  const ex: LiveExchange = {
    watchOrderBook: (symbol) => {
      watched.push(symbol);
      return new Promise<RawBook>((resolve, reject) => books.push({ resolve, reject }));
    },
    watchTrades: () => new Promise<RawTrade[]>(() => {}),
    fetchOrderBook: () => Promise.resolve({ bids: [[100, 1]], asks: [[99, 1]], nonce: 5 }),
    loadMarkets: () => Promise.resolve({}),
    close: () => Promise.resolve(),
  };
  const next = async () => {
    for (let i = 0; i < 50 && books.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    const p = books.shift();
    if (!p) throw new Error("source is not watching");
    return p;
  };
  return { ex, watched, next };
}

const tick = () => new Promise((r) => setTimeout(r, 2));
const named = (name: string) => Object.assign(new Error(name), { name });

function setup(extra: Partial<LiveSourceOptions> = {}) {
  const clock = createManualClock(1_000_000);
  const fake = fakeExchange();
  const delays: number[] = [];
  const source = createLiveSource({
    clock,
    venues: ["kraken"],
    symbols: ["BTC-USD"],
    createExchange: () => fake.ex,
    backoff: { baseMs: 10, maxMs: 40, factor: 2 },
    random: () => 0,
    timers: {
      setTimeout: (fn, ms) => {
        delays.push(ms);
        return setTimeout(fn, 0);
      },
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    silentReconnectMs: 0,
    ...extra,
  });
  return { clock, fake, delays, source };
}

describe("live source rules", () => {
  it("serves only its symbols on the venues that list them, watching the mapped ccxt market", async () => {
    const { source, fake } = setup();
    expect(source.venuesFor("BTC-USD")).toEqual(["kraken"]);
    expect(source.venuesFor("PEPE-USD")).toEqual([]);
    expect(() => source.subscribe("PEPE-USD")).toThrow(UnknownLiveSymbolError);
    source.start();
    source.subscribe("BTC-USD");
    (await fake.next()).resolve({ bids: [[100, 1]], asks: [[101, 1]], nonce: undefined });
    await tick();
    expect(fake.watched[0]).toBe("BTC/USD");
    expect(source.book("kraken", "BTC-USD")?.seq).toBe(1); // no nonce: local counter
    source.stop();
  });

  it("withholds a crossed book until an uncrossed update arrives", async () => {
    const { source, fake } = setup();
    source.start();
    source.subscribe("BTC-USD");
    (await fake.next()).resolve({ bids: [[100, 1]], asks: [[101, 1]], nonce: 1 });
    await tick();
    (await fake.next()).resolve({ bids: [[102, 1]], asks: [[101, 1]], nonce: 2 });
    await tick();
    expect(source.book("kraken", "BTC-USD")).toBeUndefined();
    expect(source.status().venues[0]?.books[0]?.withheld).toBe("crossed");
    (await fake.next()).resolve({ bids: [[100, 1]], asks: [[101, 1]], nonce: 3 });
    await tick();
    expect(source.book("kraken", "BTC-USD")?.seq).toBe(3);
    source.stop();
  });

  it("resyncs at once after a gap, then backs off if gaps repeat; withholds until a fresh book", async () => {
    const { source, fake, delays } = setup();
    source.start();
    source.subscribe("BTC-USD");
    (await fake.next()).resolve({ bids: [[100, 1]], asks: [[101, 1]], nonce: 1 });
    await tick();
    (await fake.next()).reject(named("ChecksumError"));
    (await fake.next()).reject(named("InvalidNonce"));
    (await fake.next()).reject(named("ChecksumError"));
    const waiting = await fake.next();
    expect(source.book("kraken", "BTC-USD")).toBeUndefined();
    // First resync immediate (no timer), then the backoff steps 5, 10 (random 0 -> half step).
    expect(delays).toEqual([5, 10]);
    const status = source.status().venues[0];
    expect(status?.books[0]?.resyncs).toBe(3);
    expect(status?.state).toBe("live");
    waiting.resolve({ bids: [[100, 2]], asks: [[101, 1]], nonce: 9 });
    await tick();
    expect(source.book("kraken", "BTC-USD")?.seq).toBe(9);
    source.stop();
  });

  it("reports reconnecting, then down after downAfterMs, and counts the recovery", async () => {
    const { source, fake, clock, delays } = setup({ downAfterMs: 5_000 });
    source.start();
    source.subscribe("BTC-USD");
    (await fake.next()).reject(named("NetworkError"));
    await tick();
    expect(source.status().venues[0]?.state).toBe("reconnecting");
    clock.advance(5_001);
    (await fake.next()).reject(named("NetworkError"));
    await tick();
    expect(source.status().venues[0]?.state).toBe("down");
    expect(delays.slice(0, 2)).toEqual([5, 10]);
    (await fake.next()).resolve({ bids: [[100, 1]], asks: [[101, 1]], nonce: 4 });
    await tick();
    const v = source.status().venues[0];
    expect(v?.state).toBe("live");
    expect(v?.reconnects).toBe(1);
    expect(v?.lastError).toBe("NetworkError: NetworkError");
    source.stop();
  });

  it("REST snapshots and public-API books are refused when crossed or unparseable", async () => {
    const bodies: unknown[] = [
      { error: [], result: { XXBTZUSD: { bids: [["100", "1", 1]], asks: [["101", "2", 1]] } } },
      { error: ["EGeneral:Too many requests"] },
    ];
    const urls: string[] = [];
    const { source } = setup({
      publicApiBase: { kraken: "http://kraken.test/" },
      fetch: (input) => {
        urls.push(String(input));
        return Promise.resolve(new Response(JSON.stringify(bodies.shift()), { status: 200 }));
      },
    });
    // The fake's REST snapshot is crossed (bid 100 >= ask 99).
    expect(await source.fetchSnapshot("kraken", "BTC-USD")).toBeUndefined();
    const book = await source.fetchPublicBook("kraken", "BTC-USD");
    expect(urls[0]).toBe("http://kraken.test/0/public/Depth?pair=XBTUSD&count=100");
    expect(book?.bids).toEqual([{ price: 100, qty: 1 }]);
    expect(book?.asks).toEqual([{ price: 101, qty: 2 }]);
    expect(book?.updatedAtMs).toBe(1_000_000);
    expect(await source.fetchPublicBook("kraken", "BTC-USD")).toBeUndefined();
    expect(source.status().venues[0]?.lastError).toMatch(/unrecognised depth response/);
    expect(await source.fetchPublicBook("binance", "BTC-USD")).toBeUndefined(); // not a configured venue
  });
});
