/**
 * Recent consolidated book states for the cost distribution: the observation store keeps
 * one top-N sample per venue per second, each stamped with its own venue's time. A state is
 * "every venue as of second s": for each venue the latest sample at or before s, left out
 * if it is older than maxAgeMs (a venue that stopped updating is not part of the market
 * then). The current books, when given, are the newest state.
 */
import type { BookSample } from "@/server/market-data/observation-store";
import type { BookView, Level, VenueId } from "@/server/market-data/types";

export interface StateBook {
  venue: VenueId;
  /** When this venue's book was observed; the state's time minus this is its age. */
  tsMs: number;
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface BookState {
  tsMs: number;
  books: StateBook[];
}

export interface VenueSamples {
  venue: VenueId;
  /** Oldest first, as ObservationStore.bookSamples returns them. */
  samples: readonly BookSample[];
}

export interface AlignBookStatesInput {
  histories: readonly VenueSamples[];
  /** Today's books: appended as the newest state. */
  current?: readonly BookView[];
  /** Time of the current state (default: its newest book). */
  nowMs?: number;
  /** States returned at most, the current one included (default 60). */
  maxStates?: number;
  /** The store's sampling interval (default 1000 ms). */
  sampleEveryMs?: number;
  /** A venue sample older than this at the state's time is left out (default 5000 ms). */
  maxAgeMs?: number;
}

export function alignBookStates(input: AlignBookStatesInput): BookState[] {
  const maxStates = Math.max(0, Math.floor(input.maxStates ?? 60));
  const every = input.sampleEveryMs ?? 1000;
  const maxAgeMs = input.maxAgeMs ?? 5000;
  const current = input.current && input.current.length > 0 ? input.current : undefined;
  const nowMs = input.nowMs ?? (current ? current.reduce((m, b) => Math.max(m, b.updatedAtMs), -Infinity) : undefined);
  const historyStates = Math.max(0, maxStates - (current ? 1 : 0));

  let lastSlot = -Infinity;
  for (const h of input.histories) {
    const last = h.samples[h.samples.length - 1];
    if (last) lastSlot = Math.max(lastSlot, Math.floor(last.tsMs / every));
  }
  // The current books already stand for the present second.
  if (current && nowMs !== undefined) lastSlot = Math.min(lastSlot, Math.floor(nowMs / every) - 1);

  const states: BookState[] = [];
  const hs = input.histories;
  if (historyStates > 0 && Number.isFinite(lastSlot)) {
    const firstSlot = lastSlot - historyStates + 1;
    const cursor = new Int32Array(hs.length);
    for (let i = 0; i < hs.length; i++) cursor[i] = lastIndexAtOrBefore((hs[i] as VenueSamples).samples, firstSlot * every + every - 1);
    const picked: (BookSample | undefined)[] = new Array(hs.length);
    for (let slot = firstSlot; slot <= lastSlot; slot++) {
      const slotEnd = slot * every + every - 1;
      let tsMs = -Infinity;
      for (let i = 0; i < hs.length; i++) {
        const samples = (hs[i] as VenueSamples).samples;
        let c = cursor[i] as number;
        while (c + 1 < samples.length && (samples[c + 1] as BookSample).tsMs <= slotEnd) c++;
        cursor[i] = c;
        const s = c >= 0 ? samples[c] : undefined;
        picked[i] = s;
        if (s && s.tsMs > tsMs) tsMs = s.tsMs;
      }
      const books: StateBook[] = [];
      for (let i = 0; i < hs.length; i++) {
        const s = picked[i];
        if (s && tsMs - s.tsMs <= maxAgeMs) books.push({ venue: (hs[i] as VenueSamples).venue, tsMs: s.tsMs, bids: s.bids, asks: s.asks });
      }
      if (books.length > 0) states.push({ tsMs, books });
    }
  }
  if (current && nowMs !== undefined) {
    states.push({
      tsMs: nowMs,
      books: current.map((b) => ({ venue: b.venue, tsMs: b.updatedAtMs, bids: b.bids, asks: b.asks })),
    });
  }
  return states;
}

/** Index of the last sample with tsMs <= t (binary search), or -1. */
function lastIndexAtOrBefore(samples: readonly BookSample[], t: number): number {
  let lo = 0;
  let hi = samples.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((samples[mid] as BookSample).tsMs <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
