import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** A compiled read-only query whose first column is numbers (Kysely's `compile()`). */
export interface CompiledRead {
  sql: string;
  parameters: readonly unknown[];
}

export interface SqliteReadWorker {
  /**
   * The query's first column, sorted ascending, computed on a worker thread over its own
   * read-only connection. Falls back to `inThread` when the worker cannot answer within its
   * budget or has died (it is restarted on the next call).
   */
  sortedColumn(query: CompiledRead, inThread: () => Promise<Float64Array>): Promise<Float64Array>;
  close(): Promise<void>;
}

export interface SqliteReadWorkerOptions {
  /** How long one query may take before the caller falls back (ms). */
  budgetMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * Runs in the worker (eval'd CommonJS, so nothing of it goes through Next's bundler): one
 * read-only connection, a small statement cache, the column sorted where it was read and
 * handed back without a copy (the buffer is transferred).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);
const db = new Database(workerData.dbPath, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
const statements = new Map();
parentPort.on("message", ({ id, sql, parameters }) => {
  try {
    let st = statements.get(sql);
    if (!st) {
      if (statements.size >= 32) statements.clear();
      st = db.prepare(sql).raw(true);
      statements.set(sql, st);
    }
    const rows = st.all(...parameters);
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = rows[i][0];
    values.sort();
    parentPort.postMessage({ id, values }, [values.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

interface Pending {
  resolve(values: Float64Array): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Reads that scan a desk's whole day (the summary's exact slippage percentiles: one
 * realized cost per order) are linear in the number of orders; on the event loop they grew
 * to tens of ms per call at 20 orders/s and every other request waited behind them. Here
 * they run on a worker thread over a second, read-only SQLite connection (WAL lets it read
 * while the main connection writes; it sees every committed transaction, as the main
 * connection's readers do). The event loop only waits for the answer.
 */
export function createSqliteReadWorker(dbPath: string, options: SqliteReadWorkerOptions = {}): SqliteReadWorker {
  const budgetMs = options.budgetMs ?? 5_000;
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (err: Error) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(err);
    }
  };

  const start = (): Worker => {
    if (worker) return worker;
    // The app runs from its repository root (as DATA_DIR and the recordings assume).
    const driverPath = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { dbPath, driverPath } });
    w.unref();
    w.on("message", (msg: { id: number; values?: Float64Array; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.values) p.resolve(msg.values);
      else p.reject(new Error(msg.error ?? "read worker failed"));
    });
    w.on("error", (err) => {
      options.log?.("sqlite read worker failed; reads run in the main thread until it restarts", err);
      if (worker === w) worker = undefined;
      failAll(err instanceof Error ? err : new Error(String(err)));
    });
    w.on("exit", () => {
      if (worker === w) worker = undefined;
      failAll(new Error("read worker exited"));
    });
    worker = w;
    return w;
  };

  return {
    async sortedColumn(query, inThread) {
      let w: Worker;
      try {
        w = start();
      } catch (err) {
        options.log?.("could not start the sqlite read worker", err);
        return inThread();
      }
      const id = nextId++;
      const answer = new Promise<Float64Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`read worker took longer than ${budgetMs} ms`));
        }, budgetMs);
        timer.unref();
        pending.set(id, { resolve, reject, timer });
      });
      w.postMessage({ id, sql: query.sql, parameters: query.parameters });
      try {
        return await answer;
      } catch (err) {
        // A query the worker itself refused (bad SQL) fails the same way in the main thread.
        options.log?.("sqlite read worker could not answer; reading in the main thread", err);
        return inThread();
      }
    },
    async close() {
      const w = worker;
      worker = undefined;
      failAll(new Error("store closed"));
      if (w) await w.terminate();
    },
  };
}
