/**
 * Kysely's SQLite dialect, with three changes:
 *
 * 1. Transactions start with BEGIN IMMEDIATE. Kysely opens them with a plain (deferred)
 *    BEGIN, which takes the write lock only at the first write. An append reads the log's
 *    end and then writes; if another process (the keys CLI) commits in between, SQLite
 *    cannot upgrade the stale read and fails at once with SQLITE_BUSY_SNAPSHOT, which
 *    busy_timeout does not retry. IMMEDIATE takes the write lock up front, so the
 *    transaction waits its turn (up to busy_timeout) instead of failing. Within this
 *    process Kysely's connection mutex already serialises transactions.
 * 2. `beforeWrite` runs before every write that is not already inside a transaction (a
 *    BEGIN, or a statement in autocommit mode), so the store can refuse to write to a file
 *    that was deleted under it (sqlite-file-identity.ts). Plain SELECTs skip it: reading
 *    the file still held open stays correct.
 * 3. ROLLBACK is skipped when SQLite already rolled the transaction back itself (it does
 *    on SQLITE_FULL, IOERR, BUSY, NOMEM). Kysely would otherwise throw "cannot rollback -
 *    no transaction is active" and lose the error that mattered (SQLITE_FULL).
 * 4. Prepared statements are reused (cache-sqlite-statements.ts), and timed per SQL when
 *    `SQLITE_STATEMENT_STATS_MS` is set (time-sqlite-statements.ts, a diagnostic).
 */
import type SQLite from "better-sqlite3";
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult } from "kysely";
import { cacheSqliteStatements, type PreparingDatabase } from "./cache-sqlite-statements";
import { timeSqliteStatements } from "./time-sqlite-statements";

export interface ImmediateSqliteDialectConfig {
  database: SQLite.Database;
  /** Throws to refuse a write (see 2 above). */
  beforeWrite?: () => void;
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly config: ImmediateSqliteDialectConfig) {
    // Kysely types `database` as its own SqliteDatabase interface, which the cache satisfies.
    super({ database: withStatementTimes(cacheSqliteStatements(config.database)) });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const { beforeWrite, database } = this.config;
    if (!beforeWrite) return connection;
    return {
      executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (!database.inTransaction && query.query.kind !== "SelectQueryNode") beforeWrite();
        return connection.executeQuery<R>(query);
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // A transaction-control statement, like Kysely's own raw "begin"; no query is built here.
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.config.database.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

function withStatementTimes(database: PreparingDatabase): PreparingDatabase {
  const intervalMs = Number(process.env.SQLITE_STATEMENT_STATS_MS ?? "");
  return Number.isFinite(intervalMs) && intervalMs >= 1000 ? timeSqliteStatements(database, intervalMs) : database;
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: ImmediateSqliteDialectConfig) {
    super({ database: config.database });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.config);
  }
}
