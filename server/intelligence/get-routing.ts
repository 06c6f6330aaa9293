import type { PretradeQuery, RoutingResponse } from "@/lib/contracts/pretrade";
import type { Core } from "@/server/core";
import { forecastCost } from "@/server/cost/forecast-cost";
import { noTwoSidedMarket } from "@/server/http/api-error";
import { msToNs } from "@/server/shared/clock";
import { loadVenueBooks } from "./load-venue-books";
import { FORECAST_ROUTER_VERSION, planForecastPenalties } from "./plan-forecast-penalties";
import { toRoutingLeg } from "./to-routing-leg";

/** The router's scoring at the forecasts' pinned version: book + fee + latency + staleness + its penalty terms. */
export const PRETRADE_ROUTER = `sor-${FORECAST_ROUTER_VERSION}`;

/** GET /v1/intelligence/routing: the leg split the router would use now, with score parts. */
export async function getRouting(core: Core, query: PretradeQuery): Promise<RoutingResponse> {
  const { books, source, nowMs, excluded } = await loadVenueBooks(core, query.symbol, query.exclude_venues);
  const f = forecastCost({
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    books,
    nowMs,
    observations: core.market.observations,
    // The same planner as the forecast's venue mix (plan-forecast-penalties.ts).
    options: { urgency: false, maxStates: 1, extraBps: planForecastPenalties(query.symbol, query.side, nowMs, core.market.observations)(books, query.qty) },
  });
  const mid = f.reference.mid;
  if (mid === undefined) throw noTwoSidedMarket(query.symbol);
  const minDropped = f.sweep.candidates
    .filter((c) => c.status === "dropped_min_qty" || c.status === "dropped_min_notional" || c.status === "no_depth")
    .map((c) => ({
      venue: c.venue,
      reason: c.status === "no_depth" ? "no depth on this side" : `allocation below the venue minimum (${c.status === "dropped_min_qty" ? "quantity" : "notional"})`,
    }));
  return {
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    mid,
    source,
    router: PRETRADE_ROUTER,
    legs: f.sweep.legs.map(toRoutingLeg),
    excluded: [...excluded, ...minDropped],
    unfilled_qty: f.sweep.unfilledQty,
    est_cost_bps: f.sweep.legs.length ? f.sweep.allInCostBps : null,
    generated_at_ns: msToNs(nowMs).toString(),
  };
}
