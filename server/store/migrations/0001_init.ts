/**
 * Desks, API keys, dashboard sessions and instance metadata. Typed against
 * `Kysely<unknown>` on purpose: a migration describes the schema as it was at this
 * version, not as `schema.ts` says it is today.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("desks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("qps", "integer", (c) => c.notNull())
    .addColumn("restrict_traders_to_own_orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at_ms", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("desk_id", "text", (c) => c.notNull().references("desks.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("sandbox", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at_ms", "bigint", (c) => c.notNull())
    .addColumn("revoked_at_ms", "bigint")
    .addColumn("last_used_at_ms", "bigint")
    .execute();
  await db.schema.createIndex("api_keys_hash_uq").on("api_keys").column("hash").unique().execute();
  await db.schema.createIndex("api_keys_desk_id_idx").on("api_keys").column("desk_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("key_id", "text", (c) => c.notNull().references("api_keys.id").onDelete("cascade"))
    .addColumn("created_at_ms", "bigint", (c) => c.notNull())
    .addColumn("expires_at_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_expires_at_ms_idx").on("sessions").column("expires_at_ms").execute();

  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("meta").execute();
  await db.schema.dropTable("sessions").execute();
  await db.schema.dropTable("api_keys").execute();
  await db.schema.dropTable("desks").execute();
}
