import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { openSqliteStore } from "@/server/store/sqlite-store";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { createCalibrationRecord, loadCalibrationRecord } from "./calibration-record";
import { seedHistory } from "./seed-history";

const END_MS = 1_760_000_000_000;

describe("calibration record", () => {
  it("keeps the newest outcomes per symbol and reports P90 coverage", () => {
    const r = createCalibrationRecord(3);
    for (const realized of [1, 5, 30, 2]) r.record("BTC-USD", { forecastP50Bps: 1, forecastP90Bps: 10, realizedBps: realized });
    r.record("ETH-USD", { forecastP50Bps: 1, forecastP90Bps: 10, realizedBps: 11 });
    // BTC keeps 5, 30, 2 (the first was pushed out): 2 of 3 within P90.
    expect(r.report("BTC-USD")).toEqual({ observations: 3, withinP90Rate: 2 / 3 });
    expect(r.report()).toEqual({ observations: 4, withinP90Rate: 2 / 4 });
    expect(createCalibrationRecord().report()).toEqual({ observations: 0, withinP90Rate: null });
  });

  it("is restored from the store after a restart: same outcomes, same coverage and correction", async () => {
    const { store, dataDir, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "cal" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const live = createCalibrationRecord();
      const seeded = await seedHistory({ store, deskId: desk.id, keyId: key.id, orders: 24, days: 2, endMs: END_MS, seed: 8, calibration: live });
      expect(live.report().observations).toBe(seeded.completed);
      expect(seeded.completed).toBeGreaterThanOrEqual(20);

      // A new process: a new handle on the same file, nothing in memory.
      const reopened = openSqliteStore({ dataDir });
      try {
        await reopened.migrate();
        const restored = await loadCalibrationRecord(reopened, END_MS);
        expect(restored.report()).toEqual(live.report());
        for (const symbol of ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"]) {
          expect(restored.report(symbol)).toEqual(live.report(symbol));
          expect(restored.current(symbol)).toEqual(live.current(symbol));
        }
        // Outside the window nothing is reloaded.
        expect((await loadCalibrationRecord(reopened, END_MS + 40 * 86_400_000)).report().observations).toBe(0);
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  }, 60_000);
});
