/**
 * What the live source reports about its feeds: per venue the connection state, message
 * times, reconnects and errors, per book its age and why it may be withheld; and the same
 * in the market port's FeedReport shape.
 */
import type { FeedReport, SymbolId, VenueId } from "../types";
import type { VenueState } from "./classify-venue-state";

export interface LiveBookStatus {
  symbol: SymbolId;
  /** Age of the last book on the clock, if there is one. */
  ageMs: number | null;
  seq: number | null;
  /** Why book() returns nothing although a book exists. */
  withheld: "resync" | "crossed" | "too_old" | null;
  /** Resyncs after gaps/checksum failures since start. */
  resyncs: number;
}

export interface LiveVenueStatus {
  venue: VenueId;
  state: VenueState;
  /** The stream client has loaded the venue's market list (preloaded at start()). */
  marketsLoaded: boolean;
  lastMessageMs: number | null;
  lastMessageAgeMs: number | null;
  /** Recoveries from "reconnecting" back to streaming. */
  reconnects: number;
  /** Errors seen (watch failures, resyncs, failed snapshots). */
  errors: number;
  lastError: string | null;
  lastErrorMs: number | null;
  books: LiveBookStatus[];
}

export interface LiveSourceStatus {
  kind: "live";
  asOfMs: number;
  staleAfterMs: number;
  venues: LiveVenueStatus[];
}

/** The port's feed report from the live status: ccxt applies diffs and checks their sequence, so a gap shows as a resync. */
export function feedReportOf(status: LiveSourceStatus): FeedReport {
  const toConnection = (state: VenueState): NonNullable<FeedReport["venues"][number]["connection"]> =>
    state === "reconnecting" || state === "down" ? state : state === "idle" || state === "connecting" ? "connecting" : "ok";
  return {
    venues: status.venues.map((v) => ({
      venue: v.venue,
      connection: toConnection(v.state),
      messages: null,
      gaps: null,
      resyncs: v.books.reduce((n, b) => n + b.resyncs, 0),
      crossed: null,
      reconnects: v.reconnects,
      lastError: v.lastError,
      resyncing: v.books.filter((b) => b.withheld === "resync" || b.withheld === "crossed").map((b) => b.symbol),
    })),
  };
}
