/**
 * One pre-trade forecast, composed from the models in this folder (the flow described in
 * index.ts): landed cost per venue, the routed multi-venue sweep, the cost distribution over
 * recent book states, fill confidence, the capacity curve and the urgency trade-off. Pure:
 * books, observations and the time are passed in; nothing here reads a clock or the network.
 */
import type { BookSample, MidSample, VolatilityEstimate } from "@/server/market-data/observation-store";
import type { BookView, SymbolId, Trade, VenueId } from "@/server/market-data/types";
import { allocateSweep, type SweepAllocation } from "./allocate-sweep";
import { alignBookStates } from "./align-book-states";
import { assertQuantity } from "./book-walk";
import type { CostCalibration } from "./calibration";
import { capacityCurve, capacitySizes, DEFAULT_CAPACITY_MULTIPLIERS, type CapacityCurve } from "./capacity-curve";
import { costDistribution, type CostDistribution } from "./cost-distribution";
import { estimateImpactParams, estimateTapeStats, type ImpactParams, type TapeStats } from "./estimate-impact-params";
import { fillConfidence, type FillConfidence } from "./fill-confidence";
import { GreedySweeper, type SweepVenue } from "./greedy-sweep";
import { rankVenuesByLandedCost, type RankedLandedCost } from "./landed-cost";
import { COST_MODEL_VERSION, type CostModelVersion } from "./model-version";
import { referenceMid, type ReferenceMid } from "./reference-mid";
import { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "./risk-premium";
import { sampleSweepCosts } from "./sample-sweep-costs";
import { takenLevels, type Side } from "./side";
import { priceOnlyCostsAtSizes } from "./price-only-costs";
import { defaultSweepCache, type SweepStateCache } from "./sweep-state-cache";
import { analyzeUrgency, type UrgencyAnalysis, type UrgencyOptions } from "./urgency";
import { venueCostSpecs, type VenueCostSpec, type VenueCostSpecOptions } from "./venue-cost-spec";

/** What the forecast reads from the observation store (ObservationStore satisfies it). */
export interface CostObservations {
  readonly sampleEveryMs: number;
  bookSamples(symbol: SymbolId, venue: VenueId): BookSample[];
  volatility(symbol: SymbolId): VolatilityEstimate;
  recentTrades(symbol: SymbolId, venue: VenueId, windowMs: number): Trade[];
  /** With asOfMs: from the last sample at or before it (ObservationStore.midSamples). */
  midSamples(symbol: SymbolId, asOfMs?: number): MidSample[];
}

export interface ForecastCostOptions extends VenueCostSpecOptions {
  /** Book states in the distribution, the current one included (default 60). */
  maxStates?: number;
  /** Budget of level fills over all states (sample-sweep-costs.ts; default none: every state). */
  maxSweepFills?: number;
  capacityMultipliers?: readonly number[];
  /** Expected time to complete, ms; default the slowest routed venue's ack latency. */
  horizonMs?: number;
  calibration?: CostCalibration;
  /** Multiplier on σ·√t for latency and staleness (default E[max(0, Z)]). */
  riskMultiplier?: number;
  /** The store's top-N levels per sample (default 20). */
  sampleTopLevels?: number;
  fillConfidencePoints?: number;
  /** false = skip the urgency analysis. */
  urgency?: false | (UrgencyOptions & { resilienceMs?: number; tapeWindowMs?: number });
  /** Pre-estimated impact parameters (skips the estimation entirely). */
  impactParams?: ImpactParams;
  /**
   * Tape statistics (daily volume, Kyle's λ) for the urgency model. Reading the tape is the
   * dearest part of a forecast and it changes slowly, so a service may cache this per symbol
   * for a few seconds (estimateTapeFromObservations); default: read it now.
   */
  tapeStats?: TapeStats;
  /**
   * Per-state work kept across forecasts (sweep-state-cache.ts: what is kept and why it
   * cannot go stale). Default: the module's shared, bounded cache; false = none (every
   * state prepared afresh; the same numbers, slower).
   */
  cache?: SweepStateCache | false;
}

export interface ForecastCostInput {
  symbol: SymbolId;
  side: Side;
  qty: number;
  /** Current books, one per venue. */
  books: readonly BookView[];
  nowMs: number;
  observations?: CostObservations;
  options?: ForecastCostOptions;
}

export interface CostForecast {
  modelVersion: CostModelVersion;
  symbol: SymbolId;
  side: Side;
  qty: number;
  asOfMs: number;
  reference: ReferenceMid;
  volatility: { sigmaPerSecond: number; sigmaAnnualized: number; source: VolatilityEstimate["source"] };
  landed: RankedLandedCost[];
  sweep: SweepAllocation;
  distribution: CostDistribution;
  fillConfidence: FillConfidence;
  capacity: CapacityCurve;
  urgency: UrgencyAnalysis | undefined;
}

const sweeper = new GreedySweeper();

export function forecastCost(input: ForecastCostInput): CostForecast {
  const { symbol, side, qty, books, nowMs, observations } = input;
  const options = input.options ?? {};
  assertQuantity(qty);
  const specs = venueCostSpecs(symbol, books.map((b) => b.venue), options);
  const vol = observations?.volatility(symbol);
  const sigma = vol && vol.sigmaPerSecond > 0 && Number.isFinite(vol.sigmaPerSecond) ? vol.sigmaPerSecond : 0;
  const multiplier = options.riskMultiplier ?? EXPECTED_ADVERSE_MOVE;
  const reference = referenceMid(books, side);
  const mid = reference.mid;

  const landed = rankVenuesByLandedCost(books, specs, { side, qty, ...(mid !== undefined ? { mid } : {}), sigmaPerSecond: sigma, nowMs, riskMultiplier: multiplier });
  const venues = currentSweepVenues(books, specs, side, sigma, nowMs, multiplier);
  const sweep = allocateSweep({ side, qty, mid: mid ?? Number.NaN, venues }, sweeper);

  const latencyByVenue = new Map(specs.map((s) => [s.venue, s.ackLatencyMs]));
  const routed = sweep.legs.length > 0 ? sweep.legs.map((l) => latencyByVenue.get(l.venue) ?? 0) : specs.map((s) => s.ackLatencyMs);
  const horizonMs = options.horizonMs ?? Math.max(0, ...routed);

  const cache = options.cache === false ? undefined : (options.cache ?? defaultSweepCache);
  const maxStates = options.maxStates ?? 60;
  const states = alignBookStates(
    {
      histories: observations ? specs.map((s) => ({ venue: s.venue, samples: observations.bookSamples(symbol, s.venue) })) : [],
      current: books,
      nowMs,
      maxStates,
      ...(observations ? { sampleEveryMs: observations.sampleEveryMs } : {}),
    },
    // States are reused per symbol and venue set (the store's samples are per symbol and venue).
    cache && observations ? cache.alignMemo(`${symbol}|${maxStates}|${observations.sampleEveryMs}|${specs.map((s) => s.venue).join(",")}`) : undefined,
  );
  const multipliers = options.capacityMultipliers ?? DEFAULT_CAPACITY_MULTIPLIERS;
  const sizes = capacitySizes(qty, multipliers.includes(1) ? multipliers : [...multipliers, 1]);
  const orderIndex = sizes.indexOf(qty);
  const samples = sampleSweepCosts(
    {
      states,
      specs,
      side,
      sizes,
      sigmaPerSecond: sigma,
      riskMultiplier: multiplier,
      deepBooks: books,
      truncatedAt: options.sampleTopLevels ?? 20,
      ...(options.maxSweepFills !== undefined ? { maxFills: options.maxSweepFills } : {}),
      ...(cache ? { cache } : {}),
    },
    sweeper,
  );
  const common = { sigmaPerSecond: sigma, horizonMs, ...(options.calibration ? { calibration: options.calibration } : {}) };
  const distribution = costDistribution(samples, orderIndex, common);
  const confidence = fillConfidence(samples, orderIndex, { ...common, ...(options.fillConfidencePoints ? { points: options.fillConfidencePoints } : {}) });
  const capacity = capacityCurve(samples, qty, common);

  let urgency: UrgencyAnalysis | undefined;
  if (options.urgency !== false && mid !== undefined && qty > 0) {
    const u = options.urgency ?? {};
    const params =
      options.impactParams ??
      estimateImpactFromMarket({
        side,
        qty,
        books,
        mid,
        reference,
        sigmaPerSecond: sigma,
        feeBps: sweep.parts.feeBps,
        tape: options.tapeStats ?? estimateTapeFromObservations(observations, symbol, books.map((b) => b.venue), nowMs, u.tapeWindowMs),
        resilienceMs: u.resilienceMs,
      });
    urgency = analyzeUrgency(qty, params, u);
  }

  return {
    modelVersion: COST_MODEL_VERSION,
    symbol,
    side,
    qty,
    asOfMs: nowMs,
    reference,
    volatility: {
      sigmaPerSecond: sigma,
      sigmaAnnualized: vol && Number.isFinite(vol.sigmaAnnualized) ? vol.sigmaAnnualized : 0,
      source: vol?.source ?? "none",
    },
    landed,
    sweep,
    distribution,
    fillConfidence: confidence,
    capacity,
    urgency,
  };
}

/**
 * The sweep's venue inputs for the current books: each venue's taken side, taker fee,
 * latency risk over its ack latency and staleness over its book's age at nowMs, lot and
 * minimums. The router plans legs from exactly these.
 */
export function currentSweepVenues(
  books: readonly BookView[],
  specs: readonly VenueCostSpec[],
  side: Side,
  sigma: number,
  nowMs: number,
  multiplier: number = EXPECTED_ADVERSE_MOVE,
): SweepVenue[] {
  const bySpec = new Map(specs.map((s) => [s.venue, s]));
  const out: SweepVenue[] = [];
  for (const book of books) {
    const spec = bySpec.get(book.venue);
    if (!spec) continue;
    out.push({
      venue: book.venue,
      levels: takenLevels(book, side),
      feeBps: spec.feeBps,
      latencyBps: moveRiskBps(sigma, spec.ackLatencyMs, multiplier),
      stalenessBps: moveRiskBps(sigma, nowMs - book.updatedAtMs, multiplier),
      ...(spec.extraBps ? { extraBps: spec.extraBps } : {}),
      lotSize: spec.lotSize,
      minQty: spec.minQty,
      minNotional: spec.minNotional,
    });
  }
  return out;
}

export interface EstimateImpactFromMarketInput {
  side: Side;
  qty: number;
  books: readonly BookView[];
  mid: number;
  reference: ReferenceMid;
  sigmaPerSecond: number;
  feeBps: number;
  tape: TapeStats;
  resilienceMs?: number | undefined;
}

/**
 * Almgren–Chriss parameters from the current books (price-only consolidated sweep at ½×, 1×
 * and 2× the order) and the tape statistics.
 */
export function estimateImpactFromMarket(input: EstimateImpactFromMarketInput): ImpactParams {
  const { side, qty, books, mid, reference } = input;
  const sizes = qty > 0 ? [0.5 * qty, qty, 2 * qty] : [];
  const cost: number[] = [];
  const filled: number[] = [];
  priceOnlyCostsAtSizes(sweeper, books, side, mid, sizes, cost, filled);
  const halfSpreadBps =
    reference.bestBid !== undefined && reference.bestAsk !== undefined ? Math.max(0, ((reference.bestAsk - reference.bestBid) / 2 / mid) * 1e4) : 0;
  return estimateImpactParams({
    mid,
    halfSpreadBps,
    feeBps: input.feeBps,
    sizePoints: sizes.map((_, k) => ({ filledQty: filled[k] as number, priceCostBps: cost[k] as number })),
    sigmaPerSecond: input.sigmaPerSecond,
    tape: input.tape,
    ...(input.resilienceMs !== undefined ? { resilienceMs: input.resilienceMs } : {}),
  });
}

/** Tape statistics for a symbol from the observation store (none without one). */
export function estimateTapeFromObservations(
  observations: CostObservations | undefined,
  symbol: SymbolId,
  venues: readonly VenueId[],
  nowMs: number,
  windowMs = 120_000,
): TapeStats {
  return estimateTapeStats({
    tradesByVenue: observations ? venues.map((v) => observations.recentTrades(symbol, v, windowMs)) : [],
    // Kyle's λ and the tape span read mids from the window's start on.
    mids: observations ? observations.midSamples(symbol, nowMs - windowMs) : [],
    nowMs,
    windowMs,
  });
}
