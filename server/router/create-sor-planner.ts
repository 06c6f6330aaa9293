/**
 * The smart order router in the simulator's leg-planner shape (PlanLegs), so an execution
 * path can route through routeOrder — candidate selection, the version's penalties and the
 * decision record — instead of the bare sweep (plan-sweep-legs.ts, which stays as it is).
 * Each call is one decision: its sequence number increments from `firstSequence`, and the
 * caller receives the full record through `onDecision` (to store it) before the legs return.
 */
import type { Leg, PlanLegs } from "@/server/execution/types";
import type { BookView, SymbolId, VenueId } from "@/server/market-data/types";
import { routeOrder } from "./route-order";
import type { RouterModelOptions, RouterObservations, RouterVersion } from "./router-versions";
import type { RoutingDecision } from "./routing-decision";
import type { RouterVenueRegistry } from "./venue-registry";

export interface SorPlannerContext {
  parentId: string;
  nodeOrderId: string;
  symbol: SymbolId;
  sigmaPerSecond: number;
  /** The market clock: decision time and book staleness. */
  nowMs: () => number;
  observations?: RouterObservations;
  excludeVenues?: readonly VenueId[];
  version?: RouterVersion;
  feeTiers?: Partial<Record<VenueId, string>>;
  staleAfterMs?: number;
  registry?: RouterVenueRegistry;
  models?: RouterModelOptions;
  /** Sequence number of the first decision (default 0). */
  firstSequence?: number;
  onDecision?: (decision: RoutingDecision) => void;
}

export function createSorPlanner(ctx: SorPlannerContext): PlanLegs {
  let sequence = ctx.firstSequence ?? 0;
  return (books: readonly BookView[], side, qty): Leg[] => {
    if (!(qty > 0) || !Number.isFinite(qty)) return [];
    const decision = routeOrder({
      parentId: ctx.parentId,
      nodeOrderId: ctx.nodeOrderId,
      sequence: sequence++,
      symbol: ctx.symbol,
      side,
      qty,
      books,
      nowMs: ctx.nowMs(),
      sigmaPerSecond: ctx.sigmaPerSecond,
      ...(ctx.observations ? { observations: ctx.observations } : {}),
      ...(ctx.excludeVenues ? { excludeVenues: ctx.excludeVenues } : {}),
      ...(ctx.version ? { version: ctx.version } : {}),
      ...(ctx.feeTiers ? { feeTiers: ctx.feeTiers } : {}),
      ...(ctx.staleAfterMs !== undefined ? { staleAfterMs: ctx.staleAfterMs } : {}),
      ...(ctx.registry ? { registry: ctx.registry } : {}),
      ...(ctx.models ? { models: ctx.models } : {}),
    });
    ctx.onDecision?.(decision);
    return decision.legs.map((l) => ({ venue: l.venue, qty: l.qty }));
  };
}
