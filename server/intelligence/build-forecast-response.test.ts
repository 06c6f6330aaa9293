import { describe, expect, it } from "vitest";
import type { CostCalibration } from "@/server/cost/calibration";
import { forecastOrder } from "@/server/cost/forecast-order";
import { warmSimulatedMarket } from "@/server/market-data/testing/warm-simulated-market";
import { routeOrder } from "@/server/router/route-order";
import { buildForecastResponse } from "./build-forecast-response";
import { FORECAST_ROUTER_VERSION, planForecastPenalties } from "./plan-forecast-penalties";
import { snapshotForecast } from "./snapshot-forecast";

/**
 * One number: the Forecast page's cards are the forecast submit stores for the same
 * immediate SOR order on the same books, and its curve, capacity curve, urgency table and
 * venue mix agree with them.
 */
describe("buildForecastResponse", () => {
  const { source, observations, books, nowMs } = warmSimulatedMarket("BTC-USD", 5);
  // A group fit that moves P50 down and P90 up, so the mapping onto the calibrated axis is exercised.
  const fit: CostCalibration = { p50Scale: 1, p90Scale: 1, p50OffsetBps: -1.25, p90OffsetBps: 2.5, source: "conformal:sor|1-5x", observations: 40 };
  const calibration = () => fit;

  for (const [side, qty] of [["buy", 0.4], ["sell", 3], ["buy", 12]] as const) {
    it(`${side} ${qty} BTC: cards = stored forecast, curve at the cards = 0.5 / 0.9, capacity at 1× = cards, urgency anchored at P50, mix = router`, () => {
      const planPenalties = planForecastPenalties("BTC-USD", side, nowMs, observations);
      const order = forecastOrder({ symbol: "BTC-USD", side, qty, books, nowMs, observations, execution: {}, calibration, planPenalties });
      const res = buildForecastResponse({ query: { symbol: "BTC-USD", side, qty }, order, books, source: { market: "simulated", path: "warm" }, staleVenues: [], report: { observations: 40, withinP90Rate: 0.9 }, nowMs });
      const stored = snapshotForecast({ symbol: "BTC-USD", side, qty, execution: {}, books, observations, calibration, nowMs });
      expect(stored).not.toBeNull();
      expect(res.expected_cost_bps).toBe(stored!.p50Bps);
      expect(res.downside_cost_bps).toBe(stored!.p90Bps);
      expect(res.calibration).toMatchObject({ raw_p50_bps: stored!.rawP50Bps, raw_p90_bps: stored!.rawP90Bps, fit: "conformal:sor|1-5x", group: stored!.calibrationGroup });
      expect(res.expected_cost_bps).toBeCloseTo((stored!.rawP50Bps as number) - 1.25, 9);

      const ceiling = order.forecast.fillConfidence.completeFraction;
      const at = (bps: number) => res.fill_confidence.find((p) => Math.abs(p.cost_bps - bps) < 1e-9)?.probability;
      expect(at(res.expected_cost_bps)).toBeCloseTo(0.5 * ceiling, 2);
      expect(at(res.downside_cost_bps)).toBeCloseTo(0.9 * ceiling, 2);

      const one = res.capacity_curve.find((p) => Math.abs(p.qty - qty) < 1e-12);
      expect(one?.p50_cost_bps).toBeCloseTo(res.expected_cost_bps, 9);
      expect(one?.p90_cost_bps).toBeCloseTo(res.downside_cost_bps, 9);

      expect(res.urgency_tradeoff.length).toBeGreaterThan(0);
      for (const row of res.urgency_tradeoff) expect(row.expected_cost_bps + row.savings_bps).toBeCloseTo(res.expected_cost_bps, 9);

      const route = routeOrder({ parentId: "p", nodeOrderId: "n", symbol: "BTC-USD", side, qty, books, nowMs, sigmaPerSecond: observations.volatility("BTC-USD").sigmaPerSecond, observations, version: FORECAST_ROUTER_VERSION, venues: source.venuesFor("BTC-USD") });
      expect(res.router_version).toBe(FORECAST_ROUTER_VERSION);
      expect(res.venue_mix.map((m) => m.venue)).toEqual(route.legs.map((l) => l.venue));
      expect(res.venue_mix.reduce((s, m) => s + m.fraction, 0)).toBeCloseTo(1, 9);
    });
  }
});
