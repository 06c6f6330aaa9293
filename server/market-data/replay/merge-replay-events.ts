/**
 * Several recordings played as one stream: a k-way merge by recorded receive time over
 * each file's (already time-ordered) events, without building a merged copy. k is the
 * number of files (a handful), so the next event is found by scanning the k heads; a heap
 * would only pay off for dozens of files. Ties go to the earlier file, so a merge is
 * deterministic.
 */
import type { ReplayEvent } from "./replay-event";

export class ReplayEventMerge {
  private readonly heads: number[];
  private consumed = 0;
  /** Cached index of the stream holding the next event (-2 = not computed). */
  private cached = -2;
  readonly total: number;
  readonly firstRecMs: number;
  readonly lastRecMs: number;

  constructor(private readonly streams: readonly (readonly ReplayEvent[])[]) {
    this.heads = streams.map(() => 0);
    this.total = streams.reduce((n, s) => n + s.length, 0);
    let first = Infinity;
    let last = -Infinity;
    for (const s of streams) {
      if (s.length === 0) continue;
      first = Math.min(first, (s[0] as ReplayEvent).recMs);
      last = Math.max(last, (s[s.length - 1] as ReplayEvent).recMs);
    }
    this.firstRecMs = first;
    this.lastRecMs = last;
  }

  /** Events taken so far in this pass. */
  get position(): number {
    return this.consumed;
  }

  /** The next event without taking it; undefined at the end. */
  peek(): ReplayEvent | undefined {
    const i = this.nextStream();
    return i < 0 ? undefined : this.streams[i]![this.heads[i]!];
  }

  /** Takes the next event; undefined at the end. */
  next(): ReplayEvent | undefined {
    const i = this.nextStream();
    if (i < 0) return undefined;
    const ev = this.streams[i]![this.heads[i]!];
    this.heads[i] = this.heads[i]! + 1;
    this.consumed++;
    this.cached = -2;
    return ev;
  }

  /** Back to the first event (a loop restart). */
  rewind(): void {
    this.heads.fill(0);
    this.consumed = 0;
    this.cached = -2;
  }

  private nextStream(): number {
    if (this.cached !== -2) return this.cached;
    let best = -1;
    let bestMs = Infinity;
    for (let i = 0; i < this.streams.length; i++) {
      const ev = this.streams[i]![this.heads[i]!];
      if (ev !== undefined && ev.recMs < bestMs) {
        best = i;
        bestMs = ev.recMs;
      }
    }
    this.cached = best;
    return best;
  }
}
