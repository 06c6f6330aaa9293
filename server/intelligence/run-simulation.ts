import type { SimulateQuery, SimulateResponse } from "@/lib/contracts/pretrade";
import type { Core } from "@/server/core";
import { recommendStrategy } from "@/server/execution/recommend-strategy";
import { simulateStrategies } from "@/server/execution/simulate-strategies";
import type { StrategyName } from "@/server/execution/types";
import { STRATEGY_NAMES } from "@/server/execution/types";
import { noTwoSidedMarket } from "@/server/http/api-error";
import type { Trade, VenueId } from "@/server/market-data/types";
import { createSweepPlanner } from "@/server/router/plan-sweep-legs";
import { msToNs } from "@/server/shared/clock";
import { FORECAST_ROUTER_VERSION, planForecastPenalties } from "./plan-forecast-penalties";
import { loadVenueBooks } from "./load-venue-books";

export const SIMULATOR_VERSION = "exec-sim-v1";
const TRADE_WINDOW_MS = 60_000;

/**
 * GET /v1/execution/simulate: aggressive vs passive vs split for this order, each run on
 * the same seeded market paths from the current books, then filtered by the constraints.
 */
export async function runSimulation(core: Core, query: SimulateQuery): Promise<SimulateResponse> {
  const { books, source, nowMs } = await loadVenueBooks(core, query.symbol, query.exclude_venues);
  const obs = core.market.observations;
  const sigma = obs.volatility(query.symbol).sigmaPerSecond;
  // Rates are counted over the window the store actually covers: right after start it holds
  // less than a minute of tape, and dividing by 60 s would understate every venue's flow.
  const tradeWindowMs = Math.max(1_000, Math.min(TRADE_WINDOW_MS, nowMs - core.startedAtMs));
  const tradesByVenue: Partial<Record<VenueId, readonly Trade[]>> = {};
  for (const b of books) tradesByVenue[b.venue] = obs.recentTrades(query.symbol, b.venue, tradeWindowMs);

  const strategies: readonly StrategyName[] = query.passive_only ? ["passive"] : STRATEGY_NAMES;
  let outcome;
  try {
    outcome = simulateStrategies({
      books,
      side: query.side,
      qty: query.qty,
      symbol: query.symbol,
      urgency: query.urgency,
      sigmaPerSecond: Number.isFinite(sigma) && sigma > 0 ? sigma : 0,
      tradesByVenue,
      tradeWindowMs,
      // The router's planner at the forecast's pinned version: its penalty terms, priced on
      // the current books for the whole order, steer every step's split, as they steer the
      // forecast's (plan-forecast-penalties.ts).
      planLegs: createSweepPlanner({
        symbol: query.symbol,
        sigmaPerSecond: sigma,
        nowMs: () => nowMs,
        extraBps: planForecastPenalties(query.symbol, query.side, nowMs, obs)(books, query.qty),
      }),
      seed: query.seed,
      paths: query.paths,
      strategies,
      nowMs,
      excludedVenues: query.exclude_venues ?? [],
    });
  } catch (err) {
    if (err instanceof Error && err.name === "NoTwoSidedMarketError") {
      throw noTwoSidedMarket(query.symbol, "among the allowed venues");
    }
    throw err;
  }

  const filled = outcome.results.filter((r) => r.p50CostBps !== null && r.p90CostBps !== null);
  const unfilled = outcome.results
    .filter((r) => r.p50CostBps === null)
    .map((r) => ({ strategy: r.strategy, reason: "no simulated path filled any quantity within the horizon" }));
  const passiveOnlyDropped = query.passive_only
    ? STRATEGY_NAMES.filter((s) => s !== "passive").map((s) => ({ strategy: s, reason: "passive_only=true keeps only passive strategies" }))
    : [];
  const rec = recommendStrategy(filled, {
    ...(query.max_cost_bps !== undefined ? { maxCostBps: query.max_cost_bps } : {}),
    passiveOnly: query.passive_only,
  });

  return {
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    urgency: query.urgency,
    mid: outcome.arrivalMid,
    source,
    model_version: SIMULATOR_VERSION,
    router_version: FORECAST_ROUTER_VERSION,
    seed: outcome.seed,
    paths: outcome.paths,
    horizon_ms: outcome.horizonMs,
    scenarios: rec.kept.map((r) => ({
      strategy: r.strategy,
      est_cost_bps: r.p50CostBps ?? 0,
      p90_cost_bps: r.p90CostBps ?? 0,
      fill_rate: r.meanFillRate,
      venue_count: r.venuesUsed.length,
      time_to_complete_ms: r.p50TimeToCompleteMs,
      binding_constraints: [...r.bindingConstraints],
      venues: r.venuesUsed,
    })),
    dropped: [...passiveOnlyDropped, ...unfilled, ...rec.dropped],
    recommended: rec.recommended,
    message: rec.recommended ? rec.message : (rec.message ?? "No strategy satisfies the constraints."),
    generated_at_ns: msToNs(nowMs).toString(),
  };
}
