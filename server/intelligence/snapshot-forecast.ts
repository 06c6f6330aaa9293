import { forecastOrder, type OrderExecution } from "@/server/cost/forecast-order";
import type { CostCalibration } from "@/server/cost/calibration";
import type { CostObservations } from "@/server/cost/forecast-cost";
import type { BookView, SymbolId } from "@/server/market-data/types";
import { planForecastPenalties } from "./plan-forecast-penalties";
import type { StoredBody } from "./stored-order-body";

export interface SnapshotForecastInput {
  symbol: SymbolId;
  side: "buy" | "sell";
  qty: number;
  execution: OrderExecution;
  /** All the symbol's current books: the arrival mid is the consolidated one. */
  books: readonly BookView[];
  observations: CostObservations;
  /** The fit for a calibration group (CalibrationRecord.current with the symbol bound). */
  calibration: (group: string) => CostCalibration;
  nowMs: number;
}

/**
 * The forecast a trader saw (or would have seen) at acceptance, kept with the order: of the
 * order as it will execute (forecastOrder: pin, exclusions, limit, schedule), calibrated
 * for display and raw for the calibration fit. Null when there is no market to measure from.
 */
export function snapshotForecast(input: SnapshotForecastInput): StoredBody["forecast"] {
  const f = forecastOrder({
    symbol: input.symbol,
    side: input.side,
    qty: input.qty,
    books: input.books,
    nowMs: input.nowMs,
    observations: input.observations,
    execution: input.execution,
    planPenalties: planForecastPenalties(input.symbol, input.side, input.nowMs, input.observations),
    calibration: input.calibration,
    options: { urgency: false },
  });
  if (f.arrivalMid === undefined || f.venues.length === 0) return null;
  const { p50Bps, p90Bps } = f.calibrated;
  if (![p50Bps, p90Bps, f.raw.p50Bps, f.raw.p90Bps].every(Number.isFinite)) return null;
  return { arrivalMid: f.arrivalMid, p50Bps, p90Bps, rawP50Bps: f.raw.p50Bps, rawP90Bps: f.raw.p90Bps, calibrationGroup: f.calibrationGroup };
}
