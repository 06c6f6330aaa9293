import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { createLogger } from "@/server/shared/logger";
import type { BookView, Trade } from "../types";
import { createReplaySource } from "./create-replay-source";
import { ReplayFormatError } from "./replay-event";
import { UnknownReplaySymbolError } from "./replay-source";

const dir = mkdtempSync(join(tmpdir(), "replay-src-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REC0 = 1_723_161_000_000; // recorded epoch ms of the first line
const START = 1_800_000_000_000; // process clock at start()
const line = (ms: number, msg: unknown) => `${BigInt(REC0 + ms) * 1_000_000n} ${JSON.stringify(msg)}`;
const depth = (U: number, u: number, b: [string, string][] = [], a: [string, string][] = []) => ({
  stream: "btcusdt@depth@100ms",
  data: { e: "depthUpdate", E: REC0, s: "BTCUSDT", U, u, b, a },
});
// Without T unless given: the play-time tests below are about receive time.
const trade = (t: number, p: string, q: string, m: boolean, T?: number) => ({ stream: "btcusdt@trade", data: { e: "trade", t, p, q, ...(T !== undefined ? { T } : {}), m } });
const snapshot = { lastUpdateId: 100, bids: [["100.00", "2"], ["99.00", "1"]], asks: [["101.00", "1"], ["102.00", "3"]] };

/** A spot recording: one diff before the snapshot (bridging it), then diffs and trades; `gapAt` drops update 104. */
function writeSpot(name: string, withGap: boolean): string {
  const lines = [
    line(0, depth(99, 101, [["100.00", "5"]])), // U <= 101 <= u: bridges lastUpdateId 100
    line(300, snapshot),
    line(1_000, trade(1, "101.00", "0.5", false)),
    line(1_000, depth(102, 103, [], [["101.00", "0.5"]])),
    line(2_000, withGap ? depth(105, 106, [["100.50", "1"]]) : depth(104, 106, [["100.50", "1"]])),
    line(3_000, trade(2, "100.50", "0.25", true)),
    line(4_000, depth(107, 107, [], [["101.00", "0"]])),
  ];
  const path = join(dir, name);
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
  return path;
}

const manualScheduler = () => {
  const timers: { fn: () => void; ms: number }[] = [];
  return { timers, setInterval: (fn: () => void, ms: number) => timers.push({ fn, ms }), clearInterval: () => {} };
};

function make(path: string, extra: { speed?: number | "max"; loop?: boolean; logs?: string[] } = {}) {
  const clock = createManualClock(START);
  const logs = extra.logs ?? [];
  const scheduler = manualScheduler();
  const source = createReplaySource({
    files: [path],
    clock,
    scheduler,
    speed: extra.speed,
    loop: extra.loop,
    log: createLogger("debug", (l) => logs.push(l)),
  });
  const books: BookView[] = [];
  const trades: Trade[] = [];
  source.addListener({ onBook: (b) => books.push(b), onTrade: (t) => trades.push(t) });
  return { clock, source, books, trades, logs, scheduler };
}

describe("replay source: Binance recording, time rebased onto the process clock", () => {
  const path = writeSpot("binance-spot_btcusdt_test.gz", false);

  it("serves what the files contain and plays the first message at start time", () => {
    const { source, clock, scheduler } = make(path);
    expect(source.kind).toBe("replay");
    expect(source.symbols()).toEqual(["BTC-USD"]);
    expect(source.venuesFor("BTC-USD")).toEqual(["binance"]);
    expect(source.venuesFor("ETH-USD")).toEqual([]);
    expect(() => source.subscribe("ETH-USD")).toThrow(UnknownReplaySymbolError);
    source.start();
    expect(scheduler.timers[0]?.ms).toBe(100);
    expect(source.book("binance", "BTC-USD")).toBeUndefined(); // nothing played yet
    source.advanceTo(clock.nowMs());
    expect(source.book("binance", "BTC-USD")).toBeUndefined(); // the diff is buffered: no snapshot yet
    expect(source.status().books[0]).toMatchObject({ state: "awaiting_snapshot", buffered: 1 });
  });

  it("keeps recorded gaps (speed 1), stamps market time and keeps recorded time in the status", async () => {
    const { source, clock, books, trades } = make(path);
    source.start();
    source.advanceTo(START + 299);
    expect(source.book("binance", "BTC-USD")).toBeUndefined();
    source.advanceTo(START + 300);
    const b = source.book("binance", "BTC-USD")!;
    // snapshot + the bridging diff (100.00 -> 5)
    expect(b.bids).toEqual([{ price: 100, qty: 5 }, { price: 99, qty: 1 }]);
    expect(b.seq).toBe(101);
    expect(b.updatedAtMs).toBe(START + 300);
    expect(await source.fetchSnapshot("binance", "BTC-USD")).toBe(b);
    expect(books.at(-1)).toBe(b); // emitted to listeners
    clock.set(START + 1_000);
    source.advanceTo(clock.nowMs());
    expect(trades).toEqual([{ venue: "binance", symbol: "BTC-USD", price: 101, qty: 0.5, aggressor: "buy", tsMs: START + 1_000, id: "1" }]);
    expect(source.book("binance", "BTC-USD")?.asks[0]).toEqual({ price: 101, qty: 0.5 });
    const st = source.status();
    expect(st.recordedAtMs).toBe(REC0 + 1_000);
    expect(st.books[0]).toMatchObject({ lastUpdateMs: START + 1_000, lastUpdateRecordedMs: REC0 + 1_000, state: "in_sync", bidLevels: 2, askLevels: 2 });
    source.advanceTo(START + 10_000);
    expect(trades[1]).toMatchObject({ aggressor: "sell", tsMs: START + 3_000 });
    expect(source.status()).toMatchObject({ finished: true, progress: 1, position: 7, events: 7, loops: 0 });
    expect(source.status().books[0]).toMatchObject({ gaps: 0, crossed: 0, deltasApplied: 4, staleDropped: 0, trades: 2, messages: 7 });
    expect(source.book("binance", "BTC-USD")?.asks).toEqual([{ price: 102, qty: 3 }]);
  });

  it("divides recorded gaps by speed", () => {
    const { source, trades } = make(path, { speed: 4 });
    source.start();
    source.advanceTo(START + 249);
    expect(trades).toHaveLength(0);
    source.advanceTo(START + 250); // 1 000 recorded ms / 4
    expect(trades).toHaveLength(1);
    expect(source.status().recordedAtMs).toBe(REC0 + 1_000);
  });

  it("at speed max applies a batch per call, stamped with the time given", () => {
    const { source, trades } = make(path, { speed: "max" });
    source.start();
    source.advanceTo(START + 5);
    expect(trades.map((t) => t.tsMs)).toEqual([START + 5, START + 5]);
    expect(source.status()).toMatchObject({ finished: true, speed: "max", recordedAtMs: REC0 + 4_000 });
  });

  it("loops: restarts from the snapshot with market time still increasing, and unique trade ids", () => {
    const { source, trades } = make(path, { loop: true });
    source.start();
    source.advanceTo(START + 4_000); // end of pass 1
    expect(source.status().loops).toBe(0);
    source.advanceTo(START + 4_100); // pass 2 starts loopGapMs (100) after the last message
    expect(source.status().loops).toBe(1);
    expect(source.book("binance", "BTC-USD")).toBeUndefined(); // withheld until the snapshot plays again
    source.advanceTo(START + 4_100 + 300);
    expect(source.book("binance", "BTC-USD")?.updatedAtMs).toBe(START + 4_400);
    source.advanceTo(START + 4_100 + 1_000);
    expect(trades.map((t) => [t.id, t.tsMs])).toEqual([
      ["1", START + 1_000],
      ["2", START + 3_000],
      ["1#1", START + 5_100],
    ]);
    expect(source.status().books[0]).toMatchObject({ gaps: 0, snapshots: 2, state: "in_sync" });
  });

  it("refuses an unknown format or symbol with the file named", () => {
    const bad = join(dir, "notes.txt");
    writeFileSync(bad, "hello\n");
    expect(() => make(bad)).toThrow(ReplayFormatError);
    const eth = join(dir, "binance-spot_ethbtc.gz");
    writeFileSync(eth, gzipSync(line(0, { stream: "ethbtc@trade", data: { t: 1, p: "0.05", q: "1", m: false } })));
    expect(() => make(eth)).toThrow(/unknown binance symbol "ETHBTC"/);
  });
});

describe("replay source: a sequence gap", () => {
  const path = writeSpot("binance-spot_gap.gz", true);

  it("is detected, counted, logged and the book withheld, never served", () => {
    const logs: string[] = [];
    const { source, books } = make(path, { logs });
    source.start();
    source.advanceTo(START + 1_999);
    expect(source.book("binance", "BTC-USD")).toBeDefined();
    const emitted = books.length;
    source.advanceTo(START + 10_000);
    expect(source.book("binance", "BTC-USD")).toBeUndefined();
    expect(books.length).toBe(emitted); // nothing emitted after the gap
    const row = source.status().books[0]!;
    expect(row).toMatchObject({ gaps: 1, state: "resyncing", refused: 1, resyncs: 0 });
    expect(row.lastIssue).toMatchObject({ kind: "gap", seq: 103, firstSeq: 105, lastSeq: 106 });
    expect(logs.some((l) => l.includes("WARN") && l.includes("gap on binance BTC-USD") && l.includes("withheld"))).toBe(true);
    expect(source.feedReport().venues[0]).toMatchObject({ venue: "binance", gaps: 1, resyncing: ["BTC-USD"] });
  });

  it("is resynced by the next loop's snapshot (the only snapshot a recording has)", () => {
    const logs: string[] = [];
    const { source } = make(path, { loop: true, logs });
    source.start();
    source.advanceTo(START + 4_100 + 300);
    expect(source.book("binance", "BTC-USD")).toBeDefined();
    expect(source.status().books[0]).toMatchObject({ gaps: 1, resyncs: 1 });
    expect(logs.some((l) => l.includes("resynced"))).toBe(true);
  });
  it("stamps a print with the exchange's trade time on the replay clock, where the recording has it", () => {
    const path = join(dir, "tape-times.jsonl.gz");
    writeFileSync(
      path,
      gzipSync(
        `${[
          line(0, depth(99, 101, [["100.00", "5"]])),
          line(300, snapshot),
          // Traded 40 ms before it was received: on the tape at START + 1 000 − 40.
          line(1_000, trade(1, "101.00", "0.5", false, REC0 + 960)),
          // An exchange clock ahead of the receiver: the receive time, never a print from the future.
          line(2_000, trade(2, "101.00", "0.5", false, REC0 + 2_005)),
        ].join("\n")}\n`,
      ),
    );
    const a = make(path);
    a.source.start();
    a.clock.advance(2_500);
    a.source.advanceTo(a.clock.nowMs());
    expect(a.trades.map((t) => t.tsMs)).toEqual([START + 960, START + 2_000]);
    a.source.stop();
    // At 4× the recorded 40 ms delay is 10 ms of replay time: 1 000/4 − 10.
    const b = make(path, { speed: 4 });
    b.source.start();
    b.clock.advance(700);
    b.source.advanceTo(b.clock.nowMs());
    expect(b.trades.map((t) => t.tsMs)).toEqual([START + 240, START + 500]);
    b.source.stop();
  });
});
