/**
 * An order's children (Live, Review) and an order's routing decisions (Review) are read by
 * desk and parent/node, newest first. The only indexes with the desk were (desk, time), and
 * SQLite's planner, without statistics, preferred them because they give the order for
 * free: each lookup walked the desk's whole history. In the 30-minute soak the two reads
 * grew linearly, 1.3 → 20 ms and 0.4 → 3.2 ms per call in five minutes, and took the ack
 * p99 with them. Indexes on (desk, parent/node, time, id) serve both the filter and the
 * order, so every planner picks them; the single-column ones they replace were never used
 * (every query names the desk) and only cost writes.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("orders_desk_parent_created_idx").on("orders").columns(["desk_id", "parent_id", "created_at_ms", "id"]).execute();
  await db.schema.dropIndex("orders_parent_idx").execute();
  await db.schema
    .createIndex("routing_decisions_desk_node_at_idx")
    .on("routing_decisions")
    .columns(["desk_id", "node_order_id", "at_ms", "id"])
    .execute();
  await db.schema.dropIndex("routing_decisions_node_idx").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("routing_decisions_node_idx").on("routing_decisions").columns(["node_order_id", "at_ms"]).execute();
  await db.schema.dropIndex("routing_decisions_desk_node_at_idx").execute();
  await db.schema.createIndex("orders_parent_idx").on("orders").column("parent_id").execute();
  await db.schema.dropIndex("orders_desk_parent_created_idx").execute();
}
