/**
 * The live source end to end through the real ccxt library against a loopback server
 * speaking Binance spot's public protocol, fed by the recorded Binance BTCUSDT session
 * (../shared/data/recorded/). Real sockets on 127.0.0.1; no internet.
 */
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, createSystemClock, type Clock } from "@/server/shared/clock";
import { createMarketHub } from "../hub";
import type { BookView, Trade } from "../types";
import { createLiveSource, type LiveSource, type LiveSourceOptions, type LiveVenueStatus } from "./create-live-source";
import { startBinanceLoopback, type BinanceLoopback, type BinanceLoopbackOptions } from "./testing/binance-loopback";
import { buildReferenceBooks, type ReferenceTop } from "./testing/build-reference-books";
import { readBinanceRecording, type BinanceRecording } from "./testing/read-binance-recording";

const RECORDING = resolve(process.cwd(), "../shared/data/recorded/binance-spot_btcusdt_20240808.gz");
const TOP = 20;

let recording: BinanceRecording;
let reference: Map<number, ReferenceTop>;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  recording = readBinanceRecording(RECORDING);
  reference = buildReferenceBooks(recording, TOP);
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

afterAll(() => {
  reference.clear();
});

async function waitFor(what: string, cond: () => boolean, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Rig {
  lb: BinanceLoopback;
  source: LiveSource;
  books: BookView[];
  trades: Trade[];
  delays: number[];
  venue(): LiveVenueStatus;
}

async function rig(lbOptions: Partial<BinanceLoopbackOptions> = {}, sourceOptions: Partial<LiveSourceOptions> = {}, clock: Clock = createSystemClock()): Promise<Rig> {
  const lb = await startBinanceLoopback({ recording, ...lbOptions });
  cleanups.push(() => lb.close());
  const delays: number[] = [];
  const source = createLiveSource({
    clock,
    venues: ["binance"],
    symbols: ["BTC-USD"],
    urls: { binance: lb.ccxtUrls },
    publicApiBase: { binance: lb.publicApiBase },
    backoff: { baseMs: 40, maxMs: 160, factor: 2 },
    random: () => 0.5,
    // Record every wait the source schedules, so backoff is observable.
    timers: {
      setTimeout: (fn, ms) => {
        delays.push(ms);
        return setTimeout(fn, ms);
      },
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    silentReconnectMs: 0,
    maxLevels: 50,
    ...sourceOptions,
  });
  cleanups.push(() => source.stop());
  const books: BookView[] = [];
  const trades: Trade[] = [];
  source.addListener({ onBook: (b) => books.push(b), onTrade: (t) => trades.push(t) });
  const venue = () => {
    const v = source.status().venues.find((s) => s.venue === "binance");
    if (!v) throw new Error("no binance status");
    return v;
  };
  return { lb, source, books, trades, delays, venue };
}

/** Subscribes and waits until ccxt has synced the first book and both streams are on. */
async function goLive(r: Rig): Promise<void> {
  r.source.start();
  r.source.subscribe("BTC-USD");
  await waitFor("subscriptions", () => r.lb.subscribedStreams().join() === "btcusdt@depth@100ms,btcusdt@trade");
  await waitFor("first book", () => r.source.book("binance", "BTC-USD") !== undefined);
}

/** Waits until the source serves the venue's current book. */
async function caughtUp(r: Rig): Promise<BookView> {
  await waitFor(`book at ${r.lb.lastUpdateId}`, () => r.source.book("binance", "BTC-USD")?.seq === r.lb.lastUpdateId);
  const book = r.source.book("binance", "BTC-USD");
  if (!book) throw new Error("no book");
  return book;
}

function expectMatchesRecording(book: BookView): void {
  const ref = reference.get(book.seq);
  expect(ref, `recording has a book at seq ${book.seq}`).toBeDefined();
  expect(book.bids.slice(0, TOP)).toEqual(ref?.bids);
  expect(book.asks.slice(0, TOP)).toEqual(ref?.asks);
}

describe("live source over ccxt against a Binance loopback", () => {
  it("builds the book from snapshot + diffs; every served book equals the recording at its seq", async () => {
    const r = await rig();
    await goLive(r);
    const first = r.source.book("binance", "BTC-USD");
    expect(first?.seq).toBe(recording.snapshot.lastUpdateId);
    // Play in steps so the source emits many books (a burst coalesces into one update).
    let book = first!;
    for (let step = 0; step < 12; step++) {
      r.lb.advance(40);
      book = await caughtUp(r);
      expectMatchesRecording(book);
    }
    expect(book.seq).toBeGreaterThan(recording.snapshot.lastUpdateId);
    // bids strictly descending, asks strictly ascending, capped, not crossed
    expect(book.bids.length).toBe(50);
    for (let i = 1; i < book.bids.length; i++) expect(book.bids[i]!.price).toBeLessThan(book.bids[i - 1]!.price);
    for (let i = 1; i < book.asks.length; i++) expect(book.asks[i]!.price).toBeGreaterThan(book.asks[i - 1]!.price);
    expect(book.bids[0]!.price).toBeLessThan(book.asks[0]!.price);
    // Every emitted book, not just the last, is the recording's book at that sequence.
    expect(r.books.length).toBeGreaterThanOrEqual(12);
    for (const b of r.books) expectMatchesRecording(b);
    expect(r.venue().state).toBe("live");
    expect(r.venue().reconnects).toBe(0);
  });

  it("delivers trades with the aggressor from Binance's maker flag (m=false -> buy)", async () => {
    const r = await rig();
    await goLive(r);
    const firstPlayed = r.lb.cursor;
    r.lb.advance(600);
    const played = recording.messages.slice(firstPlayed, firstPlayed + 600).flatMap((m) => (m.data.e === "trade" ? [m.data] : []));
    expect(played.length).toBeGreaterThan(20);
    await waitFor("all trades", () => r.trades.length >= played.length);
    expect(r.trades.length).toBe(played.length);
    r.trades.forEach((t, i) => {
      const rec = played[i]!;
      expect(t.id).toBe(`binance:${rec.t}`);
      expect(t.price).toBe(Number(rec.p));
      expect(t.qty).toBe(Number(rec.q));
      expect(t.aggressor).toBe(rec.m ? "sell" : "buy");
      expect(t.venue).toBe("binance");
      expect(t.symbol).toBe("BTC-USD");
    });
    expect(new Set(r.trades.map((t) => t.aggressor))).toEqual(new Set(["buy", "sell"]));
  });
});
