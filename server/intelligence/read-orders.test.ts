import SQLite from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REASON_MESSAGES } from "@/lib/reason-messages";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Core } from "@/server/core";
import type { OrderEvent } from "@/server/execution/order-events";
import { SQLITE_FILE_NAME } from "@/server/store/sqlite-store";
import { buildOrder } from "@/server/store/testing/order-fixtures";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { loadOrderView } from "./order-view";
import { listOrders } from "./read-orders";
import { seedHistory } from "./seed-history";

describe("GET /v1/orders service", () => {
  it("pages order views from the TCA roll-up, equal to replaying each log", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "list" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      await seedHistory({ store, deskId: desk.id, keyId: key.id, orders: 6, days: 1, endMs: 1_760_000_000_000, seed: 4 });
      const core = { store } as unknown as Core;
      const page = await listOrders(core, desk.id, { limit: 50 } as never);
      expect(page.orders).toHaveLength(6);
      expect(page.orders.some((o) => o.filled_qty > 0 && o.avg_price !== null)).toBe(true);
      for (const view of page.orders) {
        const record = (await store.getOrder(desk.id, view.order_id))!;
        expect(view).toEqual(await loadOrderView(store, record));
      }
    } finally {
      await dispose();
    }
  }, 60_000);

  it("every final order that did not complete says why, from the roll-up or (an old FAILED row without a code) from its log", async () => {
    const { store, dataDir, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "reasons" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const T0 = 1_760_000_000_000;
      const place = async (createdAtMs: number, events: OrderEvent[]) => {
        const o = buildOrder(desk.id, key.id, { createdAtMs });
        await store.createOrder(o, [{ kind: "accepted", atMs: createdAtMs, qtyE8: o.qtyE8 }, ...events]);
        return o.id;
      };
      const ids = {
        working: await place(T0, [{ kind: "started", atMs: T0 + 1 }]),
        client: await place(T0 + 1, [{ kind: "cancelled", atMs: T0 + 2, reason: null }]),
        kill: await place(T0 + 2, [{ kind: "cancelled", atMs: T0 + 3, reason: "KILL_SWITCH" }]),
        rejected: await place(T0 + 3, [{ kind: "rejected", atMs: T0 + 4, reason: "NO_LIQUIDITY" }]),
        restart: await place(T0 + 4, [{ kind: "failed", atMs: T0 + 5, reason: "RESTART_INTERRUPTED", error: "RESTART_INTERRUPTED" }]),
      };
      // The restart failure as the code before this change stored it: text only, and a roll-up row without a reason.
      const raw = new SQLite(join(dataDir, SQLITE_FILE_NAME));
      raw.prepare("UPDATE order_events SET payload_json = ? WHERE order_id = ? AND kind = 'failed'").run(JSON.stringify({ error: "interrupted by a restart before its graph trigger fired" }), ids.restart);
      raw.prepare("UPDATE order_tca SET reject_reason = NULL WHERE order_id = ?").run(ids.restart);
      raw.close();

      const page = await listOrders({ store } as unknown as Core, desk.id, { limit: 50 } as never);
      const byId = new Map(page.orders.map((o) => [o.order_id, o]));
      const reasonOf = (id: string) => [byId.get(id)?.reject_reason, byId.get(id)?.reason_message];
      expect(reasonOf(ids.working)).toEqual([null, null]);
      expect(reasonOf(ids.client)).toEqual(["CLIENT_CANCEL", REASON_MESSAGES.CLIENT_CANCEL]);
      expect(reasonOf(ids.kill)).toEqual(["KILL_SWITCH", REASON_MESSAGES.KILL_SWITCH]);
      expect(reasonOf(ids.rejected)).toEqual(["NO_LIQUIDITY", REASON_MESSAGES.NO_LIQUIDITY]);
      expect(reasonOf(ids.restart)).toEqual(["RESTART_INTERRUPTED", REASON_MESSAGES.RESTART_INTERRUPTED]);
      for (const view of page.orders) expect(view).toEqual(await loadOrderView(store, (await store.getOrder(desk.id, view.order_id))!));
    } finally {
      await dispose();
    }
  });
});
