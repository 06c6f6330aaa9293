/**
 * What the store's health is, from what was last seen: pure functions over a small
 * record, so the rules are tested without timers or a database.
 *
 * - A failure whose reason means writes fail (disk full, read-only, unreachable, …)
 *   makes the store `down`; a transient one (busy, timeout) or a dropped idle pool
 *   client makes it `degraded`.
 * - `degraded` turns `down` when nothing has been written for STALE_AFTER_MS: a store that
 *   stalls for that long is not serving orders.
 * - A successful probe clears the failure, except a failure seen by a real request less
 *   than REQUEST_FAILURE_HOLD_MS ago: a probe's one-row heartbeat can fit where an order
 *   does not (a nearly full disk), and health should say what requests experience rather
 *   than flip back and forth.
 * - A lost SQLite file is permanent: nothing clears it but a restart.
 */
import type { StoreFailureReason, StoreState } from "@/lib/contracts/health";
import type { StoreUnavailableError } from "./store-unavailable-error";

export const STALE_AFTER_MS = 10_000;
export const REQUEST_FAILURE_HOLD_MS = 5_000;

/** Who saw the failure: the background probe, a request (or background write), or pg's pool. */
export type FailureSource = "probe" | "request" | "pool";

export interface StoreFailure {
  reason: StoreFailureReason;
  message: string;
  atMs: number;
  source: FailureSource;
  permanent: boolean;
  transient: boolean;
}

export interface StoreHealthRecord {
  lastWriteOkAtMs: number | null;
  checkedAtMs: number | null;
  failure: StoreFailure | null;
}

export interface StoreHealthSnapshot {
  state: StoreState;
  reason: StoreFailureReason | null;
  message: string | null;
  lastWriteOkAtMs: number | null;
  checkedAtMs: number | null;
}

export const INITIAL_STORE_HEALTH: StoreHealthRecord = { lastWriteOkAtMs: null, checkedAtMs: null, failure: null };

export function recordProbeOk(record: StoreHealthRecord, atMs: number): StoreHealthRecord {
  const f = record.failure;
  const keep = f !== null && (f.permanent || (f.source === "request" && atMs - f.atMs < REQUEST_FAILURE_HOLD_MS));
  return { lastWriteOkAtMs: atMs, checkedAtMs: atMs, failure: keep ? f : null };
}

export function recordFailure(record: StoreHealthRecord, error: StoreUnavailableError, source: FailureSource, atMs: number): StoreHealthRecord {
  // A permanent failure is never replaced by a lesser one (later errors are its consequences).
  if (record.failure?.permanent && !error.permanent) return source === "probe" ? { ...record, checkedAtMs: atMs } : record;
  // A dropped pooled connection says less than a failed write: it never softens one.
  if (source === "pool" && record.failure && !record.failure.transient) return record;
  const failure: StoreFailure = {
    reason: error.reason,
    // Health is public: the client-safe text, never the driver's (hosts, paths, SQL).
    message: error.publicMessage,
    atMs,
    source,
    permanent: error.permanent,
    transient: error.transient || source === "pool",
  };
  return { ...record, failure, checkedAtMs: source === "probe" ? atMs : record.checkedAtMs };
}

export function summarizeStoreHealth(record: StoreHealthRecord, nowMs: number): StoreHealthSnapshot {
  const { failure, lastWriteOkAtMs, checkedAtMs } = record;
  const base = { lastWriteOkAtMs, checkedAtMs };
  if (!failure) return { state: "ok", reason: null, message: null, ...base };
  const stale = lastWriteOkAtMs === null || nowMs - lastWriteOkAtMs > STALE_AFTER_MS;
  const state: StoreState = failure.transient && !stale ? "degraded" : "down";
  return { state, reason: failure.reason, message: failure.message, ...base };
}
