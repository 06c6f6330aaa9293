/**
 * The journal's writer: what is queued goes to the store in ONE transaction per batch
 * (Store.appendJournalBatch: many orders' events, routing decisions and repeat counts),
 * gathered over one turn of the event loop, so many orders cost one commit. Each queued
 * event gets a promise that resolves once it is durable. A failed write is never dropped:
 * the batch goes back in front of the queue (in order) and is retried with backoff, and
 * `failingSinceMs` says since when, so the runner sends nothing new meanwhile.
 *
 * Control events (cancel, pause, resume: `urgent`) must answer in tens of milliseconds
 * while hundreds of orders fill. A batch holds at most `maxBatchOrders` orders, so the
 * transaction in flight is short, and orders with an urgent event go first, alone, in the
 * next batch: a control action waits for at most one bounded batch and its own.
 */
import type { OrderEvent } from "@/server/execution/order-events";
import type { DecisionRepeats, NewRoutingDecision, Store } from "@/server/store/port";

interface Deferred {
  promise: Promise<ReadonlySet<string>>;
  /** Resolves with the orders whose events were dropped as unwritable (see isolate). */
  resolve(dropped: ReadonlySet<string>): void;
}

const NO_DROPS: ReadonlySet<string> = new Set();

function deferred(): Deferred {
  let resolve!: (dropped: ReadonlySet<string>) => void;
  const promise = new Promise<ReadonlySet<string>>((r) => (resolve = r));
  return { promise, resolve };
}

/** One order's queued events and who waits for them. */
interface Entry {
  events: OrderEvent[];
  waiters: Deferred[];
}

interface Batch {
  appends: { orderId: string; events: readonly OrderEvent[]; waiters: Deferred[] }[];
  decisions: NewRoutingDecision[];
  repeats: Map<string, DecisionRepeats>;
  /** Set when the batch carries the queued decisions and repeats. */
  decisionsWaiter?: Deferred;
  /** Orders taken for an urgent (control) event: still first if the batch is retried. */
  urgent: boolean;
}

export interface JournalBatchWriter {
  /** Queues an order's event; resolves true once durable, false if it was dropped (see isolate). `urgent`: a control event, written first. */
  enqueue(orderId: string, event: OrderEvent, urgent?: boolean): Promise<boolean>;
  enqueueDecision(decision: NewRoutingDecision): void;
  /** The latest repeat count of a stored decision (replaces an earlier one not yet written). */
  setRepeats(repeats: DecisionRepeats): void;
  /** Events of this order still queued. */
  hasPendingFor(orderId: string): boolean;
  /** Resolves when everything queued so far is written. */
  flush(): Promise<void>;
  failingSinceMs(): number | undefined;
  backlog(): number;
}

export interface JournalBatchWriterOptions {
  /** Wall clock for failure bookkeeping (injected in tests). */
  now?: () => number;
  /** Backoff between retries of a failed write, ms. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Most orders in one batch (one transaction). */
  maxBatchOrders?: number;
}

/** About 10 ms of SQLite work on the 2-core machine (bench: npm run bench -- control). */
const DEFAULT_MAX_BATCH_ORDERS = 24;

export function createJournalBatchWriter(
  store: Store,
  log: (msg: string, err?: unknown) => void,
  /** An order whose events the store refused as conflicting with its log (dropped). */
  onDropped: (orderId: string) => void,
  options: JournalBatchWriterOptions = {},
): JournalBatchWriter {
  const now = options.now ?? Date.now;
  const retryMinMs = options.retryMinMs ?? 50;
  const retryMaxMs = options.retryMaxMs ?? 2_000;
  const maxBatchOrders = options.maxBatchOrders ?? DEFAULT_MAX_BATCH_ORDERS;
  /** Insertion order is write order: a requeued batch goes back in front. */
  let pending = new Map<string, Entry>();
  const urgent = new Set<string>();
  let pendingDecisions: NewRoutingDecision[] = [];
  let pendingRepeats = new Map<string, DecisionRepeats>();
  /** Resolves when the decisions and repeats queued so far are written. */
  let decisionsWritten = deferred();
  let inFlight: Promise<unknown> | undefined;
  let draining = false;
  let failingSince: number | undefined;
  let lastFailureLogMs = 0;

  function hasPending(): boolean {
    return pending.size > 0 || pendingDecisions.length > 0 || pendingRepeats.size > 0;
  }

  function schedule(): void {
    if (draining) return;
    draining = true;
    // One turn of the event loop gathers what the current tick produced into the batch.
    setImmediate(() => void drain());
  }

  /** The first `n` queued orders, without copying the whole queue (it can hold hundreds). */
  function oldestPending(n: number): string[] {
    const ids: string[] = [];
    for (const id of pending.keys()) {
      if (ids.length >= n) break;
      ids.push(id);
    }
    return ids;
  }

  /** Orders with an urgent event first (alone), else the oldest up to the bound, with the decisions. */
  function takeBatch(): Batch {
    const urgentIds = [...urgent].filter((id) => pending.has(id));
    urgent.clear();
    const ids = urgentIds.length > 0 ? urgentIds : oldestPending(maxBatchOrders);
    const batch: Batch = { appends: [], decisions: [], repeats: new Map(), urgent: urgentIds.length > 0 };
    for (const orderId of ids) {
      const entry = pending.get(orderId)!;
      pending.delete(orderId);
      batch.appends.push({ orderId, events: entry.events, waiters: entry.waiters });
    }
    if (urgentIds.length > 0) {
      // Their routing decisions go with them: a child_sent names its decision, and the
      // audit trail must not hold a child whose decision a crash could lose.
      const taken = new Set(urgentIds);
      batch.decisions = pendingDecisions.filter((d) => taken.has(d.orderId));
      pendingDecisions = pendingDecisions.filter((d) => !taken.has(d.orderId));
    } else {
      batch.decisions = pendingDecisions;
      batch.repeats = pendingRepeats;
      batch.decisionsWaiter = decisionsWritten;
      pendingDecisions = [];
      pendingRepeats = new Map();
      decisionsWritten = deferred();
    }
    return batch;
  }

  async function drain(): Promise<void> {
    let backoff = retryMinMs;
    try {
      while (hasPending()) {
        const batch = takeBatch();
        const settled = deferred();
        inFlight = settled.promise;
        try {
          await store.appendJournalBatch({ appends: batch.appends, decisions: batch.decisions, decisionRepeats: [...batch.repeats.values()] });
          failingSince = undefined;
          backoff = retryMinMs;
          settle(batch.appends, NO_DROPS);
          batch.decisionsWaiter?.resolve(NO_DROPS);
          // The store answers synchronously (SQLite): without a turn between batches the
          // whole backlog would be written in one stretch, however small each batch.
          if (hasPending()) await new Promise((resolve) => setImmediate(resolve));
        } catch (err) {
          if (isLogConflict(err) && (await isolate(batch))) continue;
          // isolate put back what it could not write; otherwise the whole batch goes back
          // in front of anything queued meanwhile, in the same order, with its waiters.
          if (!isLogConflict(err)) requeue(batch);
          failingSince ??= now();
          if (now() - lastFailureLogMs > 5_000) {
            lastFailureLogMs = now();
            log(`journal: could not write ${batch.appends.length} order log(s); retrying, nothing is dropped and no child is sent until it succeeds`, err);
          }
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(retryMaxMs, backoff * 2);
        } finally {
          inFlight = undefined;
          settled.resolve(NO_DROPS);
        }
      }
    } finally {
      draining = false;
      if (hasPending()) schedule();
    }
  }

  function settle(appends: Batch["appends"], dropped: ReadonlySet<string>): void {
    for (const a of appends) for (const w of a.waiters) w.resolve(dropped);
  }

  function requeue(batch: Batch): void {
    const merged = new Map<string, Entry>();
    for (const { orderId, events, waiters } of batch.appends) {
      const later = pending.get(orderId);
      merged.set(orderId, { events: [...events, ...(later?.events ?? [])], waiters: [...waiters, ...(later?.waiters ?? [])] });
    }
    for (const [orderId, entry] of pending) if (!merged.has(orderId)) merged.set(orderId, entry);
    pending = merged;
    if (batch.urgent) for (const a of batch.appends) urgent.add(a.orderId);
    pendingDecisions = [...batch.decisions, ...pendingDecisions];
    for (const [id, r] of batch.repeats) if (!pendingRepeats.has(id)) pendingRepeats.set(id, r);
    // The requeued decisions are written with the next batch that takes decisions.
    const waiter = batch.decisionsWaiter;
    if (waiter) void decisionsWritten.promise.then(waiter.resolve);
  }

  /**
   * A batch refused for a reason of the log itself (a sequence or fill-id conflict, which
   * only another writer to the same order can cause) would block every order forever if
   * retried whole: write each order alone, drop the one the store refuses and say so.
   * Returns the dropped orders, or undefined when a write fails for another reason (then
   * what is not yet written goes back in front of the queue).
   */
  async function isolate(batch: Batch): Promise<ReadonlySet<string> | undefined> {
    const dropped = new Set<string>();
    for (const [i, a] of batch.appends.entries()) {
      try {
        await store.appendJournalBatch({ appends: [{ orderId: a.orderId, events: a.events }], decisions: [], decisionRepeats: [] });
        settle([a], NO_DROPS);
      } catch (err) {
        if (!isLogConflict(err)) {
          requeue({ ...batch, appends: batch.appends.slice(i) });
          return undefined;
        }
        dropped.add(a.orderId);
        settle([a], new Set([a.orderId]));
        log(`order ${a.orderId}: the store refused ${a.events.length} event(s) as conflicting with its log; they are dropped and the order stops here (restart recovery rebuilds it from the log)`, err);
        onDropped(a.orderId);
      }
    }
    try {
      await store.appendJournalBatch({ appends: [], decisions: batch.decisions.filter((d) => !dropped.has(d.orderId)), decisionRepeats: [...batch.repeats.values()] });
    } catch (err) {
      log("journal: routing decisions of a conflicting batch not written", err);
    }
    batch.decisionsWaiter?.resolve(dropped);
    return dropped;
  }

  return {
    enqueue(orderId, event, isUrgent = false) {
      let entry = pending.get(orderId);
      if (!entry) pending.set(orderId, (entry = { events: [], waiters: [deferred()] }));
      entry.events.push(event);
      if (isUrgent) urgent.add(orderId);
      const written = entry.waiters[0]!.promise.then((dropped) => !dropped.has(orderId));
      schedule();
      return written;
    },
    enqueueDecision(decision) {
      pendingDecisions.push(decision);
      schedule();
    },
    setRepeats(repeats) {
      pendingRepeats.set(repeats.id, repeats);
      schedule();
    },
    hasPendingFor: (orderId) => pending.has(orderId),
    async flush() {
      // What is queued now, and the batch in flight; later events are not waited for.
      const waits: Promise<unknown>[] = [...pending.values()].map((e) => e.waiters[0]!.promise);
      if (pendingDecisions.length > 0 || pendingRepeats.size > 0) waits.push(decisionsWritten.promise);
      if (inFlight) waits.push(inFlight);
      await Promise.all(waits);
    },
    failingSinceMs: () => failingSince,
    backlog() {
      let n = pendingDecisions.length + pendingRepeats.size;
      for (const entry of pending.values()) n += entry.events.length;
      return n;
    },
  };
}

/** Sequence and fill-id conflicts: the log itself refuses the batch, not the store's health. */
function isLogConflict(err: unknown): boolean {
  return err instanceof Error && (err.name === "OrderSeqConflictError" || err.name === "StoreConflictError");
}
