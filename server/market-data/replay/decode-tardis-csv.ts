/**
 * Tardis.dev downloadable CSV files (https://docs.tardis.dev/downloadable-csv-files) →
 * replay events. Pure: it takes the file's lines. The data type is recognised from the
 * header; columns are found by name, so their order does not matter:
 * - incremental_book_L2: exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount
 * - trades: exchange,symbol,timestamp,local_timestamp,id,side,price,amount
 * - book_snapshot_25 (and _5): exchange,symbol,timestamp,local_timestamp,
 *   asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,…
 * Times are µs since epoch; local_timestamp (arrival) is what the replay plays, like the
 * Binance recordings' receive time.
 *
 * incremental_book_L2 semantics (Tardis docs): one row per level, `amount` absolute (0 =
 * remove); rows of one exchange message share local_timestamp, so consecutive rows of one
 * instrument with the same local_timestamp are one update; a run of is_snapshot=true rows
 * after non-snapshot rows is a fresh snapshot (reconnect or day start) that replaces the
 * book. Tardis rows carry no venue sequence numbers, so the decoder numbers updates per
 * instrument (snapshot = n, each later update n+1, …): a replayed Tardis book can detect
 * crossed books but not venue-side gaps, which Tardis repairs with those snapshots.
 * Updates before an instrument's first snapshot are numbered below it and so dropped as
 * stale, as Tardis advises. Trades with side "unknown" have no aggressor and are skipped.
 *
 * Exchange ids map to our venues below; symbols through the registry's venueSymbol. An
 * unknown exchange or symbol is an error naming it.
 */
import type { Level, SymbolId, VenueId } from "../types";
import { instrumentFor, symbolForVenueSymbol } from "../venues";
import { contractsToBase, type ContractSpec } from "./convert-contract-size";
import { ReplayFormatError, type DecodedRecording, type ReplayEvent, type ReplayFormat, type ReplaySnapshotEvent } from "./replay-event";

export const TARDIS_EXCHANGES: Readonly<Record<string, VenueId>> = {
  binance: "binance",
  "binance-futures": "binance-usdm",
  "binance-delivery": "binance-coinm",
  coinbase: "coinbase",
  kraken: "kraken",
  okex: "okx",
  okx: "okx",
  "bybit-spot": "bybit",
  bitget: "bitget",
  "crypto-com": "cryptocom",
};

/** The Tardis data type a header line announces, or undefined if it is not a Tardis CSV header. */
export function tardisFormatOf(header: string): ReplayFormat | undefined {
  const cols = header.trim().split(",");
  const has = (c: string) => cols.includes(c);
  if (!has("exchange") || !has("symbol") || !has("local_timestamp")) return undefined;
  if (has("is_snapshot") && has("side") && has("price") && has("amount")) return "tardis-incremental_book_L2";
  if (has("asks[0].price") && has("bids[0].price")) return "tardis-book_snapshot";
  if (has("id") && has("side") && has("price") && has("amount")) return "tardis-trades";
  return undefined;
}

interface Instrument {
  venue: VenueId;
  symbol: SymbolId;
  contract: ContractSpec | undefined;
  seq: number;
  /** The instrument's last emitted event, to extend a snapshot spread over several messages. */
  last: ReplayEvent | undefined;
}

export function decodeTardisCsv(lines: readonly string[], path: string): DecodedRecording {
  const header = lines[0] ?? "";
  const format = tardisFormatOf(header);
  if (!format) throw new ReplayFormatError(path, `not a Tardis CSV header: "${header.slice(0, 120)}"`);
  const cols = header.trim().split(",");
  const col = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new ReplayFormatError(path, `missing column "${name}"`);
    return i;
  };
  const cExchange = col("exchange");
  const cSymbol = col("symbol");
  const cLocal = col("local_timestamp");

  const instruments = new Map<string, Instrument>();
  const instrumentOf = (exchange: string, venueSymbol: string, lineNo: number): Instrument => {
    const key = `${exchange}|${venueSymbol}`;
    let inst = instruments.get(key);
    if (!inst) {
      const venue = TARDIS_EXCHANGES[exchange];
      if (!venue) throw new ReplayFormatError(path, `line ${lineNo}: unknown Tardis exchange "${exchange}" (known: ${Object.keys(TARDIS_EXCHANGES).join(", ")})`);
      const symbol = symbolForVenueSymbol(venue, venueSymbol);
      if (!symbol) throw new ReplayFormatError(path, `line ${lineNo}: unknown ${exchange} symbol "${venueSymbol}" (not in the venue registry for ${venue})`);
      inst = { venue, symbol, contract: instrumentFor(venue, symbol)?.contract, seq: 0, last: undefined };
      instruments.set(key, inst);
    }
    return inst;
  };
  const size = (inst: Instrument, amount: number, price: number) => (inst.contract ? contractsToBase(amount, price, inst.contract) : amount);

  const events: ReplayEvent[] = [];
  let skipped = 0;
  let lastRecMs = -Infinity;
  const recTime = (raw: string | undefined, lineNo: number): number => {
    const us = Number(raw);
    if (!Number.isFinite(us)) throw new ReplayFormatError(path, `line ${lineNo}: bad local_timestamp "${raw}"`);
    // File order is the truth; a stamp stepping back is held (see decode-binance-recording.ts).
    lastRecMs = Math.max(lastRecMs, us / 1000);
    return lastRecMs;
  };

  if (format === "tardis-trades") {
    const cId = col("id");
    const cSide = col("side");
    const cPrice = col("price");
    const cAmount = col("amount");
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === "") continue;
      const f = line.split(",");
      const side = f[cSide];
      if (side !== "buy" && side !== "sell") {
        skipped++;
        continue;
      }
      const inst = instrumentOf(f[cExchange] ?? "", f[cSymbol] ?? "", i + 1);
      const price = Number(f[cPrice]);
      events.push({
        kind: "trade",
        recMs: recTime(f[cLocal], i + 1),
        venue: inst.venue,
        symbol: inst.symbol,
        price,
        qty: size(inst, Number(f[cAmount]), price),
        aggressor: side,
        id: f[cId] ?? "",
      });
    }
    return { path, format, events, skipped };
  }

  if (format === "tardis-book_snapshot") {
    const depth: { askP: number; askA: number; bidP: number; bidA: number }[] = [];
    for (let k = 0; cols.includes(`asks[${k}].price`); k++) {
      depth.push({ askP: col(`asks[${k}].price`), askA: col(`asks[${k}].amount`), bidP: col(`bids[${k}].price`), bidA: col(`bids[${k}].amount`) });
    }
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === "") continue;
      const f = line.split(",");
      const inst = instrumentOf(f[cExchange] ?? "", f[cSymbol] ?? "", i + 1);
      const bids: Level[] = [];
      const asks: Level[] = [];
      // Empty cells: the book had fewer levels than the snapshot width.
      for (const d of depth) {
        if (f[d.bidP]) bids.push({ price: Number(f[d.bidP]), qty: size(inst, Number(f[d.bidA]), Number(f[d.bidP])) });
        if (f[d.askP]) asks.push({ price: Number(f[d.askP]), qty: size(inst, Number(f[d.askA]), Number(f[d.askP])) });
      }
      inst.seq++;
      events.push({ kind: "snapshot", recMs: recTime(f[cLocal], i + 1), venue: inst.venue, symbol: inst.symbol, seq: inst.seq, bids, asks });
    }
    return { path, format, events, skipped };
  }

  // incremental_book_L2
  const cSnap = col("is_snapshot");
  const cSide = col("side");
  const cPrice = col("price");
  const cAmount = col("amount");
  let group: { inst: Instrument; local: string; snapshot: boolean; recMs: number; bids: Level[]; asks: Level[] } | undefined;
  const flush = () => {
    if (!group) return;
    const { inst } = group;
    const last = inst.last;
    if (group.snapshot && last?.kind === "snapshot" && events[events.length - 1] === last) {
      // A snapshot sent as several messages: still one snapshot.
      (last.bids as Level[]).push(...group.bids);
      (last.asks as Level[]).push(...group.asks);
    } else if (group.snapshot) {
      inst.seq++;
      const ev: ReplaySnapshotEvent = { kind: "snapshot", recMs: group.recMs, venue: inst.venue, symbol: inst.symbol, seq: inst.seq, bids: group.bids, asks: group.asks };
      events.push(ev);
      inst.last = ev;
    } else {
      inst.seq++;
      const ev: ReplayEvent = {
        kind: "delta",
        recMs: group.recMs,
        venue: inst.venue,
        symbol: inst.symbol,
        firstSeq: inst.seq,
        lastSeq: inst.seq,
        prevSeq: undefined,
        bids: group.bids,
        asks: group.asks,
      };
      events.push(ev);
      inst.last = ev;
    }
    group = undefined;
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const f = line.split(",");
    const inst = instrumentOf(f[cExchange] ?? "", f[cSymbol] ?? "", i + 1);
    const local = f[cLocal] ?? "";
    const snapshot = f[cSnap] === "true";
    if (!group || group.inst !== inst || group.local !== local || group.snapshot !== snapshot) {
      flush();
      group = { inst, local, snapshot, recMs: recTime(local, i + 1), bids: [], asks: [] };
    }
    const price = Number(f[cPrice]);
    const level = { price, qty: size(inst, Number(f[cAmount]), price) };
    const side = f[cSide];
    if (side === "bid") group.bids.push(level);
    else if (side === "ask") group.asks.push(level);
    else throw new ReplayFormatError(path, `line ${i + 1}: unknown side "${side}"`);
  }
  flush();
  return { path, format, events, skipped };
}
