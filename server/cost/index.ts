/**
 * Pre-trade cost engine. Pure domain code: books, observations, the time and any RNG come in
 * as arguments; nothing here reads a clock, the network or a store.
 *
 * The flow (forecastCost composes it; each step is usable on its own):
 *
 * 1. Book walk (book-walk.ts) — VWAP of sweeping one venue's book for a size, cost in bps vs
 *    mid (positive = worse, both sides); depth that is not there is a reported shortfall.
 * 2. Landed cost (landed-cost.ts) — per venue: book + taker fee + latency risk (σ over the
 *    ack latency) + staleness (σ over the book's age), each part reported, total = their sum;
 *    venues ranked by it.
 * 3. Multi-venue sweep (greedy-sweep.ts, allocate-sweep.ts) — best-score-first across venues
 *    from a binary heap, per-level score = price vs mid + fee + latency + staleness + extra
 *    router penalties; venue minimums (drop and re-sweep) and lots (residual to venues with
 *    headroom). The smart order router calls the same allocateSweep.
 * 4. Cost distribution (align-book-states.ts → sample-sweep-costs.ts → cost-distribution.ts)
 *    — the sweep cost of the order in each of the last ≤ 60 one-second book states, convolved
 *    with the normal price move over the expected horizon (mixture-quantile.ts): P50, P90,
 *    mean, with a calibration hook fitted from realized outcomes (calibration.ts) and the
 *    model version ("cost-dist-v1") in every answer. Each state is priced without stepping
 *    through the sweep (price-book-state.ts): venues' running totals (cumulative-ladder.ts)
 *    merged once per state in score order (merged-ladder.ts), a threshold search where
 *    today's deeper books join (ladder-sweep.ts), and a cache of per-state work across
 *    forecasts (sweep-state-cache.ts; what it keeps and why it cannot go stale is there).
 *    testing/reference-sweep-costs.ts keeps the plain per-state sweep the tests compare with.
 * 5. Capacity curve and fill confidence (capacity-curve.ts, fill-confidence.ts) — the same
 *    states priced at 0.1× … 8× the order (prefix costs of one best-first fill sequence,
 *    sweep-ladder.ts): P50/P90 per size, non-decreasing by construction; and the probability
 *    of completing the whole quantity at each cost level, monotone by construction.
 * 6. Urgency (estimate-impact-params.ts → almgren-chriss.ts → urgency.ts) — Almgren–Chriss
 *    (2000) optimal trajectories with η from the book's slope, γ from Kyle's λ on the tape,
 *    σ from the observation store and daily volume from the tape; low/medium/high urgency as
 *    expected cost, risk, time and saving vs immediate; the square-root law
 *    (square-root-impact.ts) beside it as a cross-check.
 *
 * bench-cost.ts prints in-process timings (npm run bench).
 */
export { walkBook, walkLevels, assertQuantity, InvalidQuantityError, type BookWalk } from "./book-walk";
export { takenLevels, priceCostBps, type Side } from "./side";
export { referenceMid, type ReferenceMid } from "./reference-mid";
export { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "./risk-premium";
export { venueCostSpecs, sumExtraBps, type VenueCostSpec, type VenueCostSpecOptions } from "./venue-cost-spec";
export { landedCost, rankVenuesByLandedCost, type LandedCost, type LandedCostContext, type RankedLandedCost } from "./landed-cost";
export { MinHeap, IndexMinHeap } from "./min-heap";
export { GreedySweeper, venueFixedBps, venueLadder, type SweepVenue } from "./greedy-sweep";
export {
  allocateSweep,
  floorToLot,
  type AllocateSweepInput,
  type CandidateStatus,
  type ScoreParts,
  type SweepAllocation,
  type SweepCandidate,
  type SweepLeg,
} from "./allocate-sweep";
export { sweepCostsAtSizes } from "./sweep-ladder";
export { alignBookStates, type AlignBookStatesInput, type BookState, type StateBook, type VenueSamples } from "./align-book-states";
export { sampleSweepCosts, DEFAULT_MAX_SWEEP_FILLS, type SampleSweepCostsInput, type SweepCostSamples } from "./sample-sweep-costs";
export { defaultSweepCache, SweepStateCache, type SweepContext } from "./sweep-state-cache";
export { cumulativeLadder, type CumulativeLadder } from "./cumulative-ladder";
export { MergedLadder } from "./merged-ladder";
export { LadderSweep } from "./ladder-sweep";
export { mixtureCdf, mixtureQuantile } from "./mixture-quantile";
export { normalCdf, normalPdf, normalQuantile } from "./normal";
export {
  applyCalibration,
  fitCalibration,
  IDENTITY_CALIBRATION,
  type AppliedCalibration,
  type CostCalibration,
  type ForecastOutcome,
} from "./calibration";
export { COST_MODEL_VERSION, type CostModelVersion } from "./model-version";
export { costDistribution, horizonRiskBps, type CostDistribution, type CostDistributionOptions } from "./cost-distribution";
export { fillConfidence, type FillConfidence, type FillConfidenceOptions, type FillConfidencePoint } from "./fill-confidence";
export {
  capacityCurve,
  capacitySizes,
  CostInvariantError,
  DEFAULT_CAPACITY_MULTIPLIERS,
  type CapacityCurve,
  type CapacityCurveOptions,
  type CapacityPoint,
} from "./capacity-curve";
export {
  acClosedForm,
  acEfficientFrontier,
  acExpectedCost,
  acKappa,
  acLinearClosedForm,
  acOptimalTrajectory,
  acVariance,
  AcParameterError,
  type AcParams,
  type AcTrajectory,
  type FrontierPoint,
} from "./almgren-chriss";
export { squareRootImpact, type SquareRootImpact } from "./square-root-impact";
export {
  estimateImpactParams,
  estimateTapeStats,
  kyleLambda,
  type EstimateImpactInput,
  type EstimateTapeStatsInput,
  type ImpactParams,
  type SizeCostPoint,
  type TapeStats,
} from "./estimate-impact-params";
export {
  analyzeUrgency,
  DEFAULT_URGENCY_PROFILES,
  type Urgency,
  type UrgencyAnalysis,
  type UrgencyOptions,
  type UrgencyProfile,
  type UrgencyProfileSpec,
} from "./urgency";
export {
  currentSweepVenues,
  estimateImpactFromMarket,
  estimateTapeFromObservations,
  forecastCost,
  type CostForecast,
  type CostObservations,
  type ForecastCostInput,
  type ForecastCostOptions,
} from "./forecast-cost";
