/**
 * A venue's tape markouts (the measured part of the adverse-selection charge) reused across
 * routes for up to `reuseMs`. Measuring reads every trade of the 120 s window on every venue
 * of the symbol (thousands of prints), and the server routes dozens of times a second (new
 * orders and working ones re-routing): in the soak's CPU profile it was the largest routing
 * cost and grew with the number of working orders. A trade enters the measure only once its
 * 5 s horizon has elapsed, so a 250 ms-old measure lacks the prints of a 250 ms slice of a
 * 120 s window, ~0.2 % of it; the σ-scaled prior and the blend are still computed per route.
 *
 * Keyed by the observation source (weakly, so a discarded store takes its entries with it),
 * then by symbol, venue, horizon, window and the winsorization bound.
 */
import type { TapeMarkouts } from "./estimate-adverse-selection";

const bySource = new WeakMap<object, Map<string, { atMs: number; tape: TapeMarkouts }>>();

export function reuseTapeMarkouts(source: object, key: string, nowMs: number, reuseMs: number, measure: () => TapeMarkouts): TapeMarkouts {
  let entries = bySource.get(source);
  if (!entries) {
    entries = new Map();
    bySource.set(source, entries);
  }
  const hit = entries.get(key);
  // A route at an earlier time (a replayed or simulated clock) never reads a later measure.
  if (hit && nowMs >= hit.atMs && nowMs - hit.atMs <= reuseMs) return hit.tape;
  const tape = measure();
  entries.set(key, { atMs: nowMs, tape });
  return tape;
}
