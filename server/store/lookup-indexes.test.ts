import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME } from "./sqlite-store";
import { openTempSqliteStore } from "./testing/open-temp-sqlite-store";

/** The SQL the order and decision stores send (as Kysely compiles listOrders/listDecisions). */
const CHILDREN_SQL = 'select * from "orders" where "desk_id" = ? and "parent_id" = ? order by "created_at_ms" desc, "id" desc limit ?';
const DECISIONS_SQL = 'select * from "routing_decisions" where "desk_id" = ? and "node_order_id" = ? order by "at_ms" desc, "id" desc limit ?';

describe("lookup indexes (migration 0006)", () => {
  it("serve an order's children and its decisions from a (desk, parent/node, time) index, not the desk's whole history", async () => {
    const { dataDir, dispose } = await openTempSqliteStore();
    try {
      const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
      const plan = (sql: string) =>
        (db.prepare(`explain query plan ${sql}`).all("desk", "parent", 100) as { detail: string }[]).map((r) => r.detail).join(" | ");
      expect(plan(CHILDREN_SQL)).toMatch(/USING INDEX orders_desk_parent_created_idx \(desk_id=\? AND parent_id=\?\)/);
      expect(plan(DECISIONS_SQL)).toMatch(/USING INDEX routing_decisions_desk_node_at_idx \(desk_id=\? AND node_order_id=\?\)/);
      // The index gives the order: no temp b-tree sort.
      expect(plan(CHILDREN_SQL)).not.toMatch(/TEMP B-TREE/);
      expect(plan(DECISIONS_SQL)).not.toMatch(/TEMP B-TREE/);
      db.close();
    } finally {
      await dispose();
    }
  });
});
