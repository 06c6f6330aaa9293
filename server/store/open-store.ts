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
  /** PostgreSQL only: an idle pooled client failed (see PostgresStoreOptions.onPoolError). */
  onPoolError?: (err: Error) => void;
}

export function openStore(options: OpenStoreOptions): Store {
  return options.databaseUrl
    ? openPostgresStore({ connectionString: options.databaseUrl, ...(options.onPoolError ? { onPoolError: options.onPoolError } : {}) })
    : openSqliteStore({ dataDir: options.dataDir, ...(options.sqliteDurability ? { durability: options.sqliteDurability } : {}) });
}
