/**
 * Kysely's SQLite dialect, except that transactions start with BEGIN IMMEDIATE.
 *
 * Kysely opens them with a plain (deferred) BEGIN, which takes the write lock only at the
 * first write. An append reads the log's end and then writes; if another process (the
 * keys CLI) commits in between, SQLite cannot upgrade the stale read and fails at once
 * with SQLITE_BUSY_SNAPSHOT, which busy_timeout does not retry. IMMEDIATE takes the write
 * lock up front, so the transaction waits its turn (up to busy_timeout) instead of
 * failing. Within this process Kysely's connection mutex already serialises
 * transactions, so nothing changes there.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from "kysely";

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // A transaction-control statement, like Kysely's own raw "begin"; no query is built here.
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
