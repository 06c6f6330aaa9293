/**
 * Aggressive: take liquidity now. At the first step the whole quantity is swept across
 * venues by the injected planner (the cost engine's multi-venue sweep in production);
 * whatever comes back unfilled (rejects, a book that ran out) is re-swept at a later step,
 * until done or the horizon. After a sweep the books could not cover, it waits for depth
 * to recover before sweeping again, doubling the wait each time the book is still thin
 * (2 s, 4 s, 8 s): re-taking every refilled sliver buys little extra quantity (recovery is
 * proportional to what is missing, so the total refilled over a minute hardly depends on
 * how often it is taken) and costs a sweep of the whole book each time.
 */
import { takeSide } from "./book-reader";
import { fitLegsToVenues } from "./size-child-orders";
import type { ExecutionStrategy, StrategyContext } from "./strategy";
import type { Leg, PlanLegs } from "./types";

export interface AggressiveOptions {
  /** First wait after a sweep the books could not cover. */
  depthBackoffMs?: number;
  /** Longest wait between sweeps of a thin book. */
  maxDepthBackoffMs?: number;
}

/** About 13 % of a swept book's depth recovers in 2 s at the default 10 s half-life. */
export const DEFAULT_DEPTH_BACKOFF_MS = 2000;
export const DEFAULT_MAX_DEPTH_BACKOFF_MS = 8000;

/** One sweep of the residual; returns false when the books could not cover it. */
export function sweepResidual(ctx: StrategyContext, planLegs: PlanLegs): boolean {
  const residual = ctx.progress.residualQty;
  const side = takeSide(ctx.side);
  const books = ctx.books.filter((b) => b.best(side) !== undefined);
  if (books.length === 0) {
    ctx.bind("depth");
    return false;
  }
  const allowed = new Set(books.map((b) => b.venue));
  const legs: Leg[] = [];
  for (const leg of planLegs(
    books.map((b) => b.snapshot(side, residual)),
    ctx.side,
    residual,
  )) {
    if (allowed.has(leg.venue) && leg.qty > 0) legs.push({ venue: leg.venue, qty: leg.qty });
  }
  const planned = legs.reduce((s, l) => s + l.qty, 0);
  const priceOf = (venue: string) => books.find((b) => b.venue === venue)?.best(side)?.price;
  const fitted = fitLegsToVenues(
    legs,
    priceOf,
    (v) => ctx.sizing(v),
    books.map((b) => b.venue),
  );
  if (fitted.belowMinimum) ctx.bind("venue_min_size");
  for (const leg of fitted.legs) ctx.submit({ venue: leg.venue, type: "market", qty: leg.qty, timeInForce: "ioc" });
  const covered = planned >= residual * (1 - 1e-9);
  if (!covered) ctx.bind("depth");
  return covered && fitted.legs.length > 0;
}

/** Re-sweeps with a growing wait after thin books; shared by aggressive and split's second phase. */
export function createResidualSweeper(planLegs: PlanLegs, options: AggressiveOptions = {}) {
  const firstBackoffMs = options.depthBackoffMs ?? DEFAULT_DEPTH_BACKOFF_MS;
  const maxBackoffMs = Math.max(firstBackoffMs, options.maxDepthBackoffMs ?? DEFAULT_MAX_DEPTH_BACKOFF_MS);
  let backoffMs = firstBackoffMs;
  let waitUntilMs = Number.NEGATIVE_INFINITY;
  return (ctx: StrategyContext): void => {
    const p = ctx.progress;
    if (p.isComplete || p.openCount > 0 || ctx.nowMs >= ctx.deadlineMs || ctx.nowMs < waitUntilMs) return;
    if (sweepResidual(ctx, planLegs)) {
      backoffMs = firstBackoffMs;
    } else {
      waitUntilMs = ctx.nowMs + backoffMs;
      backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
    }
  };
}

export function createAggressiveStrategy(planLegs: PlanLegs, options: AggressiveOptions = {}): ExecutionStrategy {
  const sweep = createResidualSweeper(planLegs, options);
  return { name: "aggressive", takesLiquidity: true, step: sweep };
}
