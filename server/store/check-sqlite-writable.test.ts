/**
 * A read-only store stops the start with a message naming the path and the cause; a
 * store whose file system fills up while running is classified disk_full. Real file
 * systems: a tmpfs mounted read-only, one file bind-mounted read-only, a tiny tmpfs
 * filled up (root only; skipped where mounting is not allowed). A file system turning
 * read-only under a running store is not tested: the kernel refuses `remount,ro` while a
 * file is open for writing (only its own error handling, e.g. ext4 errors=remount-ro, does
 * that), so SQLITE_READONLY/IOERR at run time are checked in classify-store-error.test.ts.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { openCheckedStore } from "@/server/open-checked-store";
import { createManualClock } from "@/server/shared/clock";
import { createLogger } from "@/server/shared/logger";
import { classifyStoreError } from "./classify-store-error";
import type { Store } from "./port";
import { openSqliteStore, SQLITE_FILE_NAME } from "./sqlite-store";
import { isStoreUnavailableError } from "./store-unavailable-error";
import { mountScratch, type ScratchMount } from "./testing/scratch-mount";

const probe = mountScratch(64);
probe?.dispose();
const canMount = probe !== undefined;

let mount: ScratchMount | undefined;
let open: Store | undefined;
afterEach(async () => {
  await open?.close().catch(() => undefined);
  open = undefined;
  mount?.dispose();
  mount = undefined;
});

async function seedStore(dir: string): Promise<void> {
  const store = openSqliteStore({ dataDir: dir });
  await store.migrate();
  await store.close();
}

function startError(dir: string): Promise<unknown> {
  const log = createLogger("error", () => undefined);
  return openCheckedStore(parseEnv({ DATA_DIR: dir }), createManualClock(), log).then(
    (opened) => {
      open = opened.store;
      opened.storeHealth.stop();
      throw new Error("expected the start to be refused");
    },
    (err: unknown) => err,
  );
}

describe.skipIf(!canMount)("read-only and full SQLite stores (tmpfs mounts)", () => {
  it("a DATA_DIR on a read-only file system refuses the start, naming the path and the cause", async () => {
    mount = mountScratch()!;
    await seedStore(mount.dir);
    mount.readOnly();
    const direct = (() => {
      try {
        openSqliteStore({ dataDir: mount.dir });
      } catch (err) {
        return err;
      }
    })();
    expect(isStoreUnavailableError(direct) && direct.reason).toBe("read_only");
    const err = await startError(mount.dir);
    expect((err as Error).message).toBe(
      `The SQLite store ${resolve(mount.dir, SQLITE_FILE_NAME)} cannot be used (read_only): DATA_DIR ${mount.dir} is not writable (read-only file system); make it writable or point DATA_DIR at a writable directory`,
    );
  });

  it("a read-only database file in a writable DATA_DIR refuses the start too", async () => {
    mount = mountScratch()!;
    await seedStore(mount.dir);
    mount.freezeFile(join(mount.dir, SQLITE_FILE_NAME));
    const err = await startError(mount.dir);
    expect((err as Error).message).toContain(`cannot be used (read_only): the database file is read-only (read-only file system)`);
  });

  it("a full disk (real ENOSPC on a tiny tmpfs) is disk_full, not 'cannot rollback'", async () => {
    mount = mountScratch(1024)!;
    const store = (open = openSqliteStore({ dataDir: mount.dir }));
    await store.migrate();
    // Leave a little room, then grow the database past it.
    try {
      writeFileSync(join(mount.dir, "filler"), Buffer.alloc(1024 * 1024));
    } catch {
      // ENOSPC: the filler took what there was.
    }
    let failure: unknown;
    for (let i = 0; i < 2000 && failure === undefined; i++) {
      await store.createDesk({ name: `desk-${i}-${"x".repeat(500)}` }).catch((e: unknown) => (failure = e));
    }
    expect(failure).toBeDefined();
    expect(String((failure as Error).message)).not.toContain("cannot rollback");
    expect(classifyStoreError(failure)?.reason).toBe("disk_full");
  });
});
