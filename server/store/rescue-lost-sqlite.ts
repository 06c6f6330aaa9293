/**
 * When the SQLite file is deleted or replaced under the running process, the handle still
 * holds everything committed until then (the unlinked file and its WAL stay readable
 * through it). This copies it, once, to `<path>.rescued-<time>` beside the old path with
 * SQLite's online backup, so the orders and fills acknowledged before the loss survive the
 * restart the operator has to do. Best effort: a failure is logged, never thrown.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type SQLite from "better-sqlite3";

export function rescuePathFor(path: string, atMs: number): string {
  return `${path}.rescued-${new Date(atMs).toISOString().replace(/[:.]/g, "-")}`;
}

export async function rescueLostSqlite(database: SQLite.Database, target: string, log: (line: string) => void = console.error): Promise<boolean> {
  try {
    mkdirSync(dirname(target), { recursive: true });
    await database.backup(target);
    log(`SQLite store: what the lost file held is copied to ${target}`);
    return true;
  } catch (err) {
    log(`SQLite store: could not copy the lost file's contents to ${target}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
