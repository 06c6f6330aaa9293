import { toForecastOutcome } from "@/server/tca/calibration-record";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";

/**
 * When an order completes, its realized cost (vs the arrival mid its forecast was made
 * at, fees included) joins the running forecast-vs-realized record that corrects later
 * forecasts' P50/P90. Read from the TCA roll-up row the completion was just projected
 * into: the figure loadCalibrationRecord reloads after a restart, so both agree exactly.
 */
export async function recordForecastOutcome(store: Store, calibration: CalibrationRecord, deskId: string, orderId: string): Promise<void> {
  const record = await store.getOrder(deskId, orderId);
  if (!record) return;
  const tca = (await store.getOrderTca([orderId])).get(orderId);
  if (!tca || tca.status !== "COMPLETED") return;
  const { forecastP50Bps: p50, forecastP90Bps: p90, realizedBps: realized } = tca;
  if (p50 === null || p90 === null || realized === null || !Number.isFinite(realized)) return;
  calibration.record(record.symbol, toForecastOutcome({ p50Bps: p50, p90Bps: p90 }, realized));
}
