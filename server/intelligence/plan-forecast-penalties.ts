/**
 * The router's planner for forecasts: every forecast (GET forecast, preview, the one stored
 * at submit and the seeded history) plans its sweep with the penalty terms the router adds
 * at FORECAST_ROUTER_VERSION (adverse selection, reject risk and, at v3, venue impact sized
 * on a first-pass plan), taken from a routeOrder decision on the same books, so the venue
 * mix a trader sees is the router's plan. One pinned version rather than the order's own:
 * a preview has no order id yet (the version is drawn from it, router-versions.ts), and the
 * figure previewed must be the figure stored. The order's execution still runs at its own
 * version; the decision audit compares what each version did.
 */
import type { CostObservations } from "@/server/cost/forecast-cost";
import type { BookView, SymbolId } from "@/server/market-data/types";
import { penaltyBpsByVenue, type PenaltyBpsByVenue } from "@/server/router/penalty-bps-by-venue";
import { routeOrder } from "@/server/router/route-order";
import type { RouterVersion } from "@/server/router/router-versions";
import { ROUTE_MODELS } from "./route-parent";

export const FORECAST_ROUTER_VERSION: RouterVersion = "v3";

export function planForecastPenalties(
  symbol: SymbolId,
  side: "buy" | "sell",
  nowMs: number,
  observations: CostObservations | undefined,
): (books: readonly BookView[], sliceQty: number) => PenaltyBpsByVenue {
  return (books, sliceQty) => {
    if (!(sliceQty > 0) || !Number.isFinite(sliceQty) || books.length === 0) return {};
    const sigma = observations?.volatility(symbol).sigmaPerSecond ?? 0;
    const decision = routeOrder({
      parentId: "forecast",
      nodeOrderId: "forecast",
      symbol,
      side,
      qty: sliceQty,
      books,
      nowMs,
      sigmaPerSecond: sigma,
      ...(observations ? { observations } : {}),
      venues: books.map((b) => b.venue),
      version: FORECAST_ROUTER_VERSION,
      models: ROUTE_MODELS,
    });
    return penaltyBpsByVenue(decision);
  };
}
