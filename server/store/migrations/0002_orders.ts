/**
 * Orders, their event logs, fills, routing decisions and per-desk kill switches.
 *
 * Quantities and prices are TEXT decimal strings (see schema.ts for why not BIGINT).
 * The idempotency indexes are partial (`WHERE … IS NOT NULL`): both SQLite and
 * PostgreSQL already treat NULLs as distinct in a unique index, so orders without a
 * client key never collide, but saying so keeps the intent explicit, keeps the index to
 * the rows that need it, and does not depend on PostgreSQL's NULLS [NOT] DISTINCT default.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("desk_id", "text", (c) => c.notNull().references("desks.id"))
    .addColumn("key_id", "text", (c) => c.notNull().references("api_keys.id"))
    .addColumn("parent_id", "text", (c) => c.references("orders.id"))
    .addColumn("node_order_id", "text", (c) => c.notNull().unique())
    .addColumn("graph_id", "text")
    .addColumn("client_request_id", "text")
    .addColumn("body_hash", "text", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("qty", "text", (c) => c.notNull())
    .addColumn("limit_price", "text")
    .addColumn("venue", "text")
    .addColumn("policy", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("router_version", "text")
    .addColumn("sandbox", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at_ms", "bigint", (c) => c.notNull())
    .addColumn("updated_at_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("orders_desk_client_request_uq")
    .on("orders")
    .columns(["desk_id", "client_request_id"])
    .unique()
    .where("client_request_id", "is not", null)
    .execute();
  // Only the graph's root carries the key for idempotency; its nodes share graph_id.
  await db.schema
    .createIndex("orders_desk_graph_root_uq")
    .on("orders")
    .columns(["desk_id", "graph_id"])
    .unique()
    .where("graph_id", "is not", null)
    // parent_id is not one of the indexed columns, so Kysely needs a plain column reference.
    .where(sql.ref("parent_id"), "is", null)
    .execute();
  // Newest-first pagination is (created_at_ms, id) descending within a desk.
  await db.schema.createIndex("orders_desk_created_idx").on("orders").columns(["desk_id", "created_at_ms", "id"]).execute();
  await db.schema.createIndex("orders_desk_status_idx").on("orders").columns(["desk_id", "status", "created_at_ms"]).execute();
  await db.schema.createIndex("orders_desk_symbol_idx").on("orders").columns(["desk_id", "symbol", "created_at_ms"]).execute();
  // Restart recovery scans working orders across desks.
  await db.schema.createIndex("orders_status_idx").on("orders").columns(["status", "created_at_ms"]).execute();
  await db.schema.createIndex("orders_parent_idx").on("orders").column("parent_id").execute();

  await db.schema
    .createTable("order_events")
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload_json", "text", (c) => c.notNull())
    .addColumn("at_ms", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("order_events_pk", ["order_id", "seq"])
    .execute();

  await db.schema
    .createTable("fills")
    .addColumn("fill_id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("child_id", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("qty", "text", (c) => c.notNull())
    .addColumn("price", "text", (c) => c.notNull())
    .addColumn("fee", "text", (c) => c.notNull())
    .addColumn("liquidity", "text", (c) => c.notNull())
    .addColumn("at_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("fills_order_idx").on("fills").columns(["order_id", "at_ms"]).execute();

  await db.schema
    .createTable("routing_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("node_order_id", "text", (c) => c.notNull())
    .addColumn("desk_id", "text", (c) => c.notNull().references("desks.id"))
    .addColumn("at_ms", "bigint", (c) => c.notNull())
    .addColumn("router_version", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("qty", "text", (c) => c.notNull())
    .addColumn("candidates_json", "text", (c) => c.notNull())
    .addColumn("exclusions_json", "text", (c) => c.notNull())
    .addColumn("legs_json", "text", (c) => c.notNull())
    // "double precision", not "real": PostgreSQL's real is 4-byte; SQLite reads both as REAL.
    .addColumn("est_cost_bps", "double precision")
    // The router's whole record (mid, touches, penalty inputs) for the post-trade audit.
    .addColumn("detail_json", "text")
    .execute();
  await db.schema.createIndex("routing_decisions_desk_at_idx").on("routing_decisions").columns(["desk_id", "at_ms", "id"]).execute();
  await db.schema.createIndex("routing_decisions_node_idx").on("routing_decisions").columns(["node_order_id", "at_ms"]).execute();

  await db.schema
    .createTable("kill_switches")
    .addColumn("desk_id", "text", (c) => c.primaryKey().references("desks.id"))
    .addColumn("engaged", "integer", (c) => c.notNull())
    .addColumn("changed_at_ms", "bigint", (c) => c.notNull())
    .addColumn("changed_by_key_id", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("kill_switches").execute();
  await db.schema.dropTable("routing_decisions").execute();
  await db.schema.dropTable("fills").execute();
  await db.schema.dropTable("order_events").execute();
  await db.schema.dropTable("orders").execute();
}
