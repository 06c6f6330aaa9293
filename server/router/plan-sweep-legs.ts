/**
 * The cost engine's multi-venue sweep as the execution layer's leg planner: the simulator
 * and (later) the smart order router split quantity with exactly the code the forecast
 * prices, so a forecast and an execution disagree only because the market moved.
 */
import { allocateSweep } from "@/server/cost/allocate-sweep";
import { currentSweepVenues } from "@/server/cost/forecast-cost";
import { EXPECTED_ADVERSE_MOVE } from "@/server/cost/risk-premium";
import { venueCostSpecs } from "@/server/cost/venue-cost-spec";
import type { Leg, PlanLegs } from "@/server/execution/types";
import type { BookView, VenueId } from "@/server/market-data/types";
import { computeNbbo } from "@/server/market-data/nbbo";

export interface SweepPlannerContext {
  symbol: string;
  sigmaPerSecond: number;
  /** The market clock; staleness is charged on each book's age at this time. */
  nowMs: () => number;
  /**
   * A router version's penalty terms per venue (penalty-bps-by-venue.ts), fixed for the
   * planner's life: the simulator plans every step of every path with the terms the router
   * priced at the start, instead of a full routing decision per step (3× slower).
   */
  extraBps?: Partial<Record<VenueId, Readonly<Record<string, number>>>>;
}

export function createSweepPlanner(ctx: SweepPlannerContext): PlanLegs {
  return (books: readonly BookView[], side, qty): Leg[] => {
    const mid = computeNbbo(books).mid;
    if (mid === undefined || !(qty > 0)) return [];
    const specs = venueCostSpecs(ctx.symbol, books.map((b) => b.venue), ctx.extraBps ? { extraBps: ctx.extraBps } : {});
    const venues = currentSweepVenues(books, specs, side, ctx.sigmaPerSecond, ctx.nowMs(), EXPECTED_ADVERSE_MOVE);
    return allocateSweep({ side, qty, mid, venues }).legs.map((l) => ({ venue: l.venue, qty: l.qty }));
  };
}
