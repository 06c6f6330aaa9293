/**
 * What a recording decodes to, whatever its file format: book snapshots and deltas with
 * sequence numbers, trades and top-of-book tickers, each stamped with the time it was
 * *received* when recorded (the replay clock plays receive time, as a live feed would
 * see it). Prices and sizes are human floats in base units (BTC), already converted from
 * contracts where the venue quotes contracts.
 */
import type { Level, SymbolId, VenueId } from "../types";

interface EventBase {
  /** Recorded receive time, ms since epoch (sub-ms precision). */
  recMs: number;
  venue: VenueId;
  symbol: SymbolId;
}

export interface ReplaySnapshotEvent extends EventBase {
  kind: "snapshot";
  seq: number;
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface ReplayDeltaEvent extends EventBase {
  kind: "delta";
  firstSeq: number;
  lastSeq: number;
  /** The venue's previous-update id (Binance futures `pu`), when it sends one. */
  prevSeq: number | undefined;
  /** Absolute sizes per price; 0 deletes the level. */
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface ReplayTradeEvent extends EventBase {
  kind: "trade";
  price: number;
  qty: number;
  aggressor: "buy" | "sell";
  id: string;
  /** The exchange's trade time (Binance `T`), ms, when the recording has it: the print's time on the tape. */
  exchangeMs?: number;
}

/** Best bid/ask from a dedicated stream (Binance bookTicker): counted and reported, never applied to the L2 book. */
export interface ReplayTickerEvent extends EventBase {
  kind: "ticker";
  bid: number;
  ask: number;
}

export type ReplayEvent = ReplaySnapshotEvent | ReplayDeltaEvent | ReplayTradeEvent | ReplayTickerEvent;

export type ReplayFormat = "binance-hftbacktest" | "tardis-incremental_book_L2" | "tardis-trades" | "tardis-book_snapshot";

/** One decoded file: its events in recorded order (recMs non-decreasing). */
export interface DecodedRecording {
  path: string;
  format: ReplayFormat;
  events: readonly ReplayEvent[];
  /** Lines that were not data (blank, unknown stream, unknown-side trades). */
  skipped: number;
}

/** A file the replay cannot use, with the reason (unknown exchange, symbol, header...). */
export class ReplayFormatError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "ReplayFormatError";
  }
}
