/**
 * Diagnostic: with `SQLITE_STATEMENT_STATS_MS=60000` the SQLite store times every statement
 * it runs and prints, each interval, the statements that took the most time (calls, total
 * and mean ms, SQL with literal lists collapsed). A CPU profile shows SQLite's time as one
 * native frame; this says which SQL it was, which is what a soak's growth needs.
 * Off by default: the wrapper costs a Proxy call and two clock reads per statement.
 */
import type SQLite from "better-sqlite3";
import type { PreparingDatabase } from "./cache-sqlite-statements";

interface StatementTotals {
  calls: number;
  totalMs: number;
  maxMs: number;
}

const TIMED_METHODS = new Set(["run", "all", "get", "iterate"]);

/** `(?, ?, ?), (?, ?, ?)` and `in (?, ?, …)` vary with the batch size: one key per shape. */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/\(\s*\?(\s*,\s*\?)*\s*\)(\s*,\s*\(\s*\?(\s*,\s*\?)*\s*\))+/g, "(?…)…")
    .replace(/\(\s*\?(\s*,\s*\?)+\s*\)/g, "(?…)")
    .replace(/\s+/g, " ")
    .trim();
}

export function timeSqliteStatements(
  inner: PreparingDatabase,
  intervalMs: number,
  print: (line: string) => void = (l) => console.log(l),
  now: () => number = () => performance.now(),
): PreparingDatabase {
  let totals = new Map<string, StatementTotals>();
  const timer = setInterval(() => {
    const rows = [...totals.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs).slice(0, 12);
    totals = new Map();
    const sum = rows.reduce((s, [, t]) => s + t.totalMs, 0);
    print(`sqlite statements, last ${(intervalMs / 1000).toFixed(0)} s: top ${rows.length} took ${sum.toFixed(0)} ms`);
    for (const [sql, t] of rows) {
      print(`  ${t.totalMs.toFixed(0).padStart(7)} ms ${String(t.calls).padStart(7)} calls ${(t.totalMs / t.calls).toFixed(3).padStart(8)} ms/call max ${t.maxMs.toFixed(1)}  ${sql.slice(0, 160)}`);
    }
  }, intervalMs);
  timer.unref();

  const record = (key: string, ms: number): void => {
    const t = totals.get(key) ?? { calls: 0, totalMs: 0, maxMs: 0 };
    t.calls++;
    t.totalMs += ms;
    if (ms > t.maxMs) t.maxMs = ms;
    totals.set(key, t);
  };

  return {
    prepare(sql: string): SQLite.Statement {
      const statement = inner.prepare(sql);
      const key = normalizeSql(sql);
      return new Proxy(statement, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (typeof prop !== "string" || !TIMED_METHODS.has(prop) || typeof value !== "function") {
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          }
          return (...args: unknown[]) => {
            const start = now();
            try {
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            } finally {
              // An iterator's rows are read later; its time here is only the first step.
              record(key, now() - start);
            }
          };
        },
      });
    },
    close(): void {
      clearInterval(timer);
      inner.close();
    },
  };
}
