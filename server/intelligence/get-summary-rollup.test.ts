import { describe, expect, it } from "vitest";
import type { SummaryResponse } from "@/lib/contracts/summary";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { createManualClock } from "@/server/shared/clock";
import type { Store, TcaScope } from "@/server/store/port";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { getSummary } from "./get-summary";
import { seedHistory } from "./seed-history";
import { expectClose } from "./testing/expect-close";
import { summaryFromLogs } from "./testing/summary-from-logs";

const END_MS = 1_760_000_000_000;
const DAY = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function figures(s: SummaryResponse) {
  const { start_date: _s, end_date: _e, filters: _f, scope: _sc, generated_at_ns: _g, ...rest } = s;
  return rest;
}

describe("summary from the TCA roll-up", () => {
  it("equals the summary replayed from the event logs: whole desk, symbol, venue filter, own orders, after a rebuild", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "rollup", restrictTradersToOwnOrders: true });
      const { record: k1 } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "a" });
      const { record: k2 } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "b" });
      await seedHistory({ store, deskId: desk.id, keyId: k1.id, orders: 10, days: 2, endMs: END_MS, seed: 11 });
      await seedHistory({ store, deskId: desk.id, keyId: k2.id, orders: 6, days: 2, endMs: END_MS, seed: 12 });
      const clock = createManualClock(END_MS);
      const core = { store, clock } as unknown as Core;
      const lead: Principal = { deskId: desk.id, deskName: "rollup", keyId: "lead", keyPrefix: "", role: "lead", sandbox: true, qps: 10, restrictTradersToOwnOrders: true };
      const trader: Principal = { ...lead, keyId: k2.id, role: "trader" };
      const base: TcaScope = { deskId: desk.id, fromDay: DAY(END_MS - 3 * 86_400_000), toDay: DAY(END_MS) };
      const q = { start_date: base.fromDay, end_date: base.toDay, format: "json" as const };

      const check = async (s: Store) => {
        const whole = await getSummary(core, lead, q);
        expect(whole.totals.orders).toBe(16);
        expect(whole.totals.fills).toBeGreaterThan(16);
        expect(whole.per_venue.some((v) => v.ack_latency_p99_ms !== null)).toBe(true);
        expectClose(figures(whole), await summaryFromLogs(s, base));
        expectClose(figures(await getSummary(core, lead, { ...q, symbol: "BTC-USD" })), await summaryFromLogs(s, { ...base, symbol: "BTC-USD" }));
        const venue = whole.per_venue[0]!.venue;
        const byVenue = await getSummary(core, lead, { ...q, venue });
        expect(byVenue.totals.orders).toBeLessThanOrEqual(16);
        expectClose(figures(byVenue), await summaryFromLogs(s, { ...base, venue }));
        const own = await getSummary(core, trader, q);
        expect(own.scope).toBe("own_orders");
        expect(own.totals.orders).toBe(6);
        expectClose(figures(own), await summaryFromLogs(s, { ...base, keyId: k2.id }));
      };
      await check(store);
      // The rebuild (migration backfill) recomputes the same roll-up from the logs.
      expect(await store.rebuildTca()).toBe(16);
      await check(store);
    } finally {
      await dispose();
    }
  }, 120_000);
});
