import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheSqliteStatements } from "./cache-sqlite-statements";

describe("cacheSqliteStatements", () => {
  const open = () => {
    const db = new SQLite(":memory:");
    db.exec("create table t (x integer)");
    return db;
  };

  it("returns the same prepared statement for SQL it has seen, and it still runs", () => {
    const db = cacheSqliteStatements(open());
    const insert = db.prepare("insert into t (x) values (?)");
    expect(db.prepare("insert into t (x) values (?)")).toBe(insert);
    insert.run(1);
    db.prepare("insert into t (x) values (?)").run(2);
    expect(db.prepare("select sum(x) as s from t").get()).toEqual({ s: 3 });
    db.close();
  });

  it("gives a fresh statement while the cached one is iterating", () => {
    const db = cacheSqliteStatements(open());
    db.prepare("insert into t (x) values (1), (2)").run();
    const select = db.prepare("select x from t");
    const seen: number[] = [];
    for (const row of select.iterate() as Iterable<{ x: number }>) {
      const again = db.prepare("select x from t");
      expect(again).not.toBe(select);
      seen.push(row.x, (again.all() as { x: number }[]).length);
    }
    expect(seen).toEqual([1, 2, 2, 2]);
    db.close();
  });

  it("keeps at most `capacity` statements, dropping the least recently used", () => {
    const db = cacheSqliteStatements(open(), 2);
    const a = db.prepare("select 1");
    const b = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(a); // now "select 2" is the oldest
    db.prepare("select 3");
    expect(db.prepare("select 1")).toBe(a);
    expect(db.prepare("select 2")).not.toBe(b);
    db.close();
  });
});
