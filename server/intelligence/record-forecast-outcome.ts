import { e8ToQty, e9ToPrice } from "@/lib/units";
import { computeRealizedCostBps } from "@/server/tca/realized-cost";
import { toForecastOutcome } from "@/server/tca/calibration-record";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";
import { readStoredBody } from "./stored-order-body";

/**
 * When an order completes, its realized cost (vs the arrival mid its forecast was made
 * at, fees included) joins the running forecast-vs-realized record that corrects later
 * forecasts' P50/P90.
 */
export async function recordForecastOutcome(store: Store, calibration: CalibrationRecord, deskId: string, orderId: string): Promise<void> {
  const record = await store.getOrder(deskId, orderId);
  if (!record) return;
  const forecast = readStoredBody(record.bodyJson).forecast;
  if (!forecast) return;
  const fills = (await store.listFills(orderId)).map((f) => ({ qty: e8ToQty(f.qtyE8), price: e9ToPrice(f.priceE9), fee: e9ToPrice(f.feeE9) }));
  const realized = computeRealizedCostBps(record.side, fills, forecast.arrivalMid);
  if (realized === undefined || !Number.isFinite(realized)) return;
  calibration.record(record.symbol, toForecastOutcome({ p50Bps: forecast.p50Bps, p90Bps: forecast.p90Bps }, realized));
}
