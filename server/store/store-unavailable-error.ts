/**
 * The store cannot serve a request for a reason outside the request (disk full, database
 * unreachable, its file deleted…). Produced by classify-store-error.ts from driver
 * errors, answered as 503 SERVICE_UNAVAILABLE with Retry-After, and reported to the store
 * health watch.
 *
 * Two messages: `message` is for the operator's log (it may quote the driver and name
 * hosts or paths); `publicMessage` is what a client sees and never carries driver text.
 */
import type { StoreFailureReason } from "@/lib/contracts/health";

const BRAND = Symbol.for("execution-intelligence.StoreUnavailableError");

/** Reasons that do not heal while the process runs: the file the process holds is no longer the store. */
const PERMANENT: ReadonlySet<StoreFailureReason> = new Set(["file_deleted", "file_replaced"]);

/** Contention or slowness: writes may still go through. Everything else means writes fail. */
const TRANSIENT: ReadonlySet<StoreFailureReason> = new Set(["busy", "timeout"]);

const RETRY_AFTER_S: Record<StoreFailureReason, number> = {
  busy: 1,
  timeout: 5,
  unreachable: 5,
  disk_full: 10,
  read_only: 10,
  io_error: 10,
  corrupt: 30,
  cannot_open: 10,
  file_deleted: 60,
  file_replaced: 60,
};

const PHRASE: Record<StoreFailureReason, string> = {
  disk_full: "disk full",
  read_only: "read-only",
  unreachable: "database unreachable",
  busy: "busy",
  timeout: "not answering in time",
  io_error: "I/O error",
  corrupt: "database file damaged",
  cannot_open: "cannot open its database",
  file_deleted: "its file was deleted",
  file_replaced: "its file was replaced",
};

export class StoreUnavailableError extends Error {
  readonly [BRAND] = true;
  override readonly name = "StoreUnavailableError";
  readonly publicMessage: string;

  constructor(
    readonly reason: StoreFailureReason,
    message: string,
    options: { cause?: unknown; publicMessage?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const then = PERMANENT.has(reason) ? "an operator must restart the service" : "retry shortly";
    this.publicMessage = options.publicMessage ?? `The order store is unavailable (${PHRASE[reason]}); ${then}`;
  }

  get permanent(): boolean {
    return PERMANENT.has(this.reason);
  }

  get transient(): boolean {
    return TRANSIENT.has(this.reason);
  }

  get retryAfterS(): number {
    return RETRY_AFTER_S[this.reason];
  }
}

/** By brand, not instanceof: Next.js may bundle this module into more than one chunk. */
export function isStoreUnavailableError(err: unknown): err is StoreUnavailableError {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * The SQLite file this process holds is no longer the one at its path. `rescue` is the
 * operator's sentence about the copy of what the held file contained (rescue-lost-sqlite.ts).
 */
export function storeFileLost(path: string, how: "deleted" | "replaced", rescue?: string): StoreUnavailableError {
  const what = `The SQLite store ${path} was ${how === "deleted" ? "deleted" : "replaced by another file"} while running`;
  return new StoreUnavailableError(
    how === "deleted" ? "file_deleted" : "file_replaced",
    `${what}; writes are refused so nothing goes to a file that is gone. Restart the service (it opens ${path} afresh).${rescue ? ` ${rescue}` : ""}`,
    { publicMessage: `${what}; restart the service` },
  );
}
