/**
 * The replay source on the real Binance recordings shipped in recordings/. Every expectation is checked against an
 * independent reading of the files written here: plain JSON parsing and a Map-based book
 * (snapshot + diffs, no OrderBook, no replay code).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { walkBook } from "@/server/cost/book-walk";
import { createManualClock } from "@/server/shared/clock";
import type { BookView, Level, Trade, VenueId } from "../types";
import { createReplaySource } from "./create-replay-source";
import type { ReplaySource } from "./replay-source";
import type { ReplayStatus } from "./replay-status";

const DIR = resolve(__dirname, "../../../recordings");
const FILES: Record<"binance" | "binance-usdm" | "binance-coinm", string> = {
  binance: resolve(DIR, "binance-spot_btcusdt_20240808.gz"),
  "binance-usdm": resolve(DIR, "binance-usdm_btcusdt_20240808.gz"),
  "binance-coinm": resolve(DIR, "binance-coinm_btcusd_perp_20240808.gz"),
};
type RecordedVenue = keyof typeof FILES;
/** The instrument each recording feeds: spot BTC-USD, both perps BTC-USD-PERP. */
const INSTRUMENT: Record<RecordedVenue, string> = { binance: "BTC-USD", "binance-usdm": "BTC-USD-PERP", "binance-coinm": "BTC-USD-PERP" };
const VENUES3 = Object.keys(FILES) as RecordedVenue[];
const present = VENUES3.every((v) => existsSync(FILES[v]));

const START = 1_800_000_000_000;
const CONTRACT_USD = 100;

interface Line {
  recMs: number;
  msg: Record<string, unknown>;
}

/** The file as (receive ms, parsed JSON), read without any project code. */
function readFile(path: string): Line[] {
  return gunzipSync(readFileSync(path))
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const i = l.indexOf(" ");
      const ns = BigInt(l.slice(0, i));
      return { recMs: Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6, msg: JSON.parse(l.slice(i + 1)) as Record<string, unknown> };
    });
}

type Raw = [string, string][];
const data = (l: Line) => l.msg.data as Record<string, unknown>;
const isDepth = (l: Line) => typeof l.msg.stream === "string" && l.msg.stream.includes("@depth");
const isTrade = (l: Line) => typeof l.msg.stream === "string" && l.msg.stream.endsWith("@trade");

/** Naive book as of `untilMs`: diffs before the snapshot are held, then every diff newer than the snapshot is applied. */
function naiveBook(lines: readonly Line[], untilMs: number): { bids: Map<number, number>; asks: Map<number, number> } {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  let snapshotId: number | undefined;
  const held: Record<string, unknown>[] = [];
  const apply = (d: Record<string, unknown>) => {
    if (Number(d.u) <= (snapshotId as number)) return; // already in the snapshot
    const put = (side: Map<number, number>, [p, q]: [string, string]) => {
      if (Number(q) === 0) side.delete(Number(p));
      else side.set(Number(p), Number(q));
    };
    for (const level of d.b as Raw) put(bids, level);
    for (const level of d.a as Raw) put(asks, level);
  };
  for (const l of lines) {
    if (l.recMs > untilMs) break;
    if ("lastUpdateId" in l.msg) {
      snapshotId = Number(l.msg.lastUpdateId);
      for (const [p, q] of l.msg.bids as Raw) if (Number(q) > 0) bids.set(Number(p), Number(q));
      for (const [p, q] of l.msg.asks as Raw) if (Number(q) > 0) asks.set(Number(p), Number(q));
      held.splice(0).forEach(apply);
    } else if (isDepth(l)) {
      if (snapshotId === undefined) held.push(data(l));
      else apply(data(l));
    }
  }
  return { bids, asks };
}

const sorted = (m: Map<number, number>, side: "bid" | "ask"): Level[] =>
  [...m.entries()].map(([price, qty]) => ({ price, qty })).sort((a, b) => (side === "bid" ? b.price - a.price : a.price - b.price));

const toBtc = (venue: RecordedVenue, levels: Level[]): Level[] =>
  venue === "binance-coinm" ? levels.map((l) => ({ price: l.price, qty: (l.qty * CONTRACT_USD) / l.price })) : levels;

function expectSameLevels(got: readonly Level[], want: readonly Level[]): void {
  expect(got.length).toBe(want.length);
  expect(got.map((l) => l.price)).toEqual(want.map((l) => l.price));
  got.forEach((l, i) => expect(l.qty).toBeCloseTo((want[i] as Level).qty, 12));
}

describe.skipIf(!present)("replay of the real Binance recordings (spot, USD-M, COIN-M)", () => {
  const lines = {} as Record<RecordedVenue, Line[]>;
  let source: ReplaySource;
  let firstRecMs: number;
  let status: ReplayStatus;
  const tape: Record<RecordedVenue, Trade[]> = { binance: [], "binance-usdm": [], "binance-coinm": [] };
  let emittedBooks = 0;
  const crossedEmitted: BookView[] = [];
  let crossedPolled = 0;
  // Checkpoints in recorded time: 1, 3 and 5 minutes after the first message (+0.5 ms, so no message sits on the boundary).
  const checkpoints = [60_000.5, 180_000.5, 300_000.5];
  const captured: { recMs: number; books: Record<RecordedVenue, BookView | undefined> }[] = [];

  beforeAll(() => {
    for (const v of VENUES3) lines[v] = readFile(FILES[v]);
    const clock = createManualClock(START);
    source = createReplaySource({
      files: VENUES3.map((v) => FILES[v]),
      clock,
      scheduler: { setInterval: () => 0, clearInterval: () => {} },
      maxViewLevels: Infinity,
    });
    source.addListener({
      onBook: (b) => {
        emittedBooks++;
        const bid = b.bids[0];
        const ask = b.asks[0];
        if (bid && ask && bid.price >= ask.price) crossedEmitted.push(b);
      },
      onTrade: (t) => tape[t.venue as RecordedVenue].push(t),
    });
    source.start();
    firstRecMs = source.status().recordedStartMs as number;
    let next = 0;
    const endRecMs = source.status().recordedEndMs as number;
    for (let t = 100; ; t += 100) {
      const cp = checkpoints[next];
      if (cp !== undefined && cp <= t) {
        source.advanceTo(START + cp);
        const books = {} as Record<RecordedVenue, BookView | undefined>;
        for (const v of VENUES3) books[v] = source.book(v as VenueId, INSTRUMENT[v]);
        captured.push({ recMs: firstRecMs + cp, books });
        next++;
      }
      source.advanceTo(START + t);
      for (const v of VENUES3) {
        const b = source.book(v, INSTRUMENT[v]);
        if (b && b.bids[0] && b.asks[0] && b.bids[0].price >= b.asks[0].price) crossedPolled++;
      }
      if (firstRecMs + t > endRecMs + 200) break;
    }
    status = source.status();
  }, 60_000);

  it("replays all three files with zero gaps, zero crossed books and no resync", () => {
    expect(status.finished).toBe(true);
    expect(status.books.map((b) => b.venue)).toEqual(["binance", "binance-usdm", "binance-coinm"]);
    for (const b of status.books) {
      expect(b).toMatchObject({ gaps: 0, crossed: 0, resyncs: 0, refused: 0, snapshots: 1, state: "in_sync" });
    }
    // Every diff is accounted for: applied, or dropped as already in the snapshot.
    for (const v of VENUES3) {
      const row = status.books.find((b) => b.venue === v)!;
      expect(row.deltasApplied + row.staleDropped).toBe(lines[v].filter(isDepth).length);
      expect(row.messages).toBe(lines[v].length);
    }
    expect(status.books.find((b) => b.venue === "binance")).toMatchObject({ deltasApplied: 3449, staleDropped: 2 });
    expect(emittedBooks).toBeGreaterThan(3000);
  });

  it("never serves a crossed book within a venue (across venues: replay-instruments.test.ts)", () => {
    expect(crossedEmitted).toEqual([]);
    expect(crossedPolled).toBe(0);
  });

  it("rebuilds, at three times, the same book as a naive Map-based reconstruction (COIN-M in BTC)", () => {
    expect(captured).toHaveLength(3);
    for (const { recMs, books } of captured) {
      for (const v of VENUES3) {
        const got = books[v];
        expect(got, `${v} at ${recMs}`).toBeDefined();
        const naive = naiveBook(lines[v], recMs);
        expectSameLevels(got!.bids, toBtc(v, sorted(naive.bids, "bid")));
        expectSameLevels(got!.asks, toBtc(v, sorted(naive.asks, "ask")));
      }
    }
  });

  it("converts a COIN-M level from contracts to BTC: qty = contracts × 100 / price", () => {
    const { recMs, books } = captured[0]!;
    const naive = sorted(naiveBook(lines["binance-coinm"], recMs).asks, "ask");
    const top = naive[0]!;
    const level = books["binance-coinm"]!.asks.find((l) => l.price === top.price)!;
    expect(level.qty).toBeCloseTo((top.qty * 100) / top.price, 12);
    expect(Number.isInteger(top.qty)).toBe(true); // the file's size is whole contracts
  });

  it("walks the replayed spot book for a 1 BTC buy exactly as a hand computation from the file", () => {
    const { recMs, books } = captured[1]!;
    const asks = sorted(naiveBook(lines.binance, recMs).asks, "ask");
    const bestBid = sorted(naiveBook(lines.binance, recMs).bids, "bid")[0]!.price;
    let remaining = 1;
    let notional = 0;
    for (const l of asks) {
      const take = Math.min(l.qty, remaining);
      notional += take * l.price;
      remaining -= take;
      if (remaining <= 0) break;
    }
    const vwap = notional / 1;
    const walk = walkBook(books.binance!, "buy", 1);
    expect(walk.complete).toBe(true);
    expect(walk.avgPrice).toBeCloseTo(vwap, 6);
    const mid = (bestBid + asks[0]!.price) / 2;
    expect(walk.costBps).toBeCloseTo(((vwap - mid) / mid) * 1e4, 6);
  });

  it("emits the file's trade tape: count, total size, first and last price", () => {
    for (const v of VENUES3) {
      const file = lines[v].filter(isTrade).map(data);
      const got = tape[v];
      expect(got.length, v).toBe(file.length);
      const fileQty = file.reduce((s, d) => s + (v === "binance-coinm" ? (Number(d.q) * CONTRACT_USD) / Number(d.p) : Number(d.q)), 0);
      expect(got.reduce((s, t) => s + t.qty, 0)).toBeCloseTo(fileQty, 8);
      expect(got[0]!.price).toBe(Number(file[0]!.p));
      expect(got.at(-1)!.price).toBe(Number(file.at(-1)!.p));
      expect(got.filter((t) => t.aggressor === "buy").length).toBe(file.filter((d) => d.m === false).length);
      // stamped in market time, in order
      for (let i = 1; i < got.length; i++) expect(got[i]!.tsMs).toBeGreaterThanOrEqual(got[i - 1]!.tsMs);
    }
  });

  it("reports recorded time: the window is 2024-08-08 23:54:13 – 24:00:00 UTC", () => {
    expect(new Date(status.recordedStartMs!).toISOString()).toBe("2024-08-08T23:54:13.937Z");
    expect(new Date(status.recordedEndMs!).toISOString().slice(0, 19)).toBe("2024-08-08T23:59:59");
    expect(status.files.map((f) => f.venues)).toEqual([["binance"], ["binance-usdm"], ["binance-coinm"]]);
  });
});
