/**
 * The classifier against real driver errors, provoked for real where it can be done on a
 * scratch database: SQLITE_FULL (max_page_count), a read-only handle, SQLITE_BUSY from a
 * second connection, a file that is not a database, and pg refusing a connection on a
 * closed port. PostgreSQL server-side errors (57P01, 25006) run when TEST_DATABASE_URL is
 * set. Codes that cannot be provoked here (53100, class 08, …) are checked from their
 * documented shape.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { classifyStoreError } from "./classify-store-error";
import { StoreConflictError } from "./port";
import { openPostgresStore } from "./postgres-store";
import { ImmediateSqliteDialect } from "./sqlite-immediate-dialect";
import { createSqliteStore, openSqliteStore } from "./sqlite-store";
import { isStoreUnavailableError, StoreUnavailableError } from "./store-unavailable-error";

const dirs: string[] = [];
const handles: { close(): unknown }[] = [];

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "classify-store-"));
  dirs.push(dir);
  return dir;
}

function track<T extends { close(): unknown }>(handle: T): T {
  handles.push(handle);
  return handle;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

afterEach(async () => {
  for (const h of handles.splice(0).reverse()) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("classifyStoreError on real SQLite failures", () => {
  it("a full database inside a transaction surfaces SQLITE_FULL (not 'cannot rollback'), classified disk_full", async () => {
    const database = track(new SQLite(join(scratchDir(), "full.sqlite")));
    database.pragma("journal_mode = WAL");
    database.exec("create table blobs (b blob)");
    database.pragma("max_page_count = 16");
    const db = new Kysely<{ blobs: { b: Buffer } }>({ dialect: new ImmediateSqliteDialect({ database }) });
    const err = await rejection(
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i++) await trx.insertInto("blobs").values({ b: Buffer.alloc(4000, i) }).execute();
      }),
    );
    expect((err as { code?: string }).code).toBe("SQLITE_FULL");
    expect(database.inTransaction).toBe(false);
    const unavailable = classifyStoreError(err);
    expect(unavailable?.reason).toBe("disk_full");
    expect(unavailable?.publicMessage).toBe("The order store is unavailable (disk full); retry shortly");
    expect(unavailable?.publicMessage).not.toContain("SQLITE");
    expect(unavailable?.retryAfterS).toBeGreaterThan(0);
    // The handle still works: the failed transaction left nothing behind.
    expect(await db.selectFrom("blobs").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow()).toEqual({ n: 0 });
  });

  it("a full database under the Store port: every write fails disk_full, reads go on", async () => {
    const dir = scratchDir();
    const path = join(dir, "store.sqlite");
    const database = new SQLite(path);
    database.pragma("journal_mode = WAL");
    const store = track(createSqliteStore(database, path));
    await store.migrate();
    database.pragma(`max_page_count = ${Number(database.pragma("page_count", { simple: true }))}`);
    let failure: unknown;
    for (let i = 0; i < 500 && failure === undefined; i++) {
      await store.createDesk({ name: `desk-${i}-${"x".repeat(200)}` }).catch((err: unknown) => (failure = err));
    }
    expect(classifyStoreError(failure)?.reason).toBe("disk_full");
    expect((await store.listDesks()).length).toBeGreaterThan(0);
  });

  it("a read-only handle is read_only", async () => {
    const dir = scratchDir();
    const seeded = openSqliteStore({ dataDir: dir });
    await seeded.migrate();
    await seeded.close();
    const path = join(dir, "execution.sqlite");
    const store = track(createSqliteStore(new SQLite(path, { readonly: true }), path));
    const err = await rejection(store.createDesk({ name: "alpha" }));
    expect((err as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(classifyStoreError(err)?.reason).toBe("read_only");
  });

  it("another connection holding the write lock is busy", async () => {
    const path = join(scratchDir(), "busy.sqlite");
    const holder = track(new SQLite(path));
    holder.pragma("journal_mode = WAL");
    holder.exec("create table t (x integer)");
    const other = track(new SQLite(path));
    other.pragma("busy_timeout = 0");
    holder.exec("begin immediate");
    let err: unknown;
    try {
      other.prepare("insert into t values (1)").run();
    } catch (e) {
      err = e;
    } finally {
      holder.exec("rollback");
    }
    expect((err as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    expect(classifyStoreError(err)?.reason).toBe("busy");
  });

  it("a file that is not a database is corrupt", () => {
    const path = join(scratchDir(), "junk.sqlite");
    writeFileSync(path, "not a database ".repeat(500));
    let err: unknown;
    try {
      track(new SQLite(path)).pragma("journal_mode = WAL");
    } catch (e) {
      err = e;
    }
    expect((err as { code?: string }).code).toBe("SQLITE_NOTADB");
    expect(classifyStoreError(err)?.reason).toBe("corrupt");
  });
});

describe("classifyStoreError on real PostgreSQL failures", () => {
  it("a closed port is unreachable, and the pool does not hang", async () => {
    // Port 1 (tcpmux) has no listener on a loopback address.
    const store = track(openPostgresStore({ connectionString: "postgres://postgres@127.0.0.1:1/postgres" }));
    const err = await rejection(store.getMeta("x"));
    expect((err as { code?: string }).code).toBe("ECONNREFUSED");
    const unavailable = classifyStoreError(err);
    expect(unavailable?.reason).toBe("unreachable");
    expect(unavailable?.publicMessage).not.toContain("127.0.0.1");
  });

  const url = process.env.TEST_DATABASE_URL;
  it.skipIf(!url)("a terminated backend (57P01) is unreachable; an idle client's death reaches onPoolError instead of crashing", async () => {
    const poolErrors: Error[] = [];
    // A name of its own, so only this pool's connection is terminated (other suites share the server).
    const appName = `classify_${process.pid}_${Date.now()}`;
    const tagged = new URL(url!);
    tagged.searchParams.set("application_name", appName);
    const store = track(openPostgresStore({ connectionString: tagged.toString(), onPoolError: (e) => poolErrors.push(e) }));
    // One idle client in the pool now (the table may not exist: any answer will do).
    await store.getMeta("warm-up").catch(() => undefined);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const killed = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", [appName]);
      expect(killed.rowCount).toBe(1);
      for (let i = 0; i < 100 && poolErrors.length === 0; i++) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50)); // the socket's close arrives on the event loop
      expect(poolErrors.length).toBeGreaterThan(0);
      expect(classifyStoreError(poolErrors[0])?.reason).toBe("unreachable");

      // A query whose backend is terminated mid-statement.
      const client = new pg.Client({ connectionString: url });
      client.on("error", () => undefined); // this bare client's own connection-lost event; the query's rejection is what is checked
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      const sleeping = client.query("select pg_sleep(10)").catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
      const err = await sleeping;
      await client.end().catch(() => undefined);
      expect((err as { code?: string }).code).toBe("57P01");
      expect(classifyStoreError(err)?.reason).toBe("unreachable");

      // A write in a read-only transaction (what a standby answers).
      await admin.query("begin read only");
      const ro = await admin.query("create table ro_probe (x int)").catch((e: unknown) => e);
      await admin.query("rollback");
      expect((ro as { code?: string }).code).toBe("25006");
      expect(classifyStoreError(ro)?.reason).toBe("read_only");
    } finally {
      await admin.end();
    }
  });
});

describe("classifyStoreError by documented shape", () => {
  const pgError = (code: string) => Object.assign(new Error("server says no"), { code, severity: "FATAL" });

  it.each([
    ["53100", "disk_full"],
    ["08006", "unreachable"],
    ["08001", "unreachable"],
    ["57P02", "unreachable"],
    ["57P03", "unreachable"],
    ["25006", "read_only"],
    ["53300", "busy"],
    ["40P01", "busy"],
    ["57014", "timeout"],
    ["XX001", "corrupt"],
  ] as const)("SQLSTATE %s is %s", (code, reason) => {
    expect(classifyStoreError(pgError(code))?.reason).toBe(reason);
  });

  it.each([
    ["SQLITE_IOERR_WRITE", "io_error"],
    ["SQLITE_IOERR_FSYNC", "io_error"],
    ["SQLITE_READONLY_DBMOVED", "file_deleted"],
    ["SQLITE_CANTOPEN", "cannot_open"],
    ["SQLITE_LOCKED", "busy"],
    ["SQLITE_CORRUPT_INDEX", "corrupt"],
  ] as const)("%s is %s", (code, reason) => {
    expect(classifyStoreError(Object.assign(new Error("x"), { code }))?.reason).toBe(reason);
  });

  it("finds the driver error in a cause chain and in an AggregateError", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" });
    expect(classifyStoreError(new Error("migration failed", { cause: refused }))?.reason).toBe("unreachable");
    expect(classifyStoreError(new AggregateError([new Error("other"), refused]))?.reason).toBe("unreachable");
    expect(classifyStoreError(new Error("Connection terminated unexpectedly"))?.reason).toBe("unreachable");
    expect(classifyStoreError(new Error("timeout exceeded when trying to connect"))?.reason).toBe("unreachable");
  });

  it("passes a StoreUnavailableError through and leaves everything else alone", () => {
    const lost = new StoreUnavailableError("file_deleted", "gone");
    expect(classifyStoreError(lost)).toBe(lost);
    expect(isStoreUnavailableError(lost)).toBe(true);
    expect(lost.permanent).toBe(true);
    for (const other of [
      new StoreConflictError("desk exists"),
      Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }),
      Object.assign(new Error("duplicate key"), { code: "23505" }),
      Object.assign(new Error("syntax"), { code: "SQLITE_ERROR" }),
      new TypeError("x is undefined"),
      "a string",
      undefined,
    ]) {
      expect(classifyStoreError(other), String(other)).toBeUndefined();
    }
  });
});
