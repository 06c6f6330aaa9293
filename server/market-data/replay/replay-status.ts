/** What the replay source reports about itself (served by the market-status endpoint). */
import type { BookIssue } from "../order-book";
import type { SymbolId, VenueId } from "../types";
import type { ReplayFormat } from "./replay-event";
import type { ReplayBookCounters, ReplayBookState } from "./sync-replay-book";

export interface ReplayBookStatus extends ReplayBookCounters {
  venue: VenueId;
  symbol: SymbolId;
  state: ReplayBookState;
  /** Market (process-clock) time of the book's last event; null before the first. */
  lastUpdateMs: number | null;
  /** The same event's recorded receive time. */
  lastUpdateRecordedMs: number | null;
  bidLevels: number;
  askLevels: number;
  bestBid: number | null;
  bestAsk: number | null;
  /** Best bid/ask of the venue's own ticker stream, when recorded (Binance bookTicker). */
  ticker: { bid: number; ask: number } | null;
  lastIssue: BookIssue | null;
}

export interface ReplayFileStatus {
  path: string;
  format: ReplayFormat;
  venues: VenueId[];
  symbols: SymbolId[];
  events: number;
  skipped: number;
  recordedStartMs: number | null;
  recordedEndMs: number | null;
}

export interface ReplayStatus {
  kind: "replay";
  /** Replay speed (1 = real time); "max" = as fast as the CPU allows. */
  speed: number | "max";
  loop: boolean;
  running: boolean;
  /** Played to the end without loop: books keep their last state. */
  finished: boolean;
  /** Completed passes over the recording (restarts so far). */
  loops: number;
  /** Market time the replay has been advanced to. */
  marketNowMs: number | null;
  /** Recorded time that market time corresponds to (what "replaying 23:55:02" shows). */
  recordedAtMs: number | null;
  recordedStartMs: number | null;
  recordedEndMs: number | null;
  /** Events applied in this pass / events per pass. */
  position: number;
  events: number;
  /** position / events, 0..1. */
  progress: number;
  files: ReplayFileStatus[];
  books: ReplayBookStatus[];
}
