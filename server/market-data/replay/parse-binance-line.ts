/**
 * One line of a Binance recording in the hftbacktest format (see
 * recordings/README.md): `<local receive time, ns since epoch> <raw JSON>`,
 * the JSON being a combined-stream message `{"stream","data"}` (diff depth, bookTicker,
 * trade) or the REST depth snapshot (`lastUpdateId`, `bids`, `asks`).
 *
 * Pure, and shared by the calibration tool (calibrate-from-recording.ts) and the replay
 * source, so both read the files the same way. Venue-neutral: sizes are left as recorded
 * (contracts on COIN-M); mapping to venues and units happens in decode-binance-recording.ts.
 */
import type { Level } from "../types";

interface Common {
  /** Local receive time, ms since epoch with sub-ms precision. */
  recvMs: number;
}

export interface BinanceDepthLine extends Common {
  kind: "depth";
  stream: string;
  /** Venue symbol, upper case (BTCUSDT, BTCUSD_PERP). */
  venueSymbol: string;
  firstUpdateId: number;
  lastUpdateId: number;
  /** Futures only (`pu`): the previous event's last update id. */
  prevUpdateId: number | undefined;
  bids: Level[];
  asks: Level[];
  /** Venue event time (`E`), ms; undefined if absent. */
  eventMs: number | undefined;
}

export interface BinanceSnapshotLine extends Common {
  kind: "snapshot";
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
  /** Only COIN-M snapshots name their symbol; spot and USD-M do not. */
  venueSymbol: string | undefined;
}

export interface BinanceTradeLine extends Common {
  kind: "trade";
  stream: string;
  venueSymbol: string;
  price: number;
  qty: number;
  /** `m`: the buyer was the maker, so the aggressor sold. */
  buyerIsMaker: boolean;
  tradeId: string;
  tradeMs: number | undefined;
}

export interface BinanceTickerLine extends Common {
  kind: "ticker";
  stream: string;
  venueSymbol: string;
  bid: number;
  bidQty: number;
  ask: number;
  askQty: number;
}

/** A well-formed line of a stream this project does not use. */
export interface BinanceOtherLine extends Common {
  kind: "other";
  stream: string | undefined;
}

export type BinanceLine = BinanceDepthLine | BinanceSnapshotLine | BinanceTradeLine | BinanceTickerLine | BinanceOtherLine;

type Msg = Record<string, unknown>;

export function toLevels(raw: unknown): Level[] {
  if (!Array.isArray(raw)) return [];
  const out: Level[] = [];
  for (const entry of raw) {
    if (Array.isArray(entry) && entry.length >= 2) out.push({ price: Number(entry[0]), qty: Number(entry[1]) });
  }
  return out;
}

/** `<ns>` → ms with sub-ms precision (the ns count itself exceeds 2^53, so split the digits). */
export function receiveMs(ns: string): number {
  return ns.length > 6 ? Number(ns.slice(0, -6)) + Number(ns.slice(-6)) / 1e6 : Number(ns) / 1e6;
}

const num = (x: unknown): number | undefined => (typeof x === "number" ? x : undefined);

/** The stream's symbol part, upper case: "btcusd_perp@depth@0ms" → "BTCUSD_PERP". */
function streamSymbol(stream: string, data: Msg): string {
  if (typeof data.s === "string") return data.s.toUpperCase();
  const at = stream.indexOf("@");
  return (at < 0 ? stream : stream.slice(0, at)).toUpperCase();
}

/**
 * Parses one line; undefined when it is not `<ns> <json>` (blank lines included — callers
 * that count unparsed lines decide whether a blank one counts).
 */
export function parseBinanceLine(line: string): BinanceLine | undefined {
  const space = line.indexOf(" ");
  if (space <= 0) return undefined;
  const recvMs = receiveMs(line.slice(0, space));
  if (!Number.isFinite(recvMs)) return undefined;
  let msg: Msg;
  try {
    msg = JSON.parse(line.slice(space + 1)) as Msg;
  } catch {
    return undefined;
  }
  if (msg === null || typeof msg !== "object") return undefined;
  const stream = typeof msg.stream === "string" ? msg.stream : undefined;
  if (stream === undefined) {
    if (!("lastUpdateId" in msg)) return { kind: "other", recvMs, stream: undefined };
    return {
      kind: "snapshot",
      recvMs,
      lastUpdateId: Number(msg.lastUpdateId),
      bids: toLevels(msg.bids),
      asks: toLevels(msg.asks),
      venueSymbol: typeof msg.symbol === "string" ? msg.symbol.toUpperCase() : undefined,
    };
  }
  const data = (msg.data ?? {}) as Msg;
  const venueSymbol = streamSymbol(stream, data);
  if (stream.includes("@depth")) {
    return {
      kind: "depth",
      recvMs,
      stream,
      venueSymbol,
      firstUpdateId: Number(data.U),
      lastUpdateId: Number(data.u),
      prevUpdateId: data.pu === undefined ? undefined : Number(data.pu),
      bids: toLevels(data.b),
      asks: toLevels(data.a),
      eventMs: num(data.E),
    };
  }
  if (stream.endsWith("@trade")) {
    return {
      kind: "trade",
      recvMs,
      stream,
      venueSymbol,
      price: Number(data.p),
      qty: Number(data.q),
      buyerIsMaker: data.m === true,
      tradeId: String(data.t ?? ""),
      tradeMs: num(data.T),
    };
  }
  if (stream.endsWith("@bookTicker")) {
    return {
      kind: "ticker",
      recvMs,
      stream,
      venueSymbol,
      bid: Number(data.b),
      bidQty: Number(data.B),
      ask: Number(data.a),
      askQty: Number(data.A),
    };
  }
  return { kind: "other", recvMs, stream };
}
