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

  it("fits a calibration group on its own outcomes once it has enough, else the symbol's pooled fit (Mondrian)", () => {
    const r = createCalibrationRecord(100, 5);
    // The symbol's outcomes: realized 2 bps above P50 on every order.
    for (let i = 0; i < 5; i++) r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 12 }, "sor|0.1-1x");
    expect(r.current("BTC-USD", "twap|5-50x")).toMatchObject({ source: "conformal", p50OffsetBps: 2 });
    // The twap group: realized 5 bps below P50; until it has 5 outcomes the pooled fit serves it.
    for (let i = 0; i < 4; i++) r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 5 }, "twap|5-50x");
    expect(r.current("BTC-USD", "twap|5-50x").source).toBe("conformal");
    r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 5 }, "twap|5-50x");
    expect(r.current("BTC-USD", "twap|5-50x")).toMatchObject({ source: "conformal:twap|5-50x", p50OffsetBps: -5, observations: 5 });
    expect(r.current("BTC-USD", "sor|0.1-1x")).toMatchObject({ p50OffsetBps: 2 });
    expect(r.report("BTC-USD").observations).toBe(10);
    expect(r.report().observations).toBe(10);
  });

  it("serves a group short of outcomes with the same group's fit over every symbol before the symbol's pooled fit", () => {
    const r = createCalibrationRecord(100, 5);
    // BTC's pooled outcomes: realized 2 bps above P50 (SOR orders).
    for (let i = 0; i < 6; i++) r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 12 }, "sor|0.1-1x");
    // Large limit orders on ETH: realized 8 bps below P50 (five: enough for the group over all symbols).
    for (let i = 0; i < 5; i++) r.record("ETH-USD", { forecastP50Bps: 20, forecastP90Bps: 30, realizedBps: 12 }, "limit|5-50x");
    // BTC's limit group has no outcome yet: the limit group's fit over every symbol, not BTC's SOR-dominated one.
    expect(r.current("BTC-USD", "limit|5-50x")).toMatchObject({ source: "conformal:limit|5-50x:all-symbols", p50OffsetBps: -8, observations: 5 });
    expect(r.current("BTC-USD", "twap|1-5x")).toMatchObject({ source: "conformal", p50OffsetBps: 2 }); // no group anywhere: the symbol's
    // Once BTC's own limit group has five, it serves itself.
    for (let i = 0; i < 5; i++) r.record("BTC-USD", { forecastP50Bps: 20, forecastP90Bps: 30, realizedBps: 17 }, "limit|5-50x");
    expect(r.current("BTC-USD", "limit|5-50x")).toMatchObject({ source: "conformal:limit|5-50x", p50OffsetBps: -3, observations: 5 });
    // The all-symbols outcomes do not count as a symbol's in the report.
    expect(r.report().observations).toBe(16);
    expect(r.report("ETH-USD").observations).toBe(5);
  });

  it("refits a large key once it has grown by 2 %, not on every outcome", () => {
    const r = createCalibrationRecord(2000, 20);
    for (let i = 0; i < 1000; i++) r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 10 });
    expect(r.current("BTC-USD")).toMatchObject({ p50OffsetBps: 0, observations: 1000 });
    // 19 outcomes far above P50: fewer than 2 % of 1,019, the fit is kept.
    for (let i = 0; i < 19; i++) r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 100 });
    expect(r.current("BTC-USD")).toMatchObject({ observations: 1000 });
    // The 21st reaches ceil(2 % of 1,021) = 21: refitted on all of them.
    r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 100 });
    r.record("BTC-USD", { forecastP50Bps: 10, forecastP90Bps: 20, realizedBps: 100 });
    expect(r.current("BTC-USD")).toMatchObject({ observations: 1021 });
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
          for (const group of ["sor|0.1-1x", "sor|1-5x", "twap|0.1-1x", "twap|1-5x"]) expect(restored.current(symbol, group)).toEqual(live.current(symbol, group));
        }
        // Outside the window nothing is reloaded.
        expect((await loadCalibrationRecord(reopened, END_MS + 40 * 86_400_000)).report().observations).toBe(0);
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  }, 180_000);
});
