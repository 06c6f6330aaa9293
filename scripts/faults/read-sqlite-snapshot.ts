/** Reads the SQLite file directly (read-only, beside the running server: WAL allows it). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { SNAPSHOT_SQL, snapshotFromRows, type StoreSnapshot } from "./store-snapshot";

export const SQLITE_FILE = "execution.sqlite";

export function readSqliteSnapshot(dataDir: string): StoreSnapshot {
  const file = join(dataDir, SQLITE_FILE);
  if (!existsSync(file)) return { orders: new Map(), events: new Map(), fills: [] };
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    return snapshotFromRows({ orders: all(SNAPSHOT_SQL.orders), events: all(SNAPSHOT_SQL.events), fills: all(SNAPSHOT_SQL.fills) });
  } finally {
    db.close();
  }
}
