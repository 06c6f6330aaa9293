import type { RouteRequest } from "@/server/execution/sandbox-runner";
import type { ObservationStore } from "@/server/market-data/observation-store";
import { routeOrder } from "@/server/router/route-order";
import type { RoutingDecision } from "@/server/router/routing-decision";

/**
 * The sandbox runner's router: the SOR at the version stored on the order, with the
 * order's venue restriction and exclusions, σ and the tape from the observation store.
 */
export function routeParentWith(observations: ObservationStore): (req: RouteRequest) => RoutingDecision {
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
      ...(parent.venue ? { venues: [parent.venue] } : {}),
      version: parent.routerVersion,
    });
}
