/**
 * A venue's health as reported by status(): derived from what the connection loops last
 * did and how long ago the venue last sent anything, measured on the injected clock.
 */
export type VenueState = "idle" | "connecting" | "live" | "stale" | "reconnecting" | "down";

/** What the loops record; the reported state is computed from it on demand. */
export type VenuePhase = "idle" | "connecting" | "streaming" | "reconnecting";

export interface VenueStateInput {
  phase: VenuePhase;
  /** Clock time of the venue's last message (book or trade), if any. */
  lastMessageMs: number | undefined;
  nowMs: number;
  /** Silence longer than this makes a streaming venue "stale". */
  staleAfterMs: number;
  /** Clock time the venue entered "reconnecting" (set while phase is reconnecting). */
  reconnectingSinceMs: number | undefined;
  /**
   * A venue reconnecting for longer than this is reported "down". Time, not a count of
   * failures, because several loops (book and trades per symbol) fail at once on one
   * outage and would make a count meaningless.
   */
  downAfterMs: number;
}

export function classifyVenueState(input: VenueStateInput): VenueState {
  switch (input.phase) {
    case "idle":
      return "idle";
    case "connecting":
      return "connecting";
    case "reconnecting":
      return input.nowMs - (input.reconnectingSinceMs ?? input.nowMs) > input.downAfterMs ? "down" : "reconnecting";
    case "streaming": {
      // A streaming venue that has gone silent is stale; a socket can stay open while the
      // venue stops sending, so silence is the only signal there is.
      const silentFor = input.lastMessageMs === undefined ? Infinity : input.nowMs - input.lastMessageMs;
      return silentFor > input.staleAfterMs ? "stale" : "live";
    }
  }
}

/**
 * Whether a book may be served. A book awaiting resync after a sequence gap (or a crossed
 * book) is withheld: updates are known to be missing, so it is not the venue's book at
 * any instant (ARCHITECTURE.md: "never a silently wrong book"). A book frozen by a lost
 * connection is still served with its age: it was exact when last updated, and the hub
 * reports age_ms and lists stale venues so a consumer can weigh it; only past
 * `withholdAfterMs` is it too old to be useful.
 */
export function isServable(bookAgeMs: number, resyncing: boolean, withholdAfterMs: number): boolean {
  return !resyncing && bookAgeMs <= withholdAfterMs;
}
