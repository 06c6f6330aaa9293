/**
 * Reading the consolidated mid series as a step function: the mid at time t is the last
 * sample at or before t (no interpolation, no extrapolation).
 */
import type { MidSample } from "@/server/market-data/observation-store";

/** The samples in time order; returns the input itself when it already is. */
export function sortMidsByTime(mids: readonly MidSample[]): readonly MidSample[] {
  for (let i = 1; i < mids.length; i++) {
    if ((mids[i] as MidSample).tsMs < (mids[i - 1] as MidSample).tsMs) return [...mids].sort((a, b) => a.tsMs - b.tsMs);
  }
  return mids;
}

/** Index of the last sample with tsMs ≤ t in time-ordered mids; −1 when none. */
function lastIndexAtOrBefore(mids: readonly MidSample[], t: number): number {
  let lo = 0;
  let hi = mids.length - 1;
  let found = -1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if ((mids[m] as MidSample).tsMs <= t) {
      found = m;
      lo = m + 1;
    } else hi = m - 1;
  }
  return found;
}

/** Last mid at or before t (time-ordered input); undefined before the first sample. */
export function midAtOrBefore(mids: readonly MidSample[], t: number): number | undefined {
  const i = lastIndexAtOrBefore(mids, t);
  return i < 0 ? undefined : (mids[i] as MidSample).mid;
}

/**
 * Like midAtOrBefore, but also undefined when t lies beyond the data (after the newest
 * sample): the series says nothing yet about what the mid was then.
 */
export function midAtWithinData(mids: readonly MidSample[], t: number): number | undefined {
  const last = mids[mids.length - 1];
  if (last === undefined || t > last.tsMs) return undefined;
  return midAtOrBefore(mids, t);
}
