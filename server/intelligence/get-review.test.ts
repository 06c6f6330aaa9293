import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Core } from "@/server/core";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock } from "@/server/shared/clock";
import type { Store } from "@/server/store/port";
import { openSqliteStore } from "@/server/store/sqlite-store";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { getReview } from "./get-review";
import { seedHistory } from "./seed-history";

const END_MS = 1_760_000_000_000;

/** A core whose market memory starts now, long after the seeded orders: as after a restart. */
function coreAfterRestart(store: Store): Core {
  const clock = createManualClock(END_MS + 3_600_000);
  const source = createSimulatedSource({ clock, seed: 1, scheduler: { setInterval: () => 0, clearInterval: () => {} } });
  return { store, clock, market: { source, observations: createObservationStore({ clock }) } } as unknown as Core;
}

describe("review of an older order", () => {
  it("uses the market context stored at seed time: markouts, VWAP and TWAP stay available, and it says so; the cached answer equals a fresh one", async () => {
    const { store, dataDir, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "rev" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      await seedHistory({ store, deskId: desk.id, keyId: key.id, orders: 4, days: 1, endMs: END_MS, seed: 5 });
      const orders = (await store.listOrders(desk.id, { limit: 10, status: "COMPLETED" })).orders;
      expect(orders.length).toBeGreaterThan(0);
      const core = coreAfterRestart(store);
      for (const o of orders) {
        const ctx = await store.getMarketContext(o.id);
        expect(ctx?.source).toBe("seed");
        expect(ctx!.mids.length).toBeGreaterThan(5);
        const r = await getReview(core, desk.id, o.nodeOrderId);
        expect(r.final).toBe(true);
        expect(r.note).toMatch(/context stored/);
        expect(r.benchmarks.twap.price).toBeGreaterThan(0);
        expect(r.benchmarks.interval_vwap.price).toBeGreaterThan(0);
        // The seed simulates 32 s past the end: markouts to 30 s are there, 60 s and 300 s are not.
        expect(r.markouts.filter((m) => m.available).map((m) => m.horizon_ms)).toEqual([-1000, 0, 1000, 5000, 30000]);
        expect(r.mids.length).toBeGreaterThan(0);
        expect(r.fills.every((f) => f.mid_at_fill !== null)).toBe(true);

        const again = await getReview(core, desk.id, o.id);
        const other = openSqliteStore({ dataDir });
        try {
          const fresh = await getReview(coreAfterRestart(other), desk.id, o.id);
          expect({ ...again, generated_at_ns: "" }).toEqual({ ...fresh, generated_at_ns: "" });
          expect({ ...again, generated_at_ns: "" }).toEqual({ ...r, generated_at_ns: "" });
        } finally {
          await other.close();
        }
      }
    } finally {
      await dispose();
    }
  }, 60_000);

  it("a stored context without data leaves the market figures unavailable, never invented", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "rev2" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      await seedHistory({ store, deskId: desk.id, keyId: key.id, orders: 2, days: 1, endMs: END_MS, seed: 6 });
      const o = (await store.listOrders(desk.id, { limit: 10, status: "COMPLETED" })).orders[0]!;
      // Simulates an order from before contexts were kept.
      await store.putMarketContext({ orderId: o.id, mids: [], vwap: null, tapeQty: 0, vwapFromMs: 0, vwapToMs: 0, source: "test", recordedAtMs: 0 });
      const r = await getReview(coreAfterRestart(store), desk.id, o.id);
      expect(r.benchmarks.twap.price).toBeNull();
      expect(r.markouts.every((m) => !m.available)).toBe(true);
    } finally {
      await dispose();
    }
  }, 60_000);
});
