/**
 * Picks the adapter from configuration: PostgreSQL when a URL is given, otherwise the
 * embedded SQLite file in dataDir.
 */
import type { Store } from "./port";
import { openPostgresStore } from "./postgres-store";
import { openSqliteStore } from "./sqlite-store";

export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export function openStore(options: OpenStoreOptions): Store {
  return options.databaseUrl
    ? openPostgresStore({ connectionString: options.databaseUrl })
    : openSqliteStore({ dataDir: options.dataDir });
}
