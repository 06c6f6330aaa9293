/**
 * Embedded default: one SQLite file in DATA_DIR, created on first use. WAL lets the
 * Next.js server read while the keys CLI writes from another process; busy_timeout makes
 * a writer wait for the other process's short write instead of failing at once.
 */
import { createSqliteReadWorker } from "./create-sqlite-read-worker";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely } from "kysely";
import { assertSqliteWritable } from "./check-sqlite-writable";
import { KyselyStore } from "./kysely-store";
import { rescueLostSqlite, rescuePathFor } from "./rescue-lost-sqlite";
import { guardFileIdentity } from "./sqlite-file-identity";
import { ImmediateSqliteDialect } from "./sqlite-immediate-dialect";
import type { Store } from "./port";
import type { Database } from "./schema";

export const SQLITE_FILE_NAME = "execution.sqlite";

/**
 * What a resolved write survives. In WAL mode both survive the process dying (kill -9,
 * OOM, a crash): a commit has reached the WAL file through the OS before it returns.
 * - "normal" (synchronous=NORMAL): the WAL is fsynced only at checkpoints, so a power
 *   loss or OS crash can roll back the last commits (never corrupt the file).
 * - "full" (synchronous=FULL): every commit is fsynced, so it survives power loss too,
 *   at one fsync per write (also for routine writes such as API key touches).
 * The default stays "normal": the acknowledged-order guarantee is stated against process
 * death, which both give; deployments that must survive power loss choose "full".
 */
export type SqliteDurability = "normal" | "full";

export interface SqliteStoreOptions {
  dataDir: string;
  nowMs?: () => number;
  durability?: SqliteDurability;
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const path = join(options.dataDir, SQLITE_FILE_NAME);
  assertSqliteWritable(options.dataDir, path);
  const database = new SQLite(path);
  // busy_timeout first: switching to WAL needs a lock another process may hold.
  database.pragma("busy_timeout = 5000");
  database.pragma("journal_mode = WAL");
  database.pragma(options.durability === "full" ? "synchronous = FULL" : "synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  // 16 MiB page cache (default 2 MiB): the summary's hot roll-up index pages stay in memory
  // between calls; the rest comes from the OS page cache, which is not the process's RSS.
  // 64 MiB made a long run's RSS climb for its first ten minutes as the cache filled.
  database.pragma("cache_size = -16384");
  return createSqliteStore(database, path, options.nowMs);
}

/**
 * The store over an open handle. Every write first checks that `path` is still the file
 * the handle holds (sqlite-file-identity.ts); when it is not, what the handle holds is
 * copied beside it (rescue-lost-sqlite.ts). Tests use this to set pragmas of their own
 * (e.g. max_page_count for a real SQLITE_FULL).
 */
export function createSqliteStore(database: SQLite.Database, path: string, nowMs?: () => number): Store {
  const identity = guardFileIdentity(path, () => rescueLostSqlite(database, path, rescuePathFor(path, Date.now())));
  return new KyselyStore({
    db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database, beforeWrite: identity.check }) }),
    kind: "sqlite",
    ...(nowMs ? { nowMs } : {}),
    // A second, read-only connection on a worker thread for scans linear in a desk's orders.
    ...(path !== ":memory:" && !database.memory
      ? { readWorker: createSqliteReadWorker(path, { log: (msg, err) => console.warn(`${msg}: ${err instanceof Error ? err.message : String(err)}`) }) }
      : {}),
    wrapMigrate: (migrate) => {
      identity.check();
      return migrateUnderWriteLock(database, migrate);
    },
  });
}

/**
 * Kysely takes no lock and opens no transaction for SQLite migrations, so a server and a
 * CLI starting together could both apply 0001. BEGIN IMMEDIATE takes SQLite's write lock
 * up front (the other process waits up to busy_timeout) and makes the whole run atomic:
 * the loser then finds nothing pending. Kysely's single SQLite connection is this same
 * handle, so its statements run inside this transaction.
 */
async function migrateUnderWriteLock(database: SQLite.Database, migrate: () => Promise<string[]>): Promise<string[]> {
  database.exec("BEGIN IMMEDIATE");
  try {
    const applied = await migrate();
    database.exec("COMMIT");
    return applied;
  } catch (error) {
    if (database.inTransaction) database.exec("ROLLBACK");
    throw error;
  }
}
