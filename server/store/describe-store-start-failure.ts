/**
 * The message a failed start prints when the store cannot be opened, migrated or written:
 * which store (path, or PostgreSQL host and database, never credentials), the reason and
 * the driver's own words, so an operator can act without reading a stack trace.
 */
import { resolve, join } from "node:path";
import { classifyStoreError } from "./classify-store-error";
import { SQLITE_FILE_NAME } from "./sqlite-store";

export function describeStoreLocation(dataDir: string, databaseUrl: string | undefined): string {
  if (!databaseUrl) return `SQLite store ${resolve(join(dataDir, SQLITE_FILE_NAME))}`;
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL store at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "PostgreSQL store";
  }
}

export function describeStoreStartFailure(err: unknown, location: string): Error {
  const unavailable = classifyStoreError(err);
  const message = unavailable
    ? `The ${location} cannot be used (${unavailable.reason}): ${unavailable.message}`
    : `The ${location} could not be opened: ${err instanceof Error ? err.message : String(err)}`;
  return new Error(message, { cause: err });
}
