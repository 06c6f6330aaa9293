import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { cacheSqliteStatements } from "./cache-sqlite-statements";
import { normalizeSql, timeSqliteStatements } from "./time-sqlite-statements";

describe("normalizeSql", () => {
  it("gives a multi-row insert and an in-list one key whatever their size", () => {
    expect(normalizeSql('insert into "t" ("a", "b") values (?, ?), (?, ?), (?, ?)')).toBe('insert into "t" ("a", "b") values (?…)…');
    expect(normalizeSql('insert into "t" ("a", "b") values (?, ?)')).toBe('insert into "t" ("a", "b") values (?…)');
    expect(normalizeSql('select * from "t" where "id" in (?, ?, ?)')).toBe(normalizeSql('select * from "t" where "id" in (?, ?)'));
  });
});

describe("timeSqliteStatements", () => {
  it("counts calls per statement shape and still returns the statement's results", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let clock = 0;
    const db = timeSqliteStatements(cacheSqliteStatements(new Database(":memory:")), 60_000, (l) => lines.push(l), () => (clock += 2));
    db.prepare("create table t (a integer)").run();
    for (let i = 0; i < 3; i++) db.prepare("insert into t (a) values (?)").run(i);
    const rows = db.prepare("select a from t order by a").all() as { a: number }[];
    expect(rows.map((r) => r.a)).toEqual([0, 1, 2]);
    expect(db.prepare("select count(*) as n from t").get()).toEqual({ n: 3 });
    vi.advanceTimersByTime(60_000);
    // Each call reads the clock twice, 2 apart: 2 ms per call.
    expect(lines.find((l) => l.includes('insert into t (a) values (?…)') || l.includes("insert into t (a) values (?)"))).toMatch(/ 6 ms +3 calls +2\.000 ms\/call/);
    expect(lines[0]).toMatch(/top 4 took 12 ms/);
    db.close();
    vi.useRealTimers();
  });
});
