/**
 * KillSwitchStore over Kysely: one row per desk that ever touched its switch.
 */
import type { Kysely, Selectable } from "kysely";
import type { KillSwitchRecord, KillSwitchStore } from "./kill-switch-port";
import { wholeMs } from "./order-rows";
import type { Database, KillSwitchesTable } from "./schema";

function toKillSwitch(row: Selectable<KillSwitchesTable>): KillSwitchRecord {
  return { deskId: row.desk_id, engaged: row.engaged === 1, changedAtMs: row.changed_at_ms, changedByKeyId: row.changed_by_key_id };
}

export class KyselyKillSwitchStore implements KillSwitchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getKillSwitch(deskId: string): Promise<KillSwitchRecord> {
    const row = await this.db.selectFrom("kill_switches").selectAll().where("desk_id", "=", deskId).executeTakeFirst();
    return row ? toKillSwitch(row) : { deskId, engaged: false, changedAtMs: null, changedByKeyId: null };
  }

  async setKillSwitch(deskId: string, engaged: boolean, byKeyId: string | null, atMs: number): Promise<KillSwitchRecord> {
    const row = { desk_id: deskId, engaged: engaged ? 1 : 0, changed_at_ms: wholeMs(atMs), changed_by_key_id: byKeyId };
    // One statement, so two instances flipping it at once cannot interleave; the WHERE
    // keeps the original change when the state does not actually change.
    await this.db
      .insertInto("kill_switches")
      .values(row)
      .onConflict((oc) =>
        oc
          .column("desk_id")
          .doUpdateSet({ engaged: row.engaged, changed_at_ms: row.changed_at_ms, changed_by_key_id: row.changed_by_key_id })
          .where("kill_switches.engaged", "<>", row.engaged),
      )
      .execute();
    return this.getKillSwitch(deskId);
  }
}
