import SQLite from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteReadWorker, type SqliteReadWorker } from "./create-sqlite-read-worker";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function openDb() {
  const dir = mkdtempSync(join(tmpdir(), "read-worker-"));
  const path = join(dir, "t.sqlite");
  const db = new SQLite(path);
  db.pragma("journal_mode = WAL");
  db.exec("create table t (desk text, v real)");
  cleanup.push(async () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, path };
}

function track(w: SqliteReadWorker): SqliteReadWorker {
  cleanup.unshift(() => w.close());
  return w;
}

const never = async (): Promise<Float64Array> => {
  throw new Error("should have been answered by the worker");
};

describe("createSqliteReadWorker", () => {
  it("answers on its own read-only connection: the first column sorted, parameters bound, later commits seen", async () => {
    const { db, path } = openDb();
    const insert = db.prepare("insert into t values (?, ?)");
    for (const v of [5, -2.5, 9, 0.25, 3]) insert.run("a", v);
    insert.run("b", -100);
    const w = track(createSqliteReadWorker(path));
    const q = { sql: "select v from t where desk = ?", parameters: ["a"] };
    expect([...(await w.sortedColumn(q, never))]).toEqual([-2.5, 0.25, 3, 5, 9]);
    insert.run("a", 1); // committed by the main connection after the worker opened its own
    expect([...(await w.sortedColumn(q, never))]).toEqual([-2.5, 0.25, 1, 3, 5, 9]);
    expect([...(await w.sortedColumn({ sql: "select v from t where desk = ?", parameters: ["none"] }, never))]).toEqual([]);
  });

  it("falls back to the main thread when the worker cannot answer, and cannot write", async () => {
    const { path } = openDb();
    const logged: string[] = [];
    const w = track(createSqliteReadWorker(path, { log: (m) => logged.push(m) }));
    const fallback = Float64Array.from([42]);
    expect([...(await w.sortedColumn({ sql: "select nope from t", parameters: [] }, async () => fallback))]).toEqual([42]);
    expect([...(await w.sortedColumn({ sql: "insert into t values ('x', 1) returning v", parameters: [] }, async () => fallback))]).toEqual([42]);
    expect(logged.length).toBe(2);
  });

  it("falls back when the worker takes longer than its budget", async () => {
    const { db, path } = openDb();
    const insert = db.prepare("insert into t values (?, ?)");
    db.transaction(() => {
      for (let i = 0; i < 300; i++) insert.run("a", i);
    })();
    const w = track(createSqliteReadWorker(path, { budgetMs: 1 }));
    // A cross join of 300³ rows keeps the worker busy far past 1 ms.
    const slow = { sql: "select a.v from t a, t b, t c", parameters: [] };
    const fallback = Float64Array.from([7]);
    expect([...(await w.sortedColumn(slow, async () => fallback))]).toEqual([7]);
  });
});
