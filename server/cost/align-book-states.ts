/**
 * Recent consolidated book states for the cost distribution: the observation store keeps
 * one top-N sample per venue per second, each stamped with its own venue's time. A state is
 * "every venue as of second s": for each venue the latest sample at or before s, left out
 * if it is older than maxAgeMs (a venue that stopped updating is not part of the market
 * then). The current books, when given, are the newest state.
 *
 * With a memo (AlignMemo) from the previous call, a second whose venue samples are the
 * same objects as then is returned as the same BookState object rather than rebuilt. Store
 * samples are immutable, so such a state is the same state; keeping its identity lets the
 * sweep cache (sweep-state-cache.ts) hold per-state work across forecasts, and saves
 * rebuilding 59 of 60 states every call. When no venue has a new sample since the memo's
 * call (same first and last sample objects and count per venue: the store appends new
 * samples and drops the oldest, never changing one, as ObservationStore's ring buffer
 * does) and the window is the same, the whole history is the memo's. The current books'
 * state is likewise the memo's while the same book views are passed at the same time.
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

/** The previous call's history states by second, for reuse (see the file comment). */
export interface AlignMemo {
  firstSlot: number;
  bySlot: (BookState | undefined)[];
  /** What the history was built from: per venue its id, first and last sample and count. */
  venues?: VenueId[];
  first?: (BookSample | undefined)[];
  last?: (BookSample | undefined)[];
  counts?: number[];
  lastSlot?: number;
  window?: string;
  history?: BookState[];
  /** The last current-books state, reused while the books and the time are the same. */
  current?: BookState;
}

export function alignBookStates(input: AlignBookStatesInput, memo?: AlignMemo): BookState[] {
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

  const hs = input.histories;
  const window = `${historyStates}|${every}|${maxAgeMs}`;
  const reused = memo ? unchangedHistory(memo, hs, lastSlot, window) : undefined;
  const states: BookState[] = reused ? reused.slice() : [];
  if (!reused && historyStates > 0 && Number.isFinite(lastSlot)) {
    const firstSlot = lastSlot - historyStates + 1;
    const cursor = new Int32Array(hs.length);
    for (let i = 0; i < hs.length; i++) cursor[i] = lastIndexAtOrBefore((hs[i] as VenueSamples).samples, firstSlot * every + every - 1);
    const picked: (BookSample | undefined)[] = new Array(hs.length);
    const bySlot: (BookState | undefined)[] = memo ? new Array(lastSlot - firstSlot + 1) : [];
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
      const prev = memo ? memo.bySlot[slot - memo.firstSlot] : undefined;
      if (prev && samePicks(prev, hs, picked, tsMs, maxAgeMs)) {
        states.push(prev);
        bySlot[slot - firstSlot] = prev;
        continue;
      }
      const books: StateBook[] = [];
      for (let i = 0; i < hs.length; i++) {
        const s = picked[i];
        if (s && tsMs - s.tsMs <= maxAgeMs) books.push({ venue: (hs[i] as VenueSamples).venue, tsMs: s.tsMs, bids: s.bids, asks: s.asks });
      }
      if (books.length > 0) {
        const state = { tsMs, books };
        states.push(state);
        bySlot[slot - firstSlot] = state;
      }
    }
    if (memo) {
      memo.firstSlot = firstSlot;
      memo.bySlot = bySlot;
    }
  }
  if (memo && !reused) rememberHistory(memo, hs, lastSlot, window, states);
  if (current && nowMs !== undefined) {
    // The same books at the same time are the same state (book views are immutable).
    const prev = memo?.current;
    if (prev && sameCurrent(prev, current, nowMs)) states.push(prev);
    else {
      const state = { tsMs: nowMs, books: current.map((b) => ({ venue: b.venue, tsMs: b.updatedAtMs, bids: b.bids, asks: b.asks })) };
      if (memo) memo.current = state;
      states.push(state);
    }
  }
  return states;
}

function sameCurrent(prev: BookState, current: readonly BookView[], nowMs: number): boolean {
  if (prev.tsMs !== nowMs || prev.books.length !== current.length) return false;
  for (let i = 0; i < current.length; i++) {
    const a = prev.books[i] as StateBook;
    const b = current[i] as BookView;
    if (a.venue !== b.venue || a.tsMs !== b.updatedAtMs || a.bids !== b.bids || a.asks !== b.asks) return false;
  }
  return true;
}

/** The memo's history when every venue's samples and the window are as then (see the file comment). */
function unchangedHistory(memo: AlignMemo, hs: readonly VenueSamples[], lastSlot: number, window: string): BookState[] | undefined {
  const { venues, first, last, counts, history } = memo;
  if (!history || !venues || !first || !last || !counts || memo.lastSlot !== lastSlot || memo.window !== window) return undefined;
  if (venues.length !== hs.length) return undefined;
  for (let i = 0; i < hs.length; i++) {
    const { venue, samples } = hs[i] as VenueSamples;
    if (venues[i] !== venue || counts[i] !== samples.length || first[i] !== samples[0] || last[i] !== samples[samples.length - 1]) return undefined;
  }
  return history;
}

function rememberHistory(memo: AlignMemo, hs: readonly VenueSamples[], lastSlot: number, window: string, states: readonly BookState[]): void {
  memo.venues = hs.map((h) => h.venue);
  memo.first = hs.map((h) => h.samples[0]);
  memo.last = hs.map((h) => h.samples[h.samples.length - 1]);
  memo.counts = hs.map((h) => h.samples.length);
  memo.lastSlot = lastSlot;
  memo.window = window;
  memo.history = states.slice();
}

/** True when `prev` is exactly the state these picks make (same venues, same sample objects). */
function samePicks(
  prev: BookState,
  hs: readonly VenueSamples[],
  picked: readonly (BookSample | undefined)[],
  tsMs: number,
  maxAgeMs: number,
): boolean {
  if (prev.tsMs !== tsMs) return false;
  let j = 0;
  for (let i = 0; i < hs.length; i++) {
    const s = picked[i];
    if (!s || tsMs - s.tsMs > maxAgeMs) continue;
    const b = prev.books[j++];
    if (!b || b.venue !== (hs[i] as VenueSamples).venue || b.tsMs !== s.tsMs || b.bids !== s.bids || b.asks !== s.asks) return false;
  }
  return j === prev.books.length;
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
