/**
 * Time is injected everywhere so that simulations and tests are reproducible and never
 * sleep on wall time. `nowMs` may have sub-millisecond precision; `nowNs` is the same
 * instant as an integer nanosecond count (bigint: it exceeds 2^53).
 */
export interface Clock {
  nowMs(): number;
  nowNs(): bigint;
}

export function msToNs(ms: number): bigint {
  const whole = Math.floor(ms);
  const frac = Math.round((ms - whole) * 1e6);
  return BigInt(whole) * 1_000_000n + BigInt(frac);
}

export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

/** Wall clock for production: epoch ms from Date plus a monotonic sub-ms part. */
export function createSystemClock(): Clock {
  const originMs = Date.now();
  const originPerf = performance.now();
  const nowMs = () => originMs + (performance.now() - originPerf);
  return { nowMs, nowNs: () => msToNs(nowMs()) };
}

/** A clock that only moves when told to: for tests and simulated paths. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function createManualClock(startMs = 1_700_000_000_000): ManualClock {
  let now = startMs;
  return {
    nowMs: () => now,
    nowNs: () => msToNs(now),
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
