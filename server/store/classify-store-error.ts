/**
 * The one place driver errors become "the store is unavailable". Anything not recognised
 * here is left alone (undefined) and stays what it was: a conflict, a bug, a 500.
 *
 * Recognised:
 * - better-sqlite3 result codes: SQLITE_FULL, SQLITE_READONLY*, SQLITE_IOERR*,
 *   SQLITE_CANTOPEN*, SQLITE_BUSY* / SQLITE_LOCKED*, SQLITE_CORRUPT* / SQLITE_NOTADB.
 * - pg: socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, …), pg's own connection
 *   messages ("Connection terminated…", "timeout exceeded when trying to connect"), and
 *   SQLSTATEs: class 08 (connection), 57P01-57P03 (shutdown, crash, cannot connect now),
 *   53100 (disk full), 25006 (read-only transaction), 53300 (too many connections), …
 * - Node fs errors from our own file checks: ENOSPC, EROFS, EIO.
 * The error's `cause` chain and an AggregateError's `errors` are searched too (Node's
 * happy-eyeballs connect reports one error per address).
 */
import type { StoreFailureReason } from "@/lib/contracts/health";
import { isStoreUnavailableError, StoreUnavailableError } from "./store-unavailable-error";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ECONNABORTED"]);

const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /Client was closed and is not queryable/i,
];

const SQLSTATE: Record<string, StoreFailureReason> = {
  "57P01": "unreachable", // admin_shutdown
  "57P02": "unreachable", // crash_shutdown
  "57P03": "unreachable", // cannot_connect_now (starting up, shutting down, recovery)
  "53100": "disk_full",
  "25006": "read_only", // read_only_sql_transaction (a standby, or default_transaction_read_only)
  "53300": "busy", // too_many_connections
  "55P03": "busy", // lock_not_available
  "40001": "busy", // serialization_failure
  "40P01": "busy", // deadlock_detected
  "57014": "timeout", // query_canceled (statement_timeout)
  "58030": "io_error",
  XX001: "corrupt",
  XX002: "corrupt",
};

export function classifyStoreError(err: unknown): StoreUnavailableError | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    if (isStoreUnavailableError(e)) return e;
    const reason = reasonOf(e as { code?: unknown; message?: unknown });
    if (reason) return new StoreUnavailableError(reason, describe(e), { cause: err });
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return undefined;
}

function reasonOf(e: { code?: unknown; message?: unknown }): StoreFailureReason | undefined {
  const code = typeof e.code === "string" ? e.code : "";
  if (code.startsWith("SQLITE_")) return sqliteReason(code);
  if (NETWORK_CODES.has(code)) return "unreachable";
  if (code === "ENOSPC") return "disk_full";
  if (code === "EROFS") return "read_only";
  if (code === "EIO") return "io_error";
  if (/^[0-9A-Z]{5}$/.test(code)) {
    if (code.startsWith("08")) return "unreachable"; // connection_exception class
    const known = SQLSTATE[code];
    if (known) return known;
  }
  const message = typeof e.message === "string" ? e.message : "";
  if (PG_CONNECTION_MESSAGES.some((re) => re.test(message))) return "unreachable";
  return undefined;
}

function sqliteReason(code: string): StoreFailureReason | undefined {
  // The file this connection holds was unlinked or renamed (SQLite notices on some writes).
  if (code === "SQLITE_READONLY_DBMOVED") return "file_deleted";
  if (code === "SQLITE_FULL") return "disk_full";
  if (code.startsWith("SQLITE_READONLY")) return "read_only";
  if (code.startsWith("SQLITE_IOERR")) return "io_error";
  if (code.startsWith("SQLITE_CANTOPEN")) return "cannot_open";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "corrupt";
  return undefined;
}

function describe(e: object): string {
  const { code, message } = e as { code?: unknown; message?: unknown };
  const text = typeof message === "string" && message ? message : "no message";
  return typeof code === "string" && code ? `${code} ${text}` : text;
}
