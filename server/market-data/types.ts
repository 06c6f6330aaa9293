/**
 * Market-data port: the shapes every source (simulated, replay, live) produces and the
 * hub serves. Prices and quantities here are human floats (e.g. 61837.63 USD, 0.5 BTC);
 * fixed-point conversion happens only at the API edge (lib/units.ts).
 */
import type { VenueId, SymbolId } from "@/lib/contracts/common";

export type { VenueId, SymbolId };

export interface Level {
  price: number;
  qty: number;
}

/** An immutable view of one venue's book at one instant. bids descending, asks ascending. */
export interface BookView {
  venue: VenueId;
  symbol: SymbolId;
  bids: readonly Level[];
  asks: readonly Level[];
  /** Venue sequence number of the last applied update. */
  seq: number;
  /** Market-clock time (ms since epoch) at which the book was last updated. */
  updatedAtMs: number;
}

export interface Trade {
  venue: VenueId;
  symbol: SymbolId;
  price: number;
  qty: number;
  /** The aggressor's side: "buy" means a market buy lifted the ask. */
  aggressor: "buy" | "sell";
  tsMs: number;
  id: string;
}

/** What a source knows about, and how the hub's answer was obtained. */
export type MarketSourceKind = "simulated" | "replay" | "live";
/**
 * How a book reached the caller (the cold chain):
 * warm = served from memory; stream = first book from a fresh subscription;
 * rest_snapshot = source's REST depth snapshot; public_api = venue public API fallback.
 */
export type BookPath = "warm" | "stream" | "rest_snapshot" | "public_api";

export interface SourceInfo {
  market: MarketSourceKind;
  path: BookPath;
}

export interface BookUpdateEvent {
  book: BookView;
}

export interface MarketListener {
  onBook?(book: BookView): void;
  onTrade?(trade: Trade): void;
}

/**
 * A market source. It owns its books; consumers read through `book()` or listen.
 * `subscribe` is idempotent and may be called for a symbol the source is not yet running.
 */
export interface MarketSource {
  readonly kind: MarketSourceKind;
  /** Symbols this source can serve at all. */
  symbols(): readonly SymbolId[];
  /** Venues that list the symbol on this source. */
  venuesFor(symbol: SymbolId): readonly VenueId[];
  start(): void;
  stop(): void;
  subscribe(symbol: SymbolId): void;
  isSubscribed(symbol: SymbolId): boolean;
  /** Current book, or undefined if none yet (or it is awaiting resync after a gap). */
  book(venue: VenueId, symbol: SymbolId): BookView | undefined;
  /** One-shot depth snapshot (REST). Undefined if the source cannot provide one. */
  fetchSnapshot(venue: VenueId, symbol: SymbolId): Promise<BookView | undefined>;
  addListener(listener: MarketListener): () => void;
  /** Feed health beyond the books themselves (sequence gaps, reconnects, replay position). */
  feedReport?(): FeedReport;
}

/** Per-venue feed counters and, for a replay, where in the recording the market is. */
export interface FeedReport {
  venues: {
    venue: VenueId;
    /** Connection state when the source has one (live); "ok" otherwise. */
    connection?: "ok" | "connecting" | "reconnecting" | "down";
    /** Null where the source does not count it (live: ccxt applies the diffs). */
    messages: number | null;
    gaps: number | null;
    resyncs: number;
    crossed: number | null;
    reconnects: number | null;
    lastError: string | null;
    /** Symbols whose book is withheld until a snapshot repairs a gap or crossed book. */
    resyncing: SymbolId[];
  }[];
  replay?: {
    files: { path: string; format: string; venue?: VenueId; messages: number }[];
    speed: number;
    loop: boolean;
    loops: number;
    recordedAtMs: number | null;
    recordedStartMs: number | null;
    recordedEndMs: number | null;
    progress: number;
    finished: boolean;
  };
}
