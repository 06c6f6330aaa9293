import type { RouteRequest } from "@/server/execution/sandbox-runner";
import type { ObservationStore } from "@/server/market-data/observation-store";
import type { SymbolId, VenueId } from "@/server/market-data/types";
import { routeOrder } from "@/server/router/route-order";
import type { RoutingDecision } from "@/server/router/routing-decision";

/** Working orders re-route many times a second: their adverse-selection tape is reused for 250 ms (reuse-tape-markouts.ts). */
export const ROUTE_MODELS = { adverseSelection: { reuseMs: 250 } } as const;

/**
 * The sandbox runner's router: the SOR at the version stored on the order, with the
 * order's venue restriction and exclusions, σ and the tape from the observation store.
 * `venuesFor` names the venues the running market source carries, so a decision does not
 * list venues the source never has (the perps on the simulated market) as "no book".
 */
export function routeParentWith(
  observations: ObservationStore,
  venuesFor?: (symbol: SymbolId) => readonly VenueId[],
): (req: RouteRequest) => RoutingDecision {
  return ({ parent, qty, books, nowMs, sequence }) =>
    routeOrder({
      parentId: parent.orderId,
      nodeOrderId: parent.nodeOrderId,
      sequence,
      symbol: parent.symbol,
      side: parent.side,
      qty,
      books,
      nowMs,
      sigmaPerSecond: observations.volatility(parent.symbol).sigmaPerSecond,
      observations,
      excludeVenues: parent.excludeVenues,
      ...(parent.venue ? { venues: [parent.venue] } : venuesFor ? { venues: venuesFor(parent.symbol) } : {}),
      version: parent.routerVersion,
      models: ROUTE_MODELS,
    });
}
