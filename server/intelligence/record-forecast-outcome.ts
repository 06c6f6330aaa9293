import { toForecastOutcome } from "@/server/tca/calibration-record";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";
import { rawForecastOfBody } from "@/server/store/tca-projection";

/**
 * When an order completes, its realized cost (vs the arrival mid its forecast was made
 * at, fees included, read from the TCA roll-up row the completion was just projected into)
 * joins the running forecast-vs-realized record that corrects later forecasts' P50/P90.
 *
 * The record holds the RAW forecast (before calibration) kept in the order body: fitting
 * conformal offsets on already-calibrated forecasts corrects the correction, and a
 * stationary replay of that loop settles near 80 % P90 coverage instead of 90 %. Orders
 * stored before the raw forecast was kept fall back to the stored (calibrated) figures.
 */
export async function recordForecastOutcome(store: Store, calibration: CalibrationRecord, deskId: string, orderId: string): Promise<void> {
  const record = await store.getOrder(deskId, orderId);
  if (!record) return;
  const tca = (await store.getOrderTca([orderId])).get(orderId);
  if (!tca || tca.status !== "COMPLETED") return;
  const realized = tca.realizedBps;
  if (realized === null || !Number.isFinite(realized)) return;
  const forecast = rawForecastOf(record.bodyJson) ?? (tca.forecastP50Bps !== null && tca.forecastP90Bps !== null ? { p50Bps: tca.forecastP50Bps, p90Bps: tca.forecastP90Bps } : null);
  if (!forecast) return;
  calibration.record(record.symbol, toForecastOutcome(forecast, realized), rawForecastOfBody(record.bodyJson)?.calibrationGroup ?? null);
}

/** The raw P50/P90 kept with the order; null for orders stored before they were kept. */
function rawForecastOf(bodyJson: string): { p50Bps: number; p90Bps: number } | null {
  const f = rawForecastOfBody(bodyJson);
  return f ? { p50Bps: f.rawP50Bps, p90Bps: f.rawP90Bps } : null;
}
