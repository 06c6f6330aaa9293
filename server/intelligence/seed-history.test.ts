import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { deriveOrder } from "@/server/execution/order-states";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { createCalibrationRecord } from "./calibration-record";
import { seedHistory } from "./seed-history";

describe("seedHistory", () => {
  it("executes orders through the real engine over past days, with legal logs and fills", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      await store.migrate();
      const desk = await store.createDesk({ name: "hist" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const endMs = 1_760_000_000_000;
      const calibration = createCalibrationRecord();
      const r = await seedHistory({ store, deskId: desk.id, keyId: key.id, orders: 8, days: 2, endMs, seed: 3, calibration });
      expect(r.orders).toBe(8);
      expect(r.completed).toBeGreaterThanOrEqual(6);
      const page = await store.listOrders(desk.id, { limit: 50 });
      expect(page.orders).toHaveLength(8);
      for (const o of page.orders) {
        expect(o.createdAtMs).toBeGreaterThanOrEqual(endMs - 2 * 86_400_000);
        expect(o.createdAtMs).toBeLessThan(endMs);
        const state = deriveOrder((await store.listOrderEvents(o.id)).map((e) => e.event)).state;
        expect(state.filledE8).toBeLessThanOrEqual(state.qtyE8);
        const fills = await store.listFills(o.id);
        expect(fills.reduce((s, f) => s + f.qtyE8, 0n)).toBe(state.filledE8);
        if (state.status !== "COMPLETED") continue;
        // The stored market context reaches 30 s past the last fill: markouts to 30 s.
        const context = await store.getMarketContext(o.id);
        const lastFillMs = Math.max(...fills.map((f) => f.atMs));
        expect(context?.source).toBe("seed");
        expect(context!.mids.at(-1)!.tsMs).toBeGreaterThanOrEqual(lastFillMs + 30_000);
      }
      // Orders spread over the window, not bunched.
      const times = page.orders.map((o) => o.createdAtMs).sort((a, b) => a - b);
      expect(times.at(-1)! - times[0]!).toBeGreaterThan(86_400_000);
      expect(calibration.report().observations).toBe(r.completed);
    } finally {
      await dispose();
    }
  }, 60_000);
});
