/**
 * The forecast-calibration record fed by TCA: each completed order's forecast {P50, P90}
 * and realized cost become a ForecastOutcome; the running record gives the P90 coverage
 * reached (share of realized costs at or below the forecast P90, overall and by symbol)
 * and the conformal correction the forecast service applies next — split-conformal
 * quantile calibration (Romano, Patterson & Candès 2019, "Conformalized Quantile
 * Regression"), implemented once in server/cost/calibration.ts (fitCalibration) and
 * reused here, never re-implemented. `calibrated` is the in-sample coverage once that
 * correction is applied (applyCalibration), i.e. the calibration the service has reached.
 */
import { applyCalibration, fitCalibration, type CostCalibration, type ForecastOutcome } from "@/server/cost/calibration";

export interface CostForecast {
  p50Bps: number;
  p90Bps: number;
}

export interface CalibrationEntry {
  symbol: string;
  outcome: ForecastOutcome;
}

export interface CoverageCell {
  count: number;
  withinP90: number;
  /** withinP90 / count; undefined without outcomes. */
  share: number | undefined;
}

export interface CoverageReport {
  /** The nominal coverage of the P90 forecast. */
  target: 0.9;
  overall: CoverageCell;
  bySymbol: Record<string, CoverageCell>;
  /** Conformal correction fitted on the record (identity below minObservations). */
  calibration: CostCalibration;
  /** Coverage of the record under that correction. */
  calibrated: CoverageCell;
}

export function toForecastOutcome(forecast: CostForecast, realizedBps: number): ForecastOutcome {
  return { forecastP50Bps: forecast.p50Bps, forecastP90Bps: forecast.p90Bps, realizedBps };
}

/** Realized cost at or below the forecast P90 (costs: positive = worse). */
export function withinP90(outcome: ForecastOutcome): boolean {
  return outcome.realizedBps <= outcome.forecastP90Bps;
}

/** P90 coverage of a set of outcomes: the one definition the record, its report and the forecast share. */
export function coverageOf(outcomes: readonly ForecastOutcome[], p90Of: (o: ForecastOutcome) => number = (o) => o.forecastP90Bps): CoverageCell {
  const within = outcomes.filter((o) => o.realizedBps <= p90Of(o)).length;
  return { count: outcomes.length, withinP90: within, share: outcomes.length > 0 ? within / outcomes.length : undefined };
}

export function summarizeCoverage(entries: readonly CalibrationEntry[], minObservations?: number): CoverageReport {
  const usable = entries.filter((e) => Number.isFinite(e.outcome.realizedBps) && Number.isFinite(e.outcome.forecastP90Bps));
  const bySymbolOutcomes = new Map<string, ForecastOutcome[]>();
  for (const e of usable) {
    const list = bySymbolOutcomes.get(e.symbol) ?? [];
    list.push(e.outcome);
    bySymbolOutcomes.set(e.symbol, list);
  }
  const outcomes = usable.map((e) => e.outcome);
  const calibration = fitCalibration(outcomes, minObservations);
  const bySymbol: Record<string, CoverageCell> = {};
  for (const [symbol, list] of [...bySymbolOutcomes].sort(([a], [b]) => a.localeCompare(b))) bySymbol[symbol] = coverageOf(list);
  return {
    target: 0.9,
    overall: coverageOf(outcomes),
    bySymbol,
    calibration,
    calibrated: coverageOf(outcomes, (o) => applyCalibration(o.forecastP50Bps, o.forecastP90Bps, calibration).p90Bps),
  };
}
