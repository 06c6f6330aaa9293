/**
 * Picks the adapter from configuration: PostgreSQL when a URL is given, otherwise the
 * embedded SQLite file in dataDir.
 */
import type { Store } from "./port";
import { openPostgresStore } from "./postgres-store";
import { openSqliteStore, type SqliteDurability } from "./sqlite-store";

export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** SQLite only; PostgreSQL's own synchronous_commit setting governs it there. */
  sqliteDurability?: SqliteDurability | undefined;
}

export function openStore(options: OpenStoreOptions): Store {
  return options.databaseUrl
    ? openPostgresStore({ connectionString: options.databaseUrl })
    : openSqliteStore({ dataDir: options.dataDir, ...(options.sqliteDurability ? { durability: options.sqliteDurability } : {}) });
}
