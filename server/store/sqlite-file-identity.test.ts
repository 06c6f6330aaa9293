/**
 * A SQLite store whose file is deleted or replaced under it refuses every later write
 * (writes must never go to an unlinked file) and keeps answering reads from the file it
 * holds; the refusal names the path and says to restart; what the held file contained is
 * copied beside the old path, so it survives the restart.
 */
import { copyFileSync, readdirSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { classifyStoreError } from "./classify-store-error";
import { SQLITE_FILE_NAME } from "./sqlite-store";
import { isStoreUnavailableError, type StoreUnavailableError } from "./store-unavailable-error";
import { openTempSqliteStore, type TempSqliteStore } from "./testing/open-temp-sqlite-store";

let temp: TempSqliteStore | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

function rescuedCopy(dataDir: string): string {
  const found = readdirSync(dataDir).find((f) => f.startsWith(`${SQLITE_FILE_NAME}.rescued-`));
  if (!found) throw new Error("no rescue copy");
  return join(dataDir, found);
}

async function refusal(p: Promise<unknown>): Promise<StoreUnavailableError> {
  try {
    await p;
  } catch (err) {
    if (isStoreUnavailableError(err)) return err;
    throw err;
  }
  throw new Error("expected the write to be refused");
}

describe("SQLite file identity", () => {
  it("a deleted file: every later write is refused (file_deleted, path named), reads still answer", async () => {
    temp = await openTempSqliteStore();
    const { store, dataDir } = temp;
    const alpha = await store.createDesk({ name: "alpha" });
    const path = join(dataDir, SQLITE_FILE_NAME);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });

    const first = await refusal(store.createDesk({ name: "beta" }));
    expect(first.reason).toBe("file_deleted");
    expect(first.publicMessage).toBe(`The SQLite store ${path} was deleted while running; restart the service`);
    expect(classifyStoreError(first)).toBe(first);
    // Transactions (setKillSwitch) and autocommit writes (setMeta) are both refused, every time.
    expect((await refusal(store.setMeta("k", "v"))).reason).toBe("file_deleted");
    expect((await refusal(store.setKillSwitch(alpha.id, true, null, 1))).reason).toBe("file_deleted");
    expect((await refusal(store.migrate())).reason).toBe("file_deleted");
    expect((await store.listDesks()).map((d) => d.name)).toEqual(["alpha"]);

    // Written before the first refusal was answered.
    const copy = rescuedCopy(dataDir);
    expect(first.message).toContain(`was copied to ${copy}: to keep it, stop the service, move that copy to ${path}, then start.`);
    const rescued = new SQLite(copy, { readonly: true });
    expect(rescued.prepare("select name from desks").all()).toEqual([{ name: "alpha" }]);
    rescued.close();
  });

  it("a replaced file (a copy moved into place) is file_replaced, and stays refused", async () => {
    temp = await openTempSqliteStore();
    const { store, dataDir } = temp;
    await store.createDesk({ name: "alpha" });
    const path = join(dataDir, SQLITE_FILE_NAME);
    copyFileSync(path, `${path}.copy`);
    unlinkSync(path);
    renameSync(`${path}.copy`, path);

    const err = await refusal(store.createDesk({ name: "beta" }));
    expect(err.reason).toBe("file_replaced");
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/restart the service/i);
    expect((await refusal(store.setMeta("k", "v"))).reason).toBe("file_replaced");
    const rescued = new SQLite(rescuedCopy(dataDir), { readonly: true });
    expect(rescued.prepare("select name from desks").all()).toEqual([{ name: "alpha" }]);
    rescued.close();
  });

  it("an untouched file writes as before", async () => {
    temp = await openTempSqliteStore();
    await temp.store.createDesk({ name: "alpha" });
    await temp.store.setMeta("k", "v");
    expect(await temp.store.getMeta("k")).toBe("v");
  });
});
