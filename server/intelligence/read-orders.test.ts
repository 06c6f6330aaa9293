import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Core } from "@/server/core";
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
});
