/**
 * The forecast of an order as it will execute, not of an immediate SOR sweep of its size:
 * the venue pin and exclusions restrict the books, a limit price truncates what can be
 * taken (so fill probability and the cost of the fillable part follow the limit), and a
 * TWAP sweeps slice-sized pieces over a schedule whose price risk joins the horizon.
 *
 * Two modelling choices make P50 unbiased and P90 honest:
 * - Latency and book staleness are a price move of mean zero. They widen the distribution
 *   (their time joins the horizon, so they enter as variance) instead of being added as a
 *   certain cost, which biased P50 high. The sweep still plans legs with the router's
 *   latency and staleness penalties and, through `planPenalties`, its version's penalty
 *   terms (adverse selection, reject risk, venue impact), so the forecast's venue mix is
 *   the router's plan; their bps are taken back out of the cost quantiles.
 * - The horizon is the whole execution: the p99 ack latency of the venues it may use, one
 *   re-route cycle of the runner, and for a schedule the variance time of the average of a
 *   Brownian path sampled at the slice times. For N slices Δ apart (t_k = kΔ, k = 0..N−1),
 *   Var(mean_k W(t_k)) = σ²·Δ·(N−1)(2N−1)/(6N), the discrete arithmetic-average result used
 *   for Asian options (Kemna & Vorst 1990, "A pricing method for options based on average
 *   asset values", J. Banking & Finance 14) — so a TWAP's move risk grows with its length
 *   but less than a single fill at the end of it.
 *
 * Costs stay measured against the consolidated reference mid of all the symbol's books (the
 * arrival mid TCA measures against): a pinned or restricted forecast is shifted by the gap
 * between its venues' mid and the consolidated one. Calibration is applied last, to the raw
 * quantiles, and both are returned so the fit can use raw forecasts only.
 */
import type { BookView, Level, VenueId } from "@/server/market-data/types";
import { applyCalibration, calibrationAxisMap, type CalibratedQuantiles, type CostCalibration } from "./calibration";
import { calibrationGroupOf, calibrationPolicyOf, touchQty } from "./calibration-group";
import { forecastCost, type CostForecast, type CostObservations, type ForecastCostInput } from "./forecast-cost";
import { referenceMid } from "./reference-mid";
import { priceCostBps, type Side } from "./side";
import { venueCostSpecs } from "./venue-cost-spec";

/** The sandbox runner's wait before routing a remainder again (sandbox-runner.ts reRouteMs default). */
export const RE_ROUTE_CYCLE_MS = 250;

export interface OrderExecution {
  /** Direct-to-venue order. */
  venue?: VenueId | undefined;
  excludeVenues?: readonly VenueId[];
  limitPrice?: number | undefined;
  pacing?: { numSlices: number; intervalMs: number } | null | undefined;
}

export interface OrderForecastInput extends Omit<ForecastCostInput, "options"> {
  execution: OrderExecution;
  /** One calibration, or the fit for the forecast's calibration group (calibration-group.ts). */
  calibration?: CostCalibration | ((group: string) => CostCalibration);
  /** Passed through to forecastCost (urgency, cache, maxStates…); horizon and risk multiplier are set here. */
  options?: Omit<NonNullable<ForecastCostInput["options"]>, "horizonMs" | "riskMultiplier" | "calibration" | "latency" | "extraBps">;
  /**
   * The router's penalty terms per venue for a slice on these books (the order's venues,
   * limit-truncated): the sweep plans with them, so the forecast's legs are the router's at
   * its version. Like latency and staleness they steer the plan and are taken back out of
   * the cost quantiles: an expected post-trade drift or re-send risk is not what the
   * order's fills pay against the arrival mid.
   */
  planPenalties?: (books: readonly BookView[], sliceQty: number) => Partial<Record<VenueId, Readonly<Record<string, number>>>>;
}

export interface OrderForecast {
  /** The forecast of one slice (the whole order without a schedule) on the order's venues. */
  forecast: CostForecast;
  /** Consolidated reference mid over all books: the arrival mid costs are measured against. */
  arrivalMid: number | undefined;
  raw: { p50Bps: number; p90Bps: number };
  calibrated: CalibratedQuantiles;
  /** Share of book states whose (limit-truncated) books fill the whole slice. */
  fillProbability: number;
  horizonMs: number;
  venues: VenueId[];
  /** Policy × size bucket the calibration is fitted within (calibration-group.ts). */
  calibrationGroup: string;
  /**
   * A cost on the slice forecast's own axis (`forecast`: uncalibrated, routing penalties
   * in, the order's venues' mid) moved onto the order's calibrated axis, the one `calibrated`
   * is on: so a curve drawn from `forecast` (fill confidence, capacity) reads `calibrated`'s
   * P50/P90 at the distribution's own P50/P90.
   */
  toOrderCost(sliceCostBps: number): number;
}

/** Variance time of the average of W over N equally spaced samples Δ apart (Kemna & Vorst 1990). */
export function scheduleVarianceMs(numSlices: number, intervalMs: number): number {
  const n = Math.max(1, Math.floor(numSlices));
  return (intervalMs * (n - 1) * (2 * n - 1)) / (6 * n);
}

/** Time the order is exposed to the market: latency tail + one re-route cycle + schedule. */
export function executionHorizonMs(p99LatencyMs: number, pacing: OrderExecution["pacing"]): number {
  const schedule = pacing ? scheduleVarianceMs(pacing.numSlices, pacing.intervalMs) : 0;
  return Math.max(0, p99LatencyMs) + RE_ROUTE_CYCLE_MS + schedule;
}

/** The levels a limit order may take: asks at or below it for a buy, bids at or above it for a sell. */
export function truncateAtLimit(levels: readonly Level[], side: Side, limitPrice: number): Level[] {
  const out: Level[] = [];
  for (const l of levels) {
    if (side === "buy" ? l.price > limitPrice : l.price < limitPrice) break;
    out.push(l);
  }
  return out;
}

function limitBook<T extends { bids: readonly Level[]; asks: readonly Level[] }>(book: T, side: Side, limit: number | undefined): T {
  if (limit === undefined) return book;
  return side === "buy" ? { ...book, asks: truncateAtLimit(book.asks, side, limit) } : { ...book, bids: truncateAtLimit(book.bids, side, limit) };
}

/** The observation store seen through the limit: historical states truncated like the current books. */
function limitObservations(observations: CostObservations | undefined, side: Side, limit: number | undefined): CostObservations | undefined {
  if (!observations || limit === undefined) return observations;
  return {
    sampleEveryMs: observations.sampleEveryMs,
    bookSamples: (symbol, venue) => observations.bookSamples(symbol, venue).map((s) => limitBook(s, side, limit)),
    volatility: (symbol) => observations.volatility(symbol),
    recentTrades: (symbol, venue, windowMs) => observations.recentTrades(symbol, venue, windowMs),
    midSamples: (symbol, asOfMs) => observations.midSamples(symbol, asOfMs),
  };
}

export function forecastOrder(input: OrderForecastInput): OrderForecast {
  const { execution, side, symbol } = input;
  const excluded = new Set(execution.excludeVenues ?? []);
  const venueBooks = input.books.filter((b) => (execution.venue ? b.venue === execution.venue : !excluded.has(b.venue)));
  const books: BookView[] = venueBooks.map((b) => limitBook(b, side, execution.limitPrice));
  const venues = books.map((b) => b.venue);
  const p99 = Math.max(0, ...venueCostSpecs(symbol, venues, { latency: "p99" }).map((s) => s.ackLatencyMs));
  const horizonMs = executionHorizonMs(p99, execution.pacing);
  const sliceQty = execution.pacing && execution.pacing.numSlices > 1 ? input.qty / execution.pacing.numSlices : input.qty;
  // Cache off under a limit: the shared per-state cache is keyed by sample identity, and
  // truncated samples are new objects every call.
  const cacheOption = execution.limitPrice !== undefined ? { cache: false as const } : {};
  const extraBps = input.planPenalties && books.length > 0 && sliceQty > 0 ? input.planPenalties(books, sliceQty) : undefined;
  const forecast = forecastCost({
    symbol,
    side,
    qty: sliceQty,
    books,
    nowMs: input.nowMs,
    ...(input.observations ? { observations: limitObservations(input.observations, side, execution.limitPrice)! } : {}),
    options: { ...input.options, ...cacheOption, horizonMs, ...(extraBps ? { extraBps } : {}) },
  });
  const arrivalMid = referenceMid(input.books, side).mid;
  // The venues' own mid (untruncated books) against the consolidated one, in cost terms.
  const venueMid = referenceMid(venueBooks, side).mid;
  const shift = arrivalMid !== undefined && venueMid !== undefined ? priceCostBps(venueMid, arrivalMid, side) : 0;
  const touch = touchQty(venueBooks, side);
  const calibrationGroup = calibrationGroupOf(calibrationPolicyOf(execution), touch > 0 ? input.qty / touch : Number.POSITIVE_INFINITY);
  const calibration = typeof input.calibration === "function" ? input.calibration(calibrationGroup) : input.calibration;
  // Costs are measured at the consolidated arrival mid, net of the routing-only penalties.
  const { latencyBps, stalenessBps, extraBps: extras } = forecast.sweep.parts;
  const routingOnly = latencyBps + stalenessBps + Object.values(extras).reduce((sum, bps) => sum + bps, 0);
  const offset = shift - (Number.isFinite(routingOnly) ? routingOnly : 0);
  const raw = { p50Bps: forecast.distribution.raw.p50Bps + offset, p90Bps: forecast.distribution.raw.p90Bps + offset };
  const calibrated = applyCalibration(raw.p50Bps, raw.p90Bps, calibration);
  const axis = calibrationAxisMap(raw.p50Bps, raw.p90Bps, calibrated);
  return {
    forecast,
    arrivalMid,
    raw,
    calibrated,
    toOrderCost: (sliceCostBps) => axis.forward(sliceCostBps + offset),
    fillProbability: forecast.distribution.completeFraction,
    horizonMs,
    venues,
    calibrationGroup,
  };
}
