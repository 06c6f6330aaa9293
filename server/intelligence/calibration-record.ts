/**
 * The running record of forecast vs realized cost, per symbol, that the forecast reads to
 * correct its P50/P90 (conformal-style, fitCalibration in server/cost/calibration.ts) and
 * to report the coverage it has reached. Fed by post-trade TCA as orders complete.
 */
import { fitCalibration, type CostCalibration, type ForecastOutcome } from "@/server/cost/calibration";
import { withinP90 } from "@/server/tca/calibration-record";

export interface CalibrationReport {
  observations: number;
  /** Share of realized costs at or below the forecast P90; null before any outcome. */
  withinP90Rate: number | null;
}

export interface CalibrationRecord {
  record(symbol: string, outcome: ForecastOutcome): void;
  current(symbol: string): CostCalibration;
  report(symbol?: string): CalibrationReport;
}

export function createCalibrationRecord(capacityPerSymbol = 2000): CalibrationRecord {
  const outcomes = new Map<string, ForecastOutcome[]>();
  const fitted = new Map<string, CostCalibration>();
  const all = (symbol?: string) => (symbol ? (outcomes.get(symbol) ?? []) : [...outcomes.values()].flat());
  return {
    record(symbol, outcome) {
      const list = outcomes.get(symbol) ?? [];
      list.push(outcome);
      if (list.length > capacityPerSymbol) list.splice(0, list.length - capacityPerSymbol);
      outcomes.set(symbol, list);
      fitted.delete(symbol);
    },
    current(symbol) {
      let c = fitted.get(symbol);
      if (!c) {
        c = fitCalibration(all(symbol));
        fitted.set(symbol, c);
      }
      return c;
    },
    report(symbol) {
      const list = all(symbol);
      if (list.length === 0) return { observations: 0, withinP90Rate: null };
      return { observations: list.length, withinP90Rate: list.filter(withinP90).length / list.length };
    },
  };
}
