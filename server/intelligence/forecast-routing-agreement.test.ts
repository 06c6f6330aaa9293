import { describe, expect, it } from "vitest";
import { forecastCost } from "@/server/cost/forecast-cost";
import { forecastOrder } from "@/server/cost/forecast-order";
import { warmSimulatedMarket } from "@/server/market-data/testing/warm-simulated-market";
import { routeOrder } from "@/server/router/route-order";
import { penaltyBpsByVenue } from "@/server/router/penalty-bps-by-venue";
import { ROUTER_VERSIONS } from "@/server/router/router-versions";
import { FORECAST_ROUTER_VERSION, planForecastPenalties } from "./plan-forecast-penalties";

/**
 * The Forecast page's venue mix, the order forecast stored at submit and the router's plan
 * for the same order on the same books are one plan: the bare cost-engine sweep is the
 * router's base version (v1: book + fee + latency + staleness), and a forecast planned with
 * a version's penalty terms (planPenalties) allocates as that version's router does.
 */
describe("forecast venue mix = routing plan", () => {
  it("for small, medium and large buys and sells on the simulated market", () => {
    const { source, observations, books, nowMs } = warmSimulatedMarket("BTC-USD", 3);
    const sigma = observations.volatility("BTC-USD").sigmaPerSecond;
    let multiVenue = 0;
    for (const side of ["buy", "sell"] as const) {
      for (const qty of [0.05, 2, 25]) {
        const forecast = forecastCost({ symbol: "BTC-USD", side, qty, books, nowMs, observations, options: { urgency: false } });
        const order = forecastOrder({ symbol: "BTC-USD", side, qty, books, nowMs, observations, execution: {}, options: { urgency: false } });
        const route = routeOrder({ parentId: "p", nodeOrderId: "n", symbol: "BTC-USD", side, qty, books, nowMs, sigmaPerSecond: sigma, version: "v1", venues: source.venuesFor("BTC-USD") });
        const plan = route.legs.map((l) => [l.venue, l.qty]);
        expect(forecast.sweep.legs.map((l) => [l.venue, l.qty]), `${side} ${qty}`).toEqual(plan);
        expect(order.forecast.sweep.legs.map((l) => [l.venue, l.qty]), `${side} ${qty} (order forecast)`).toEqual(plan);
        if (plan.length > 1) multiVenue++;
      }
    }
    expect(multiVenue).toBeGreaterThan(0);
  });

  it("at every router version, the order forecast planned with that version's penalties has the router's legs", () => {
    const { source, observations, books, nowMs } = warmSimulatedMarket("BTC-USD", 3);
    const sigma = observations.volatility("BTC-USD").sigmaPerSecond;
    for (const version of ROUTER_VERSIONS) {
      for (const side of ["buy", "sell"] as const) {
        for (const qty of [0.05, 2, 25]) {
          const route = routeOrder({ parentId: "p", nodeOrderId: "n", symbol: "BTC-USD", side, qty, books, nowMs, sigmaPerSecond: sigma, observations, version, venues: source.venuesFor("BTC-USD") });
          const planPenalties = () => penaltyBpsByVenue(route);
          const order = forecastOrder({ symbol: "BTC-USD", side, qty, books, nowMs, observations, execution: {}, options: { urgency: false }, planPenalties });
          expect(order.forecast.sweep.legs.map((l) => [l.venue, l.qty]), `${version} ${side} ${qty}`).toEqual(route.legs.map((l) => [l.venue, l.qty]));
        }
      }
    }
    // The planner every forecast uses is the pinned version's router.
    const route = routeOrder({ parentId: "p", nodeOrderId: "n", symbol: "BTC-USD", side: "buy", qty: 25, books, nowMs, sigmaPerSecond: sigma, observations, version: FORECAST_ROUTER_VERSION, venues: source.venuesFor("BTC-USD") });
    const pinned = forecastOrder({ symbol: "BTC-USD", side: "buy", qty: 25, books, nowMs, observations, execution: {}, options: { urgency: false }, planPenalties: planForecastPenalties("BTC-USD", "buy", nowMs, observations) });
    expect(pinned.forecast.sweep.legs.map((l) => [l.venue, l.qty])).toEqual(route.legs.map((l) => [l.venue, l.qty]));
    expect(Object.keys(pinned.forecast.sweep.parts.extraBps).sort()).toEqual(["adverse_selection", "reject_penalty", "venue_impact"]);
  });
});
