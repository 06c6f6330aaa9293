/**
 * Real PostgreSQL (TEST_DATABASE_URL): a connection terminated while checked out and
 * between statements, and one terminated while idle in the pool, each reach the handler
 * instead of becoming an uncaught exception (vitest fails a run on one), and the pool
 * serves the next query on a fresh connection. (pg reports a termination as two errors,
 * the server's 57P01 and the socket's "Connection terminated"; both are unreachable.)
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { classifyStoreError } from "./classify-store-error";
import { handlePgConnectionErrors } from "./handle-pg-connection-errors";

const url = process.env.TEST_DATABASE_URL;

async function until(condition: () => boolean): Promise<void> {
  // The termination arrives as a socket event; poll the event loop, bounded.
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe.skipIf(!url)("handlePgConnectionErrors", () => {
  it("checked-out and idle connections that die reach the handler; the pool recovers", async () => {
    const errors: Error[] = [];
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    handlePgConnectionErrors(pool, (e) => errors.push(e));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
        await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
        await until(() => errors.length > 0);
        const next = await client.query("select 1").catch((e: unknown) => e);
        expect(classifyStoreError(next)?.reason).toBe("unreachable");
      } finally {
        client.release();
      }
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => classifyStoreError(e)?.reason)).toEqual(errors.map(() => "unreachable"));

      const seen = errors.length;
      const idle = await pool.connect();
      const idlePid = (await idle.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
      idle.release();
      await admin.query("select pg_terminate_backend($1)", [idlePid]);
      await until(() => errors.length > seen);
      expect(errors.length).toBeGreaterThan(seen);

      expect((await pool.query<{ n: number }>("select 1 as n")).rows[0]?.n).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
