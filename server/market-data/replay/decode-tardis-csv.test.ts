import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import type { Trade } from "../types";
import { createReplaySource } from "./create-replay-source";
import { decodeTardisCsv, tardisFormatOf } from "./decode-tardis-csv";
import { ReplayFormatError } from "./replay-event";

const dir = mkdtempSync(join(tmpdir(), "replay-tardis-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0_US = 1_723_161_000_000_000; // µs since epoch
const START = 1_800_000_000_000;
const us = (ms: number) => String(T0_US + ms * 1000);

const L2_HEADER = "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount";
const TRADES_HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

function write(name: string, lines: string[], gzip = false): string {
  const path = join(dir, name);
  const text = `${lines.join("\n")}\n`;
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

function replay(files: string[]) {
  const clock = createManualClock(START);
  const source = createReplaySource({ files, clock, scheduler: { setInterval: () => 0, clearInterval: () => {} } });
  const trades: Trade[] = [];
  source.addListener({ onTrade: (t) => trades.push(t) });
  source.start();
  return { source, trades };
}

describe("Tardis CSV: format by header", () => {
  it("recognises the three data types and nothing else", () => {
    expect(tardisFormatOf(L2_HEADER)).toBe("tardis-incremental_book_L2");
    expect(tardisFormatOf(TRADES_HEADER)).toBe("tardis-trades");
    expect(tardisFormatOf("exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount")).toBe("tardis-book_snapshot");
    expect(tardisFormatOf("a,b,c")).toBeUndefined();
  });
});

describe("Tardis incremental_book_L2 + trades replayed together", () => {
  const book = write("coinbase_incremental_book_L2_2024-08-08_BTC-USD.csv.gz", [
    L2_HEADER,
    `coinbase,BTC-USD,${us(-50)},${us(-50)},false,bid,59000,9`, // before the first snapshot: dropped
    `coinbase,BTC-USD,${us(0)},${us(0)},true,bid,60000,1`,
    `coinbase,BTC-USD,${us(0)},${us(0)},true,bid,59990,2`,
    `coinbase,BTC-USD,${us(0)},${us(0)},true,ask,60010,1.5`,
    `coinbase,BTC-USD,${us(0)},${us(0)},true,ask,60020,3`,
    `coinbase,BTC-USD,${us(1000)},${us(1001)},false,ask,60010,0`, // one message: two rows
    `coinbase,BTC-USD,${us(1000)},${us(1001)},false,bid,60005,0.7`,
    `coinbase,BTC-USD,${us(2000)},${us(2001)},false,bid,60000,0`,
    // a reconnect: a fresh snapshot replaces the book
    `coinbase,BTC-USD,${us(3000)},${us(3001)},true,bid,61000,4`,
    `coinbase,BTC-USD,${us(3000)},${us(3001)},true,ask,61010,5`,
  ], true);
  const trades = write("coinbase_trades_2024-08-08_BTC-USD.csv", [
    TRADES_HEADER,
    `coinbase,BTC-USD,${us(500)},${us(502)},t-1,buy,60010,0.25`,
    `coinbase,BTC-USD,${us(1500)},${us(1502)},t-2,sell,60005,0.1`,
    `coinbase,BTC-USD,${us(1600)},${us(1602)},t-3,unknown,60005,0.1`,
  ]);

  it("builds the book from the snapshot and row groups, merged with the trades by local time", () => {
    const { source, trades: tape } = replay([book, trades]);
    expect(source.symbols()).toEqual(["BTC-USD"]);
    expect(source.venuesFor("BTC-USD")).toEqual(["coinbase"]);
    source.advanceTo(START + 50); // recorded start is the pre-snapshot row at -50 ms
    expect(source.book("coinbase", "BTC-USD")?.bids).toEqual([{ price: 60000, qty: 1 }, { price: 59990, qty: 2 }]);
    source.advanceTo(START + 50 + 1001);
    const b = source.book("coinbase", "BTC-USD")!;
    expect(b.bids).toEqual([{ price: 60005, qty: 0.7 }, { price: 60000, qty: 1 }, { price: 59990, qty: 2 }]);
    expect(b.asks).toEqual([{ price: 60020, qty: 3 }]);
    expect(tape).toEqual([{ venue: "coinbase", symbol: "BTC-USD", price: 60010, qty: 0.25, aggressor: "buy", tsMs: START + 50 + 502, id: "t-1" }]);
    source.advanceTo(START + 50 + 2001);
    expect(source.book("coinbase", "BTC-USD")?.bids.map((l) => l.price)).toEqual([60005, 59990]);
    expect(tape.map((t) => t.aggressor)).toEqual(["buy", "sell"]); // the "unknown"-side trade is skipped
    source.advanceTo(START + 50 + 3001);
    expect(source.book("coinbase", "BTC-USD")).toMatchObject({ bids: [{ price: 61000, qty: 4 }], asks: [{ price: 61010, qty: 5 }] });
    const row = source.status().books[0]!;
    expect(row).toMatchObject({ snapshots: 2, deltasApplied: 2, staleDropped: 1, gaps: 0, crossed: 0, trades: 2, state: "in_sync" });
    expect(source.status().files.map((f) => [f.format, f.skipped])).toEqual([
      ["tardis-incremental_book_L2", 0],
      ["tardis-trades", 1],
    ]);
  });
});

describe("Tardis exchange and symbol mapping", () => {
  it("maps Binance delivery (COIN-M) and converts contracts to BTC", () => {
    const path = write("binance-delivery_trades.csv", [TRADES_HEADER, `binance-delivery,BTCUSD_PERP,${us(0)},${us(1)},9,buy,62500,5`]);
    const rec = decodeTardisCsv(
      [TRADES_HEADER, `binance-delivery,BTCUSD_PERP,${us(0)},${us(1)},9,buy,62500,5`, `binance-futures,BTCUSDT,${us(0)},${us(2)},10,sell,62490,0.3`, `okex,BTC-USDT,${us(0)},${us(3)},11,sell,62480,1`],
      path,
    );
    expect(rec.events.map((e) => [e.venue, e.symbol, e.kind === "trade" ? e.qty : NaN])).toEqual([
      ["binance-coinm", "BTC-USD-PERP", (5 * 100) / 62500],
      ["binance-usdm", "BTC-USD-PERP", 0.3],
      ["okx", "BTC-USD", 1],
    ]);
  });

  it("names an unknown exchange or symbol", () => {
    expect(() => decodeTardisCsv([TRADES_HEADER, `ftx,BTC-PERP,${us(0)},${us(0)},1,buy,1,1`], "x.csv")).toThrow(/unknown Tardis exchange "ftx"/);
    expect(() => decodeTardisCsv([TRADES_HEADER, `kraken,PEPE/USD,${us(0)},${us(0)},1,buy,1,1`], "x.csv")).toThrow(/unknown kraken symbol "PEPE\/USD"/);
    expect(() => decodeTardisCsv(["a,b"], "x.csv")).toThrow(ReplayFormatError);
  });
});

describe("Tardis book_snapshot_25", () => {
  it("replaces the book on every row, whatever the column order", () => {
    const header = "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,asks[1].price,asks[1].amount,bids[1].price,bids[1].amount";
    const path = write("kraken_book_snapshot_25.csv", [
      header,
      `kraken,XBT/USD,${us(0)},${us(0)},60010,1,60000,2,60020,3,59990,4`,
      `kraken,XBT/USD,${us(100)},${us(100)},60015,1,60005,2,,,,`,
    ]);
    const { source } = replay([path]);
    source.advanceTo(START);
    expect(source.book("kraken", "BTC-USD")).toMatchObject({
      bids: [{ price: 60000, qty: 2 }, { price: 59990, qty: 4 }],
      asks: [{ price: 60010, qty: 1 }, { price: 60020, qty: 3 }],
    });
    source.advanceTo(START + 100);
    expect(source.book("kraken", "BTC-USD")).toMatchObject({ bids: [{ price: 60005, qty: 2 }], asks: [{ price: 60015, qty: 1 }] });
  });

  it("withholds a crossed book until the next snapshot row", () => {
    const header = "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount";
    const path = write("okx_book_snapshot_25.csv", [header, `okex,BTC-USDT,${us(0)},${us(0)},60000,1,60010,1`, `okex,BTC-USDT,${us(100)},${us(100)},60010,1,60000,1`]);
    const { source } = replay([path]);
    source.advanceTo(START);
    expect(source.book("okx", "BTC-USD")).toBeUndefined();
    expect(source.status().books[0]).toMatchObject({ crossed: 1, state: "resyncing" });
    source.advanceTo(START + 100);
    expect(source.book("okx", "BTC-USD")).toBeDefined();
    expect(source.status().books[0]).toMatchObject({ crossed: 1, resyncs: 1, state: "in_sync" });
  });
});
