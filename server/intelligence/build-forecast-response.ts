import type { ForecastResponse, PretradeQuery } from "@/lib/contracts/pretrade";
import type { CostForecast } from "@/server/cost/forecast-cost";
import type { OrderForecast } from "@/server/cost/forecast-order";
import { takenLevels } from "@/server/cost/side";
import type { BookView } from "@/server/market-data/types";
import { msToNs } from "@/server/shared/clock";
import { FORECAST_ROUTER_VERSION } from "./plan-forecast-penalties";
import type { CalibrationReport } from "./calibration-record";

export interface ForecastResponseInput {
  query: PretradeQuery;
  /** forecastOrder of the order as the ticket would send it now (SOR, immediate). */
  order: OrderForecast;
  books: readonly BookView[];
  source: ForecastResponse["source"];
  staleVenues: readonly string[];
  report: CalibrationReport;
  nowMs: number;
}

/**
 * The Forecast page's answer, from the same forecast preview shows and submit stores
 * (forecastOrder, calibrated for the order's group): the cards are its calibrated P50/P90;
 * the fill-confidence curve and the capacity curve are moved onto the same axis
 * (`toOrderCost`), so the curve reads 0.5 and 0.9 at the cards; the venue mix is its sweep,
 * which is the router's plan. The urgency table keeps the Almgren–Chriss model's savings
 * against executing now but is anchored at the P50 card: "immediately" costs what the card
 * says, and a slower profile costs that less its modelled saving.
 */
export function buildForecastResponse(input: ForecastResponseInput): ForecastResponse {
  const { query, order, nowMs } = input;
  const f = order.forecast;
  const mid = order.arrivalMid as number;
  const { p50Bps, p90Bps } = order.calibrated;
  const costQty = f.sweep.complete ? query.qty : f.sweep.filledQty;
  const cal = order.calibrated.calibration;
  return {
    symbol: query.symbol,
    side: query.side,
    qty: query.qty,
    mid,
    source: input.source,
    model_version: f.modelVersion,
    router_version: FORECAST_ROUTER_VERSION,
    expected_cost_bps: p50Bps,
    downside_cost_bps: p90Bps,
    expected_cost_usd: (p50Bps / 1e4) * costQty * mid,
    downside_cost_usd: (p90Bps / 1e4) * costQty * mid,
    fillable_qty: f.sweep.filledQty,
    complete: f.sweep.complete,
    fill_confidence: f.fillConfidence.points.map((p) => ({ cost_bps: order.toOrderCost(p.costBps), probability: p.probability })),
    capacity_curve: f.capacity.points.map((p) => ({ qty: p.qty, p50_cost_bps: order.toOrderCost(p.p50Bps), p90_cost_bps: order.toOrderCost(p.p90Bps) })),
    venues: rankedVenues(f, input.books, query.qty),
    venue_mix: f.sweep.legs.map((l) => ({ venue: l.venue, fraction: l.fraction })),
    urgency_tradeoff: (f.urgency?.profiles ?? []).map((p) => ({
      urgency: p.urgency,
      horizon_ms: p.horizonMs,
      expected_cost_bps: p50Bps - p.savingsBps,
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
      observations: input.report.observations,
      within_p90_rate: input.report.withinP90Rate,
      p90_scale: cal.p90Scale,
      group: order.calibrationGroup,
      fit: cal.source,
      fit_observations: cal.observations,
      raw_p50_bps: order.raw.p50Bps,
      raw_p90_bps: order.raw.p90Bps,
    },
    warnings: collectWarnings(f, query.qty, input.staleVenues),
    expected_horizon_ms: order.horizonMs,
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

function collectWarnings(f: CostForecast, qty: number, staleVenues: readonly string[]): string[] {
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
