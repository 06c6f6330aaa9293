import SQLite from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME, openSqliteStore } from "./sqlite-store";
import { E8, buildOrder, childSentEvent, fillEvent } from "./testing/order-fixtures";
import { openTempSqliteStore } from "./testing/open-temp-sqlite-store";

const T0 = 1_700_000_000_000;

describe("TCA roll-up backfill", () => {
  it("orders written before the roll-up existed get their rows at the next migrate", async () => {
    const { store, dataDir, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "old" });
      const key = await store.createApiKey({ deskId: desk.id, role: "trader", sandbox: true, hash: "h".repeat(64), prefix: "p", label: "" });
      const o = buildOrder(desk.id, key.id, { createdAtMs: T0 });
      await store.createOrder(o, [{ kind: "accepted", atMs: T0, qtyE8: o.qtyE8 }, { kind: "started", atMs: T0 + 1 }, childSentEvent("c1", E8, T0 + 2), fillEvent("f1", "c1", E8, T0 + 3)]);
      const scope = { deskId: desk.id, fromDay: "2023-11-14", toDay: "2023-11-14" };
      const before = await store.listTcaGroups(scope);
      expect(before).toHaveLength(1);

      // As a database from before migration 0003 would look once 0003 has run: empty roll-up, no flag.
      const raw = new SQLite(join(dataDir, SQLITE_FILE_NAME));
      for (const t of ["order_tca", "order_venue_tca", "order_ack_latency", "tca_day", "tca_venue_day", "tca_latency_day"]) raw.exec(`DELETE FROM ${t}`);
      raw.exec("DELETE FROM meta WHERE key = 'tca_rollup_backfilled_v2'");
      raw.close();
      expect(await store.listTcaGroups(scope)).toEqual([]);

      const reopened = openSqliteStore({ dataDir });
      try {
        expect(await reopened.migrate()).toEqual([]);
        expect(await reopened.listTcaGroups(scope)).toEqual(before);
        expect((await reopened.getOrderTca([o.id])).get(o.id)).toMatchObject({ status: "RUNNING", fills: 1, lastSeq: 4 });
        // And the next append continues from the rebuilt row.
        await reopened.appendOrderEvents(o.id, [childSentEvent("c2", E8, T0 + 4, "okx"), fillEvent("f2", "c2", E8 / 2n, T0 + 5, "okx")], 4);
        expect((await reopened.getOrderTca([o.id])).get(o.id)).toMatchObject({ fills: 2, lastSeq: 6, filledE8: E8 + E8 / 2n });
        expect((await reopened.listTcaVenues(scope)).map((v) => [v.venue, v.sent, v.fills])).toEqual([["binance", 1, 1], ["okx", 1, 1]]);
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  });
});
