import type { RoutingDecision } from "@/server/router/routing-decision";

/**
 * What makes a routing decision a different decision for the audit: the router version,
 * the venue split (venue and quantity per leg) and what was excluded and why. Prices and
 * scores move with every book update, so they are left out: a resting order that re-routes
 * to the same split is repeating itself, and is counted rather than stored again.
 */
export function decisionSignature(d: RoutingDecision): string {
  const legs = d.legs.map((l) => `${l.venue}:${l.qty.toFixed(8)}`).join(",");
  const exclusions = d.exclusions
    .map((x) => `${x.venue}:${x.reason}`)
    .sort()
    .join(",");
  return `${d.routerVersion}|${legs}|${exclusions}`;
}
