import type { ForecastResponse, PretradeQuery } from "@/lib/contracts/pretrade";
import type { Core } from "@/server/core";
import { noTwoSidedMarket } from "@/server/http/api-error";
import { forecastCost, type CostForecast } from "@/server/cost/forecast-cost";
import { takenLevels } from "@/server/cost/side";
import type { BookView } from "@/server/market-data/types";
import { msToNs } from "@/server/shared/clock";
import { loadVenueBooks } from "./load-venue-books";

/** GET /v1/execution/forecast: the cost engine's forecast, in the contract's shape. */
export async function getForecast(core: Core, query: PretradeQuery): Promise<ForecastResponse> {
  const { books, source, nowMs, ageMs, staleAfterMs } = await loadVenueBooks(core, query.symbol, query.exclude_venues);
  const f = forecastCost({
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    books,
    nowMs,
    observations: core.market.observations,
    options: {
      calibration: core.calibration.current(query.symbol),
      tapeStats: core.tapeStats.get(core.market.observations, query.symbol, books.map((b) => b.venue), nowMs),
    },
  });
  const mid = f.reference.mid;
  if (mid === undefined) {
    throw noTwoSidedMarket(query.symbol);
  }
  const costQty = f.sweep.complete ? query.qty : f.sweep.filledQty;
  const warnings = collectWarnings(f, query.qty, Object.entries(ageMs).filter(([, a]) => (a ?? 0) > staleAfterMs).map(([v]) => v));
  const calibration = core.calibration.report(query.symbol);
  return {
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    mid,
    source,
    model_version: f.modelVersion,
    expected_cost_bps: f.distribution.p50Bps,
    downside_cost_bps: f.distribution.p90Bps,
    expected_cost_usd: (f.distribution.p50Bps / 1e4) * costQty * mid,
    downside_cost_usd: (f.distribution.p90Bps / 1e4) * costQty * mid,
    fillable_qty: f.sweep.filledQty,
    complete: f.sweep.complete,
    fill_confidence: f.fillConfidence.points.map((p) => ({ cost_bps: p.costBps, probability: p.probability })),
    capacity_curve: f.capacity.points.map((p) => ({ qty: p.qty, p50_cost_bps: p.p50Bps, p90_cost_bps: p.p90Bps })),
    venues: rankedVenues(f, books, query.qty),
    venue_mix: f.sweep.legs.map((l) => ({ venue: l.venue, fraction: l.fraction })),
    urgency_tradeoff: (f.urgency?.profiles ?? []).map((p) => ({
      urgency: p.urgency,
      horizon_ms: p.horizonMs,
      expected_cost_bps: p.expectedCostBps,
      risk_bps: p.riskBps,
      savings_bps: p.savingsBps,
    })),
    impact_cross_check: {
      sqrt_impact_bps: f.urgency?.squareRoot.costBps ?? null,
      fraction_of_daily_volume: f.urgency?.squareRoot.fractionOfDailyVolume ?? null,
      model: "square-root law (Tóth et al. 2011), Y = 1",
    },
    volatility: { sigma_annualized: f.volatility.sigmaAnnualized, source: f.volatility.source },
    calibration: {
      observations: calibration.observations,
      within_p90_rate: calibration.withinP90Rate,
      p90_scale: f.distribution.calibration.p90Scale,
    },
    warnings,
    expected_horizon_ms: f.distribution.horizonMs,
    generated_at_ns: msToNs(nowMs).toString(),
  };
}

function rankedVenues(f: CostForecast, books: readonly BookView[], qty: number): ForecastResponse["venues"] {
  const depth = new Map(books.map((b) => [b.venue, takenLevels(b, f.side).reduce((s, l) => s + l.qty, 0)]));
  return f.landed
    .filter((v): v is typeof v & { rank: number } => v.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((v) => ({
      venue: v.venue,
      rank: v.rank,
      landed_cost_bps: v.landedCostBps,
      book_cost_bps: v.bookCostBps,
      fee_bps: v.feeBps,
      latency_cost_bps: v.latencyCostBps,
      staleness_bps: v.stalenessBps,
      available_qty: depth.get(v.venue) ?? 0,
      fillable: v.complete && v.filledQty >= qty,
    }));
}

function collectWarnings(f: CostForecast, qty: number, staleVenues: string[]): string[] {
  const out: string[] = [];
  if (!f.sweep.complete && f.sweep.depthShortfallQty > 0) {
    out.push(
      `Order exceeds visible depth across venues: ${f.sweep.filledQty} of ${qty} fillable now; costs refer to the fillable part, the rest needs time or more liquidity.`,
    );
  } else if (!f.sweep.complete && f.sweep.lotResidualQty > 0) {
    out.push(`${f.sweep.lotResidualQty} cannot be placed after rounding to venue lot sizes and minimums.`);
  }
  if (f.distribution.partial && f.sweep.complete) {
    out.push(`In ${Math.round((1 - f.distribution.completeFraction) * 100)}% of recent book states the visible depth could not fill this size.`);
  }
  if (f.volatility.source !== "ewma") out.push("Volatility comes from configuration until enough market history has been observed.");
  if (staleVenues.length) out.push(`Stale books (older than the freshness limit): ${staleVenues.join(", ")}.`);
  return out;
}
