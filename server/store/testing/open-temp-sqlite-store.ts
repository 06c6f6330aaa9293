/**
 * A migrated SQLite store in a fresh temp directory, for tests that need a real database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Store } from "../port";
import { openSqliteStore } from "../sqlite-store";

export interface TempSqliteStore {
  store: Store;
  dataDir: string;
  /** Closes the store and deletes the directory. */
  dispose(): Promise<void>;
}

export async function openTempSqliteStore(nowMs?: () => number): Promise<TempSqliteStore> {
  const dataDir = mkdtempSync(join(tmpdir(), "exec-store-"));
  const store = openSqliteStore({ dataDir, ...(nowMs ? { nowMs } : {}) });
  await store.migrate();
  return {
    store,
    dataDir,
    dispose: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
