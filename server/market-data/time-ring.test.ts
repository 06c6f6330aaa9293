import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "@/server/shared/rng";
import { TimeRing } from "./time-ring";

interface Rec {
  tsMs: number;
  id: number;
}

/** Times with repeats and gaps; with `disorder`, now and then a record older than the last. */
function randomStream(rng: Rng, n: number, disorder: number): Rec[] {
  const out: Rec[] = [];
  let t = 1_000_000;
  for (let i = 0; i < n; i++) {
    t += rng.next() < 0.2 ? 0 : rng.int(rng.next() < 0.05 ? 5_000 : 50);
    const late = rng.next() < disorder ? rng.int(200) + 1 : 0;
    out.push({ tsMs: t - late, id: i });
  }
  return out;
}

/** What the ring must hold after the pushes: the last `capacity`, then age-trimmed from the oldest end. */
function naiveWindow(pushed: Rec[], capacity: number, maxAgeMs: number): Rec[] {
  const kept: Rec[] = [];
  for (const r of pushed) {
    kept.push(r);
    if (kept.length > capacity) kept.shift();
    const newest = Math.max(r.tsMs, kept.length > 1 ? (kept[kept.length - 2] as Rec).tsMs : -Infinity);
    while (kept.length > 1 && (kept[0] as Rec).tsMs < newest - maxAgeMs) kept.shift();
  }
  return kept;
}

function naiveAsOf(all: Rec[], fromMs: number): Rec[] {
  let start = 0;
  for (let i = 0; i < all.length; i++) if ((all[i] as Rec).tsMs <= fromMs) start = i;
  return all.slice(start);
}

describe("TimeRing", () => {
  it("holds at most `capacity` records and none older than `maxAgeMs` behind the newest", () => {
    const ring = new TimeRing<Rec>({ capacity: 10, maxAgeMs: 2_000 });
    const rng = createRng(7);
    for (const r of randomStream(rng, 5_000, 0)) {
      ring.push(r);
      expect(ring.size).toBeLessThanOrEqual(10);
      expect(ring.last()).toBe(r);
      expect((ring.first() as Rec).tsMs).toBeGreaterThanOrEqual(r.tsMs - 2_000);
    }
    // A jump past the age bound leaves only the newest.
    ring.push({ tsMs: 1e12, id: -1 });
    expect(ring.toArray()).toEqual([{ tsMs: 1e12, id: -1 }]);
  });

  for (const disorder of [0, 0.02]) {
    it(`range and fromAsOf equal a naive filter on random data (disorder ${disorder})`, () => {
      const rng = createRng(disorder === 0 ? 11 : 12);
      const ring = new TimeRing<Rec>({ capacity: 30, maxAgeMs: 4_000 });
      const pushed: Rec[] = [];
      const stream = randomStream(rng, 3_000, disorder);
      for (let i = 0; i < stream.length; i++) {
        const r = stream[i] as Rec;
        ring.push(r);
        pushed.push(r);
        if (i % 37 !== 0) continue;
        const all = naiveWindow(pushed, 30, 4_000);
        expect(ring.toArray()).toEqual(all);
        const lo = (all[0] as Rec).tsMs;
        const hi = (all[all.length - 1] as Rec).tsMs;
        for (let q = 0; q < 20; q++) {
          // Bounds inside, at and beyond the held span, on record times and between them.
          const a = lo - 100 + rng.int(hi - lo + 200);
          const b = rng.next() < 0.2 ? Infinity : a + rng.int(1_500);
          const at = q % 4 === 0 ? (all[rng.int(all.length)] as Rec).tsMs : a;
          expect(ring.range(at, b)).toEqual(all.filter((x) => x.tsMs >= at && x.tsMs <= b));
          const asOf = ring.fromAsOf(at);
          if (disorder === 0) expect(asOf).toEqual(naiveAsOf(all, at));
          else if (ring.toArray().some((x, k, xs) => k > 0 && x.tsMs < (xs[k - 1] as Rec).tsMs)) expect(asOf).toEqual(all);
        }
      }
    });
  }

  it("reads by binary search again once an out-of-order record has left the buffer", () => {
    const ring = new TimeRing<Rec>({ capacity: 3 });
    ring.push({ tsMs: 10, id: 0 });
    ring.push({ tsMs: 5, id: 1 }); // late
    ring.push({ tsMs: 20, id: 2 });
    expect(ring.range(5, 10).map((r) => r.id)).toEqual([0, 1]);
    expect(ring.fromAsOf(15).map((r) => r.id)).toEqual([0, 1, 2]); // unsorted: everything
    ring.push({ tsMs: 30, id: 3 });
    ring.push({ tsMs: 40, id: 4 }); // the late record is gone
    expect(ring.fromAsOf(25).map((r) => r.id)).toEqual([2, 3, 4]);
    expect(ring.fromAsOf(30).map((r) => r.id)).toEqual([3, 4]);
    expect(ring.fromAsOf(1).map((r) => r.id)).toEqual([2, 3, 4]);
    expect(ring.range(21, 39).map((r) => r.id)).toEqual([3]);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new TimeRing({ capacity: 0 })).toThrow(RangeError);
    expect(() => new TimeRing({ capacity: 2.5 })).toThrow(RangeError);
  });
});
