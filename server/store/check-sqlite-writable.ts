/**
 * Start-up check that the SQLite store can be written, before SQLite opens it: SQLite
 * falls back to a read-only handle when it cannot open the file for writing, and a WAL
 * database also needs to create its -wal and -shm files beside it. Without this check
 * the server started "healthy" and failed every write.
 *
 * access(2) with W_OK reports a read-only mount (EROFS) even to root, and missing write
 * permission (EACCES) to everyone else.
 */
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { StoreUnavailableError } from "./store-unavailable-error";

export function assertSqliteWritable(dataDir: string, file: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw refusal(`cannot create DATA_DIR ${dataDir}`, err);
  }
  try {
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    throw refusal(`DATA_DIR ${dataDir} is not writable`, err);
  }
  if (!existsSync(file)) return;
  try {
    accessSync(file, constants.W_OK);
  } catch (err) {
    throw refusal(`the database file is read-only`, err);
  }

  function refusal(what: string, err: unknown): StoreUnavailableError {
    const code = (err as { code?: unknown }).code;
    const cause = code === "EROFS" ? "read-only file system" : code === "EACCES" || code === "EPERM" ? "permission denied" : String(code ?? err);
    return new StoreUnavailableError(
      code === "EROFS" || code === "EACCES" || code === "EPERM" ? "read_only" : "cannot_open",
      `${what} (${cause}); make it writable or point DATA_DIR at a writable directory`,
      { cause: err },
    );
  }
}
