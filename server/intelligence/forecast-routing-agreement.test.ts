import { describe, expect, it } from "vitest";
import { forecastCost } from "@/server/cost/forecast-cost";
import { forecastOrder } from "@/server/cost/forecast-order";
import { warmSimulatedMarket } from "@/server/market-data/testing/warm-simulated-market";
import { routeOrder } from "@/server/router/route-order";

/**
 * The Forecast page's venue mix, the order forecast stored at submit and the router's plan
 * for the same order on the same books are one plan: the sweep the router's base version
 * (v1: book + fee + latency + staleness) allocates with.
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
});
