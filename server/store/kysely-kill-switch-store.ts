/**
 * KillSwitchStore over Kysely: one row per desk that ever touched its switch (or whose
 * orders passed the fence on PostgreSQL, which needs a row to lock: version 0).
 */
import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { KillSwitchRecord, KillSwitchStore } from "./kill-switch-port";
import { KillSwitchEngagedError } from "./kill-switch-port";
import { wholeMs } from "./order-rows";
import type { StoreKind } from "./port";
import type { Database, KillSwitchesTable } from "./schema";

function toKillSwitch(row: Selectable<KillSwitchesTable>): KillSwitchRecord {
  const touched = row.version > 0;
  return {
    deskId: row.desk_id,
    engaged: row.engaged === 1,
    changedAtMs: touched ? row.changed_at_ms : null,
    changedByKeyId: touched ? row.changed_by_key_id : null,
    version: row.version,
  };
}

function untouched(deskId: string): KillSwitchRecord {
  return { deskId, engaged: false, changedAtMs: null, changedByKeyId: null, version: 0 };
}

/**
 * The fence an order's create transaction passes: throws KillSwitchEngagedError while the
 * desk's switch is engaged, else returns the switch's version. On SQLite the transaction
 * already holds the write lock (BEGIN IMMEDIATE), so no engage can commit in between. On
 * PostgreSQL the row is share-locked until commit, so an engage (which updates the row)
 * waits for this order or this order waits for the engage and then sees it; the
 * placeholder insert makes sure there is a row to lock even for a desk that never
 * touched its switch.
 */
export async function passKillSwitchFence(trx: Transaction<Database>, kind: StoreKind, deskId: string): Promise<number> {
  let row: Pick<Selectable<KillSwitchesTable>, "engaged" | "version"> | undefined;
  if (kind === "postgres") {
    await trx
      .insertInto("kill_switches")
      .values({ desk_id: deskId, engaged: 0, changed_at_ms: 0, changed_by_key_id: null, version: 0 })
      .onConflict((oc) => oc.column("desk_id").doNothing())
      .execute();
    row = await trx.selectFrom("kill_switches").select(["engaged", "version"]).where("desk_id", "=", deskId).forShare().executeTakeFirst();
  } else {
    row = await trx.selectFrom("kill_switches").select(["engaged", "version"]).where("desk_id", "=", deskId).executeTakeFirst();
  }
  if (row?.engaged === 1) throw new KillSwitchEngagedError(deskId);
  return row?.version ?? 0;
}

export class KyselyKillSwitchStore implements KillSwitchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getKillSwitch(deskId: string): Promise<KillSwitchRecord> {
    const row = await this.db.selectFrom("kill_switches").selectAll().where("desk_id", "=", deskId).executeTakeFirst();
    return row ? toKillSwitch(row) : untouched(deskId);
  }

  async listKillSwitches(): Promise<KillSwitchRecord[]> {
    const rows = await this.db.selectFrom("kill_switches").selectAll().execute();
    return rows.map(toKillSwitch);
  }

  async setKillSwitch(deskId: string, engaged: boolean, byKeyId: string | null, atMs: number): Promise<KillSwitchRecord> {
    const row = { desk_id: deskId, engaged: engaged ? 1 : 0, changed_at_ms: wholeMs(atMs), changed_by_key_id: byKeyId, version: 1 };
    // One statement, so two instances flipping it at once cannot interleave; the WHERE
    // keeps the original change when the state does not actually change (a placeholder
    // row, version 0, is always taken over).
    await this.db
      .insertInto("kill_switches")
      .values(row)
      .onConflict((oc) =>
        oc
          .column("desk_id")
          .doUpdateSet({
            engaged: row.engaged,
            changed_at_ms: row.changed_at_ms,
            changed_by_key_id: row.changed_by_key_id,
            version: sql<number>`kill_switches.version + 1`,
          })
          .where((eb) => eb.or([eb("kill_switches.engaged", "<>", row.engaged), eb("kill_switches.version", "=", 0)])),
      )
      .execute();
    return this.getKillSwitch(deskId);
  }
}
