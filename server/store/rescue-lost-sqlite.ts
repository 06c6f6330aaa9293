/**
 * When the SQLite file is deleted or replaced under the running process, the handle still
 * holds everything committed until then (the unlinked file and its WAL stay readable
 * through it). This copies it, once, to `<path>.rescued-<time>` beside the old path, so
 * the orders and fills acknowledged before the loss survive the restart the operator has
 * to do.
 *
 * VACUUM INTO, not the online backup API: it is synchronous, so the copy is complete
 * before the first refusal is answered or the process can be stopped (a backup still
 * running at exit is lost). It blocks the event loop for its duration, about 50 ms per
 * 10 MB; a one-time cost at a moment when the store is gone anyway.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type SQLite from "better-sqlite3";

export function rescuePathFor(path: string, atMs: number): string {
  return `${path}.rescued-${new Date(atMs).toISOString().replace(/[:.]/g, "-")}`;
}

/** Returns a sentence for the operator: where the copy is and what to do, or why there is none. */
export function rescueLostSqlite(database: SQLite.Database, path: string, target: string): string {
  try {
    mkdirSync(dirname(target), { recursive: true });
    database.prepare("VACUUM INTO ?").run(target);
    return `Everything it held until then was copied to ${target}: to keep it, stop the service, move that copy to ${path}, then start.`;
  } catch (err) {
    return `Copying what it held to ${target} failed (${err instanceof Error ? err.message : String(err)}).`;
  }
}
