/**
 * Runs the static migration list with Kysely's Migrator (its own lock on PostgreSQL).
 */
import { Migrator, type Kysely, type MigrationProvider } from "kysely";
import { MIGRATIONS } from "./migrations";

const staticProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};

export interface RunMigrationsOptions {
  /**
   * Where Kysely keeps its bookkeeping tables (PostgreSQL). Set it explicitly: without it
   * Kysely's "does the table exist" check looks at every schema in the database and can
   * be fooled by another schema's `kysely_migration`.
   */
  migrationTableSchema?: string;
}

/** Applies pending migrations and returns the names applied now (empty when up to date). */
export async function runMigrations<DB>(db: Kysely<DB>, options: RunMigrationsOptions = {}): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: staticProvider,
    ...(options.migrationTableSchema ? { migrationTableSchema: options.migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed} failed: ${cause}` : `migrations failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
