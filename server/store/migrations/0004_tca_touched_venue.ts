/**
 * The day roll-up gains a `touched` key: each order's share is added once under "" (every
 * order) and once under each venue it sent a child to or got a fill from, so the summary's
 * venue filter ("orders that touched X") is answered from day sums too. The derived roll-up
 * tables are dropped and recreated (also settling any database that ran an earlier draft of
 * 0003) and refilled from the event logs by the store's backfill (a new meta flag).
 * Market contexts are observations, not derived: kept.
 */
import type { Kysely } from "kysely";

const DOUBLE = "double precision";
const DERIVED = ["tca_latency_day", "tca_venue_day", "tca_day", "order_ack_latency", "order_venue_tca", "order_tca"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of DERIVED) await db.schema.dropTable(t).ifExists().execute();

  await db.schema
    .createTable("order_tca")
    .addColumn("order_id", "text", (c) => c.primaryKey().references("orders.id"))
    // Copied from orders so the CSV export reads one table (a join per row costs 2× there).
    .addColumn("node_order_id", "text", (c) => c.notNull())
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("router_version", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("created_at_ms", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull())
    .addColumn("accepted_at_ms", "bigint", (c) => c.notNull())
    .addColumn("updated_at_ms", "bigint", (c) => c.notNull())
    .addColumn("reject_reason", "text")
    .addColumn("filled", "text", (c) => c.notNull())
    .addColumn("avg_price", "text")
    .addColumn("fees", "text", (c) => c.notNull())
    .addColumn("qty_f", DOUBLE, (c) => c.notNull())
    .addColumn("filled_f", DOUBLE, (c) => c.notNull())
    .addColumn("notional_usd", DOUBLE, (c) => c.notNull())
    .addColumn("fees_usd", DOUBLE, (c) => c.notNull())
    .addColumn("fills", "integer", (c) => c.notNull())
    .addColumn("arrival_mid", DOUBLE)
    .addColumn("forecast_p50_bps", DOUBLE)
    .addColumn("forecast_p90_bps", DOUBLE)
    .addColumn("realized_bps", DOUBLE)
    .addColumn("state_json", "text")
    .execute();
  // Covering for the summary's one per-order read: the realized costs behind its percentiles.
  await db.schema.createIndex("order_tca_desk_created_idx").on("order_tca").columns(["desk_id", "created_at_ms", "symbol", "key_id", "realized_bps"]).execute();
  // Calibration reload at start: recent completed orders across desks.
  await db.schema.createIndex("order_tca_status_created_idx").on("order_tca").columns(["status", "created_at_ms"]).execute();

  await db.schema
    .createTable("order_venue_tca")
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("sent", "integer", (c) => c.notNull())
    .addColumn("sent_qty", DOUBLE, (c) => c.notNull())
    .addColumn("filled_qty", DOUBLE, (c) => c.notNull())
    .addColumn("fills", "integer", (c) => c.notNull())
    .addColumn("notional_usd", DOUBLE, (c) => c.notNull())
    .addColumn("rejected", "integer", (c) => c.notNull())
    .addColumn("cost_w", DOUBLE, (c) => c.notNull())
    .addColumn("cost_n", DOUBLE, (c) => c.notNull())
    .addPrimaryKeyConstraint("order_venue_tca_pk", ["order_id", "venue"])
    .execute();
  // "Orders that touched venue X" for per-order reads (realized costs, CSV).
  await db.schema.createIndex("order_venue_tca_venue_idx").on("order_venue_tca").columns(["venue", "order_id"]).execute();

  await db.schema
    .createTable("order_ack_latency")
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("child_id", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("latency_ms", DOUBLE, (c) => c.notNull())
    .addPrimaryKeyConstraint("order_ack_latency_pk", ["order_id", "child_id"])
    .execute();

  // touched first: the unfiltered summary reads touched = "" for a desk's days.
  const dayKey = ["desk_id", "touched", "day", "symbol", "key_id"] as const;
  await db.schema
    .createTable("tca_day")
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("touched", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("router_version", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull())
    .addColumn("completed", "integer", (c) => c.notNull())
    .addColumn("fills", "integer", (c) => c.notNull())
    .addColumn("qty", DOUBLE, (c) => c.notNull())
    .addColumn("filled", DOUBLE, (c) => c.notNull())
    .addColumn("notional_usd", DOUBLE, (c) => c.notNull())
    .addColumn("cost_notional", DOUBLE, (c) => c.notNull())
    .addColumn("cost_w", DOUBLE, (c) => c.notNull())
    .addColumn("calib_n", "integer", (c) => c.notNull())
    .addColumn("calib_within", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tca_day_pk", [...dayKey, "router_version"])
    .execute();

  await db.schema
    .createTable("tca_venue_day")
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("touched", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("sent", "integer", (c) => c.notNull())
    .addColumn("sent_qty", DOUBLE, (c) => c.notNull())
    .addColumn("filled_qty", DOUBLE, (c) => c.notNull())
    .addColumn("fills", "integer", (c) => c.notNull())
    .addColumn("notional_usd", DOUBLE, (c) => c.notNull())
    .addColumn("rejected", "integer", (c) => c.notNull())
    .addColumn("cost_w", DOUBLE, (c) => c.notNull())
    .addColumn("cost_n", DOUBLE, (c) => c.notNull())
    .addPrimaryKeyConstraint("tca_venue_day_pk", [...dayKey, "venue"])
    .execute();

  await db.schema
    .createTable("tca_latency_day")
    .addColumn("desk_id", "text", (c) => c.notNull())
    .addColumn("touched", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("latency_ms", DOUBLE, (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tca_latency_day_pk", [...dayKey, "venue", "latency_ms"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of DERIVED) await db.schema.dropTable(t).execute();
}
