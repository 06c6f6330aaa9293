/**
 * TCA roll-up: a per-order projection of the event log (order_tca, order_venue_tca,
 * order_ack_latency), day-level sums for the desk summary (tca_day, tca_venue_day,
 * tca_latency_day) and each order's stored market context. Rows for orders that existed
 * before this migration are built by the store's backfill (kysely-tca-store.ts), which
 * replays their logs with the domain reducer; a migration describes only the schema.
 */
import type { Kysely } from "kysely";

const DOUBLE = "double precision";

export async function up(db: Kysely<unknown>): Promise<void> {
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
  await db.schema
    .createIndex("order_tca_desk_created_idx")
    .on("order_tca")
    .columns(["desk_id", "created_at_ms", "symbol", "key_id", "realized_bps"])
    .execute();
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
  // "Orders that touched venue X" (the summary's venue filter).
  await db.schema.createIndex("order_venue_tca_venue_idx").on("order_venue_tca").columns(["venue", "order_id"]).execute();

  await db.schema
    .createTable("order_ack_latency")
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("child_id", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("latency_ms", DOUBLE, (c) => c.notNull())
    .addPrimaryKeyConstraint("order_ack_latency_pk", ["order_id", "child_id"])
    .execute();

  const dayKey = ["desk_id", "day", "symbol", "key_id"] as const;
  await db.schema
    .createTable("tca_day")
    .addColumn("desk_id", "text", (c) => c.notNull())
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
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("symbol", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("latency_ms", DOUBLE, (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tca_latency_day_pk", [...dayKey, "venue", "latency_ms"])
    .execute();

  await db.schema
    .createTable("order_market_context")
    .addColumn("order_id", "text", (c) => c.primaryKey().references("orders.id"))
    .addColumn("mids_json", "text", (c) => c.notNull())
    .addColumn("vwap", DOUBLE)
    .addColumn("tape_qty", DOUBLE, (c) => c.notNull())
    .addColumn("vwap_from_ms", "bigint", (c) => c.notNull())
    .addColumn("vwap_to_ms", "bigint", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_at_ms", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["order_market_context", "tca_latency_day", "tca_venue_day", "tca_day", "order_ack_latency", "order_venue_tca", "order_tca"]) {
    await db.schema.dropTable(t).execute();
  }
}
