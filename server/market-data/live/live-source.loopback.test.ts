/**
 * The live source end to end through the real ccxt library against a loopback server
 * speaking Binance spot's public protocol, fed by the recorded Binance BTCUSDT session
 * (recordings/). Real sockets on 127.0.0.1; no internet.
 */
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, createSystemClock, type Clock } from "@/server/shared/clock";
import { createMarketHub } from "../hub";
import type { BookView, Trade } from "../types";
import { createLiveSource, type LiveSource, type LiveSourceOptions } from "./create-live-source";
import type { LiveVenueStatus } from "./live-source-status";
import { startBinanceLoopback, type BinanceLoopback, type BinanceLoopbackOptions } from "./testing/binance-loopback";
import { buildReferenceBooks, type ReferenceTop } from "./testing/build-reference-books";
import { readBinanceRecording, type BinanceRecording } from "./testing/read-binance-recording";

const RECORDING = resolve(process.cwd(), "recordings/binance-spot_btcusdt_20240808.gz");
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

  it("disconnect: marks the venue reconnecting, retries with backoff, resyncs and resumes", async () => {
    const r = await rig();
    await goLive(r);
    r.lb.advance(100);
    const before = await caughtUp(r);
    r.delays.length = 0;

    r.lb.dropConnections();
    await waitFor("reconnecting", () => r.venue().state === "reconnecting");
    expect(r.source.feedReport().venues[0]).toMatchObject({ venue: "binance", connection: "reconnecting" });
    // A book frozen by a lost connection is exact as of its seq: still served, with its age.
    expect(r.source.book("binance", "BTC-USD")?.seq).toBe(before.seq);
    expect(r.venue().lastError).toMatch(/NetworkError|closed/i);

    await waitFor("resubscribed", () => r.lb.subscribedStreams().length === 2 && r.lb.depthRequests.length === 2);
    // First retry of each loop waits the jittered base step: base 40 ms, random 0.5 -> 30 ms.
    expect(r.delays.filter((d) => d === 30).length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...r.delays)).toBeGreaterThanOrEqual(20);

    r.lb.advance(60);
    const after = await caughtUp(r);
    expect(after.seq).toBeGreaterThan(before.seq);
    expectMatchesRecording(after);
    expect(r.venue().state).toBe("live");
    expect(r.venue().reconnects).toBe(1);
    expect(r.venue().errors).toBeGreaterThanOrEqual(2);
    expect(r.source.feedReport().venues[0]).toMatchObject({ connection: "ok", reconnects: 1, resyncing: [] });
  });

  it("gap: a lost diff makes ccxt resync from a new snapshot; the gapped book is never served", async () => {
    // The resync snapshot is slow, so the withheld window is long enough to observe.
    const r = await rig({ depthDelayMs: (_path, nth) => (nth >= 1 ? 300 : 0) });
    await goLive(r);
    r.lb.advance(50);
    const before = await caughtUp(r);

    r.lb.skipNextDepth();
    const sentBefore = r.lb.depthSent;
    // Play until two diffs have gone out after the skipped one: the first reveals the gap.
    while (r.lb.depthSent < sentBefore + 2) r.lb.advance(1);
    await waitFor("resync", () => r.venue().books[0]?.withheld === "resync");
    expect(r.source.book("binance", "BTC-USD")).toBeUndefined();
    expect(r.venue().books[0]?.resyncs).toBe(1);
    expect(r.source.feedReport().venues[0]).toMatchObject({ resyncs: 1, resyncing: ["BTC-USD"] });
    expect(r.venue().state).toBe("live"); // the connection itself is fine

    await waitFor("new snapshot", () => r.lb.depthRequests.length === 2);
    r.lb.advance(30);
    const after = await caughtUp(r);
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(r.venue().books[0]?.withheld).toBeNull();
    // Every book the source ever emitted is the recording's book at its seq: none has the
    // skipped diff missing. (A book built across the gap would differ from the reference.)
    for (const b of r.books) expectMatchesRecording(b);
    expect(r.books.some((b) => b.seq > before.seq)).toBe(true);
  });

  it("slow REST depth: the hub's cold chain falls back and says which path answered", async () => {
    const hubFor = (source: LiveSource, coldWaitMs = 300) =>
      createMarketHub({
        source,
        clock: createSystemClock(),
        sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
        coldWaitMs,
        fallbackTimeoutMs: 400,
        publicApi: (v, s) => source.fetchPublicBook(v, s),
      });

    // Fast venue: the first streamed book answers (markets preloaded at start, as a
    // deployment has long done by its first request; the hub returns as soon as it lands).
    const fast = await rig();
    fast.source.start();
    await waitFor("markets", () => fast.venue().marketsLoaded);
    const fastHub = hubFor(fast.source, 2_000);
    cleanups.push(() => fastHub.close());
    const streamed = await fastHub.getBooks("BTC-USD");
    expect(streamed.source).toEqual({ market: "live", path: "stream" });

    // Only the stream's sync snapshot is slow: ccxt's REST snapshot answers.
    const oneSlow = await rig({ depthDelayMs: (_p, nth) => (nth === 0 ? 3_000 : 0) });
    oneSlow.source.start();
    await waitFor("markets", () => oneSlow.venue().marketsLoaded);
    const oneSlowHub = hubFor(oneSlow.source);
    cleanups.push(() => oneSlowHub.close());
    const rest = await oneSlowHub.getBooks("BTC-USD");
    expect(rest.source.path).toBe("rest_snapshot");
    expect(rest.books[0]?.seq).toBe(oneSlow.lb.lastUpdateId);

    // The venue's main API host is slow for every depth request (stream sync and ccxt's
    // REST): the public market-data host answers.
    const allSlow = await rig({ depthDelayMs: (path) => (path.startsWith("/api/") ? 3_000 : 0) });
    allSlow.source.start();
    await waitFor("markets", () => allSlow.venue().marketsLoaded);
    const allSlowHub = hubFor(allSlow.source);
    cleanups.push(() => allSlowHub.close());
    const t0 = Date.now();
    const viaApi = await allSlowHub.getBooks("BTC-USD");
    expect(viaApi.source.path).toBe("public_api");
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(viaApi.books[0]?.seq).toBe(allSlow.lb.lastUpdateId);
    expect(allSlow.lb.depthRequests).toContain("/data-api/api/v3/depth");
    expectMatchesRecording(viaApi.books[0]!);
  });

  it("staleness: silence past the threshold marks the venue stale with ages; too old is withheld", async () => {
    const clock = createManualClock(1_800_000_000_000);
    const r = await rig({}, { staleAfterMs: 2_000, withholdAfterMs: 10_000 }, clock);
    await goLive(r);
    expect(r.venue().state).toBe("live");

    clock.advance(2_001);
    const stale = r.venue();
    expect(stale.state).toBe("stale");
    expect(stale.lastMessageAgeMs).toBe(2_001);
    expect(stale.books[0]?.ageMs).toBe(2_001);
    // Still served, and the hub reports its age and flags it.
    const hub = createMarketHub({ source: r.source, clock, sleep: (ms) => new Promise((res) => setTimeout(res, ms)), stalenessMs: 2_000 });
    cleanups.push(() => hub.close());
    const answer = await hub.getBooks("BTC-USD");
    expect(answer.ageMs.binance).toBe(2_001);
    expect(answer.staleVenues).toEqual(["binance"]);

    clock.advance(8_000);
    expect(r.source.book("binance", "BTC-USD")).toBeUndefined();
    expect(r.venue().books[0]?.withheld).toBe("too_old");

    // The venue speaks again: live, fresh, served.
    r.lb.advance(20);
    await caughtUp(r);
    expect(r.venue().state).toBe("live");
    expect(r.venue().books[0]?.ageMs).toBe(0);
  });

  it("a venue silent past silentReconnectMs gets its connections reopened", async () => {
    const clock = createManualClock(1_800_000_000_000);
    const r = await rig({}, { silentReconnectMs: 200 }, clock);
    await goLive(r);
    expect(r.lb.depthRequests.length).toBe(1);
    clock.advance(201);
    // The watchdog (every 100 ms here) closes the sockets; the loops reconnect and resync.
    await waitFor("reconnect after silence", () => r.lb.depthRequests.length === 2 && r.lb.subscribedStreams().length === 2);
    r.lb.advance(20);
    await caughtUp(r);
    expect(r.venue().reconnects).toBe(1);
  });
});
