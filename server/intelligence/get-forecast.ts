import type { ForecastResponse, PretradeQuery } from "@/lib/contracts/pretrade";
import type { Core } from "@/server/core";
import { noTwoSidedMarket } from "@/server/http/api-error";
import { forecastOrder } from "@/server/cost/forecast-order";
import { buildForecastResponse } from "./build-forecast-response";
import { loadVenueBooks } from "./load-venue-books";
import { planForecastPenalties } from "./plan-forecast-penalties";

/**
 * GET /v1/execution/forecast: the forecast of an immediate SOR order of this size, the one
 * preview would show and submit would store for it (forecastOrder, calibrated in its group).
 */
export async function getForecast(core: Core, query: PretradeQuery): Promise<ForecastResponse> {
  const { books, source, nowMs, ageMs, staleAfterMs } = await loadVenueBooks(core, query.symbol, query.exclude_venues);
  const order = forecastOrder({
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    books,
    nowMs,
    observations: core.market.observations,
    execution: {},
    planPenalties: planForecastPenalties(query.symbol, query.side, nowMs, core.market.observations),
    calibration: (group) => core.calibration.current(query.symbol, group),
    options: { tapeStats: core.tapeStats.get(core.market.observations, query.symbol, books.map((b) => b.venue), nowMs) },
  });
  if (order.arrivalMid === undefined) throw noTwoSidedMarket(query.symbol);
  const staleVenues = Object.entries(ageMs).filter(([, a]) => (a ?? 0) > staleAfterMs).map(([v]) => v);
  return buildForecastResponse({ query, order, books, source, staleVenues, report: core.calibration.report(query.symbol), nowMs });
}
