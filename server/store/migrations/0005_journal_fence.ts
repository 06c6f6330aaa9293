/**
 * Issue 11: the kill switch becomes a fence and resting orders stop flooding the decision log.
 * - kill_switches.version counts real changes (engage/release). An order's create transaction
 *   reads it, so the runner can tell whether an engage committed between an order's commit
 *   and its start (then the order is cancelled, never run). A row with version 0 is a
 *   placeholder written by an order's fence check: the switch was never touched.
 * - routing_decisions.repeat_count / last_repeat_at_ms: a resting order re-routes every few
 *   hundred ms to the same answer; the decision is stored once and its repeats counted.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("kill_switches").addColumn("version", "integer", (c) => c.notNull().defaultTo(0)).execute();
  // Existing rows were real changes.
  await db.updateTable("kill_switches" as never).set({ version: 1 } as never).execute();
  await db.schema.alterTable("routing_decisions").addColumn("repeat_count", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("routing_decisions").addColumn("last_repeat_at_ms", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("routing_decisions").dropColumn("last_repeat_at_ms").execute();
  await db.schema.alterTable("routing_decisions").dropColumn("repeat_count").execute();
  await db.schema.alterTable("kill_switches").dropColumn("version").execute();
}
