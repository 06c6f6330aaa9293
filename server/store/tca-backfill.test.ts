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

  it("a failed event logged before failures carried a code reads with the code its text implies, in the log and the roll-up", async () => {
    const { store, dataDir, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "old" });
      const key = await store.createApiKey({ deskId: desk.id, role: "trader", sandbox: true, hash: "h".repeat(64), prefix: "p", label: "" });
      const node = buildOrder(desk.id, key.id, { createdAtMs: T0 });
      const worked = buildOrder(desk.id, key.id, { createdAtMs: T0 });
      await store.createOrder(node, [{ kind: "accepted", atMs: T0, qtyE8: node.qtyE8 }]);
      await store.createOrder(worked, [{ kind: "accepted", atMs: T0, qtyE8: worked.qtyE8 }, { kind: "started", atMs: T0 + 1 }, childSentEvent("c1", E8, T0 + 2)]);
      await store.appendOrderEvents(node.id, [{ kind: "failed", atMs: T0 + 5, reason: "RESTART_INTERRUPTED", error: "x" }]);
      await store.appendOrderEvents(worked.id, [{ kind: "failed", atMs: T0 + 5, reason: "INTERNAL_ERROR", error: "x" }]);

      // Rewrite both as the old code wrote them: the text alone, in the log and in the roll-up's kept state.
      const raw = new SQLite(join(dataDir, SQLITE_FILE_NAME));
      const setPayload = raw.prepare("UPDATE order_events SET payload_json = ? WHERE order_id = ? AND kind = 'failed'");
      setPayload.run(JSON.stringify({ error: "interrupted by a restart before its graph trigger fired" }), node.id);
      setPayload.run(JSON.stringify({ error: "NO_LIQUIDITY" }), worked.id);
      const row = raw.prepare("SELECT state_json FROM order_tca WHERE order_id = ?").get(worked.id) as { state_json: string };
      const state = JSON.parse(row.state_json) as { rr: unknown; fa: unknown };
      state.rr = null;
      state.fa = "NO_LIQUIDITY";
      raw.prepare("UPDATE order_tca SET reject_reason = NULL, state_json = ? WHERE order_id = ?").run(JSON.stringify(state), worked.id);
      raw.close();

      const failedOf = async (id: string) => (await store.listOrderEvents(id)).map((e) => e.event).find((e) => e.kind === "failed");
      expect(await failedOf(node.id)).toEqual({ kind: "failed", atMs: T0 + 5, reason: "RESTART_INTERRUPTED", error: "interrupted by a restart before its graph trigger fired" });
      expect(await failedOf(worked.id)).toMatchObject({ reason: "NO_LIQUIDITY" });
      // A late fill folds from the kept state, which reads the code from its text too.
      await store.appendOrderEvents(worked.id, [fillEvent("f1", "c1", E8, T0 + 9)]);
      expect((await store.getOrderTca([worked.id])).get(worked.id)).toMatchObject({ status: "FAILED", rejectReason: "NO_LIQUIDITY", fills: 1 });
      // And a rebuild from the logs gives every FAILED row its code.
      await store.rebuildTca();
      const rows = await store.getOrderTca([node.id, worked.id]);
      expect(rows.get(node.id)).toMatchObject({ status: "FAILED", rejectReason: "RESTART_INTERRUPTED" });
      expect(rows.get(worked.id)).toMatchObject({ status: "FAILED", rejectReason: "NO_LIQUIDITY", fills: 1 });
    } finally {
      await dispose();
    }
  });
});
