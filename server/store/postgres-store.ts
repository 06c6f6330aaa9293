/**
 * PostgreSQL for shared, multi-instance deployments (DATABASE_URL=postgres://…).
 */
import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import { handlePgConnectionErrors } from "./handle-pg-connection-errors";
import { KyselyStore } from "./kysely-store";
import type { Store } from "./port";
import type { Database } from "./schema";

export interface PostgresStoreOptions {
  connectionString: string;
  /**
   * Schema for the tables and Kysely's bookkeeping (default "public"). Tests use a fresh
   * schema per run so reruns start clean.
   */
  schema?: string;
  nowMs?: () => number;
  /**
   * A pooled connection failed (the server restarted, a proxy cut it), idle or checked
   * out; see handle-pg-connection-errors.ts. The pool opens a new connection on the next
   * query, so this is a report, not a failure. Default: one line on stderr.
   */
  onPoolError?: (err: Error) => void;
}

/** A connect that hangs (a blackholed host) fails after this instead of holding a request forever. */
const CONNECT_TIMEOUT_MS = 5_000;

const INT8_OID = 20;

/**
 * pg returns BIGINT as a string because it can exceed 2^53. Our BIGINT columns hold
 * epoch milliseconds (about 2^41), so numbers are exact. The parser is set on this pool's
 * own `types`, not on pg's global registry, so other pg users in the process are
 * unaffected.
 */
const poolTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function openPostgresStore(options: PostgresStoreOptions): Store {
  const schema = options.schema ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    types: poolTypes,
    // Unqualified table names resolve to the chosen schema. Sent only when one is asked
    // for: poolers such as PgBouncer refuse the `options` startup parameter by default.
    ...(options.schema ? { options: `-c search_path=${schema}` } : {}),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  handlePgConnectionErrors(pool, options.onPoolError ?? ((err) => console.error(`PostgreSQL pool: a connection failed: ${err.message}`)));
  return new KyselyStore({
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    kind: "postgres",
    migrationTableSchema: schema,
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
  });
}
