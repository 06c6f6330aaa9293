/**
 * Folds one strategy's path outcomes into the scenario figures /simulate reports.
 *
 * Cost per path, in bps of the arrival mid, signed so that positive is worse for the
 * trader: side × (VWAP − mid₀) / mid₀ × 10⁴ plus the notional-weighted fee. It is the cost
 * of the filled part only; how much filled is the fill rate, reported separately (a
 * passive order that fills only when the price comes to it has a low cost AND a low fill
 * rate, and both must be read together). Paths with no fill have no cost and are left out
 * of the cost quantiles.
 */
import { quantileSorted } from "@/server/market-data/sample-stats";
import type { VenueId } from "@/server/market-data/types";
import type { PathOutcome } from "./run-strategy-path";
import { BINDING_CONSTRAINTS, type BindingConstraint, type Side, type StrategyName } from "./types";

/** A path-level constraint is reported for a scenario when it bound at least this share of paths. */
export const BINDING_PATH_SHARE = 0.1;
/** Venues below this share of the filled quantity are not listed as used. */
export const VENUE_USE_MIN_SHARE = 0.01;

export interface StrategyResult {
  strategy: StrategyName;
  /** P50 of per-path cost (bps, positive = cost); null when no path filled anything. */
  p50CostBps: number | null;
  p90CostBps: number | null;
  meanCostBps: number | null;
  /** Mean over paths of filled / ordered. */
  meanFillRate: number;
  /** Share of paths that completed by the horizon. */
  completionRate: number;
  /** Venues that took at least 1 % of the filled quantity, largest share first. */
  venuesUsed: VenueId[];
  /** Median time to complete over all paths (unfinished = never); null if under half completed. */
  p50TimeToCompleteMs: number | null;
  bindingConstraints: BindingConstraint[];
  paths: number;
  pathsWithFills: number;
}

/**
 * Median of ascending times where unfinished paths are +Infinity; null when fewer than
 * half finished. With exactly half finished it is the lower middle value (the upper one
 * is "never", and interpolating towards it is meaningless).
 */
function medianWithNever(sortedTimes: readonly number[], finished: number): number | null {
  const n = sortedTimes.length;
  if (n === 0 || finished * 2 < n) return null;
  const pos = (n - 1) / 2;
  const lo = sortedTimes[Math.floor(pos)] as number;
  const hi = sortedTimes[Math.ceil(pos)] as number;
  return Number.isFinite(hi) ? lo + (hi - lo) * (pos - Math.floor(pos)) : lo;
}

export function pathCostBps(outcome: PathOutcome, side: Side, arrivalMid: number): number | null {
  if (!(outcome.filledQty > 0) || !(outcome.notional > 0)) return null;
  const vwap = outcome.notional / outcome.filledQty;
  const sign = side === "buy" ? 1 : -1;
  return (sign * (vwap - arrivalMid) * 1e4) / arrivalMid + outcome.feeBpsNotional / outcome.notional;
}

export function summarizeStrategyPaths(
  strategy: StrategyName,
  outcomes: readonly PathOutcome[],
  side: Side,
  qty: number,
  arrivalMid: number,
  scenarioConstraints: readonly BindingConstraint[] = [],
): StrategyResult {
  const costs: number[] = [];
  const times: number[] = [];
  let fillRateSum = 0;
  let completed = 0;
  const venueQty = new Map<VenueId, number>();
  const boundCount = new Map<BindingConstraint, number>();
  for (const o of outcomes) {
    const cost = pathCostBps(o, side, arrivalMid);
    if (cost !== null && Number.isFinite(cost)) costs.push(cost);
    fillRateSum += Math.min(1, o.filledQty / qty);
    if (o.timeToCompleteMs !== null) completed++;
    times.push(o.timeToCompleteMs ?? Infinity);
    for (const [venue, q] of o.venueFilled) venueQty.set(venue, (venueQty.get(venue) ?? 0) + q);
    for (const c of o.bound) boundCount.set(c, (boundCount.get(c) ?? 0) + 1);
  }
  const n = outcomes.length;
  costs.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const totalFilled = [...venueQty.values()].reduce((s, q) => s + q, 0);
  const venuesUsed = [...venueQty.entries()]
    .filter(([, q]) => totalFilled > 0 && q / totalFilled >= VENUE_USE_MIN_SHARE)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([venue]) => venue);
  const medianTime = medianWithNever(times, completed);
  const bound = new Set<BindingConstraint>(scenarioConstraints);
  for (const [c, count] of boundCount) if (count / Math.max(1, n) >= BINDING_PATH_SHARE) bound.add(c);
  return {
    strategy,
    p50CostBps: costs.length > 0 ? quantileSorted(costs, 0.5) : null,
    p90CostBps: costs.length > 0 ? quantileSorted(costs, 0.9) : null,
    meanCostBps: costs.length > 0 ? costs.reduce((s, c) => s + c, 0) / costs.length : null,
    meanFillRate: n > 0 ? fillRateSum / n : 0,
    completionRate: n > 0 ? completed / n : 0,
    venuesUsed,
    p50TimeToCompleteMs: medianTime,
    bindingConstraints: BINDING_CONSTRAINTS.filter((c) => bound.has(c)),
    paths: n,
    pathsWithFills: costs.length,
  };
}
