/**
 * Post-trade TCA engine (ARCHITECTURE.md "After"). Pure functions over human-unit inputs;
 * no I/O, no clock, no randomness.
 *
 * Flow: the order's event log → collectFills (E8/E9 → floats once, dedup, decision tags)
 * → analyzeOrder, which runs
 *   1. benchmarks   — decision and arrival mid, interval VWAP of the tape, TWAP of mids,
 *                     and the average price's cost vs each (bps, positive = cost);
 *   2. markouts     — fills marked to the mid at −1 s … 300 s (positive = good);
 *   3. shortfall    — Perold IS: delay + spread + impact + fees + opportunity = total;
 *   4. audit        — per routing decision: why, counterfactual best venue, selection
 *                     and forecast error, versions; policy regret over the order;
 *   5. realized cost vs the forecast P90 → a ForecastOutcome for the calibration record,
 *      whose coverage report and conformal fit (server/cost fitCalibration) feed the
 *      forecast service back.
 */
export { analyzeOrder, type AnalyzeOrderInputs, type OrderAnalysis, type OrderAudit } from "./analyze-order";
export { arrivalMid, computeBenchmarks, costVsBenchmarkBps, intervalVwap, twapOfMids, type BenchmarkCost, type BenchmarkInputs, type Benchmarks } from "./benchmarks";
export { computeMarkouts, MARKOUT_HORIZONS_MS, type Markout } from "./markouts";
export { computeShortfall, type Shortfall, type ShortfallInputs, type ShortfallPart } from "./shortfall";
export { auditDecision, type AuditDecisionOptions, type CandidateAudit, type DecisionAudit, type LegAudit } from "./decision-audit";
export { computePolicyRegret, type PolicyRegret } from "./policy-regret";
export { assignFillsToDecisions, type AssignedFills } from "./assign-fills";
export { computeRealizedCostBps } from "./realized-cost";
export { coverageOf, summarizeCoverage, toForecastOutcome, withinP90, type CalibrationEntry, type CostForecast, type CoverageCell, type CoverageReport } from "./calibration-record";
export { collectFills, type CollectedFills } from "./collect-fills";
export { midAtOrBefore, midAtWithinData, sortMidsByTime } from "./mid-at";
export { avgPriceOf, filledQtyOf, sideSign, type Side, type TcaFill } from "./types";
