import type { DemoSeedResult } from "@/server/auth/seed-demo";
import type { Logger } from "@/server/shared/logger";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";
import { seedHistory } from "./seed-history";

const HISTORY_DAYS = 7;

/** First start only: a week of demo desk history, built in the background while the server serves. */
export async function seedDemoHistory(
  store: Store,
  demo: DemoSeedResult,
  orders: number,
  nowMs: number,
  seed: number,
  calibration: CalibrationRecord,
  log: Logger,
): Promise<void> {
  const trader = demo.keys.find((k) => k.role === "trader");
  const desk = await store.getDeskByName("demo");
  if (!trader || !desk) return;
  const t0 = Date.now();
  log.info(`demo desk: building ${orders} orders of history over the last ${HISTORY_DAYS} days in the background…`);
  try {
    const r = await seedHistory({ store, deskId: desk.id, keyId: trader.keyId, orders, days: HISTORY_DAYS, endMs: nowMs, seed, calibration, log: (m, e) => log.error(m, e) });
    log.info(`demo desk: history ready (${r.completed}/${r.orders} orders completed, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    log.error("demo desk: history seeding failed", err);
  }
}
