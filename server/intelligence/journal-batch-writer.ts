/**
 * The journal's writer: what is queued goes to the store in ONE transaction per batch
 * (Store.appendJournalBatch: many orders' events, routing decisions and repeat counts),
 * gathered over one turn of the event loop, so many orders cost one commit and a control
 * event waits for at most the batch in flight. Each queued event gets a promise that
 * resolves once it is durable. A failed write is never dropped: the batch goes back in
 * front of the queue (in order) and is retried with backoff, and `failingSinceMs` says
 * since when, so the runner sends nothing new meanwhile.
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

export interface JournalBatchWriter {
  /** Queues an order's event; resolves true once durable, false if it was dropped (see isolate). */
  enqueue(orderId: string, event: OrderEvent): Promise<boolean>;
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
}

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
  let pending = new Map<string, OrderEvent[]>();
  let pendingDecisions: NewRoutingDecision[] = [];
  let pendingRepeats = new Map<string, DecisionRepeats>();
  let next = deferred();
  let inFlight: Deferred | undefined;
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

  async function drain(): Promise<void> {
    let backoff = retryMinMs;
    try {
      while (hasPending()) {
        const gen = next;
        next = deferred();
        inFlight = gen;
        const appends = [...pending].map(([orderId, events]) => ({ orderId, events }));
        const decisions = pendingDecisions;
        const repeats = pendingRepeats;
        pending = new Map();
        pendingDecisions = [];
        pendingRepeats = new Map();
        try {
          await store.appendJournalBatch({ appends, decisions, decisionRepeats: [...repeats.values()] });
          failingSince = undefined;
          backoff = retryMinMs;
          inFlight = undefined;
          gen.resolve(NO_DROPS);
        } catch (err) {
          if (isLogConflict(err)) {
            const dropped = await isolate(appends, decisions, repeats);
            if (dropped) {
              inFlight = undefined;
              gen.resolve(dropped);
              continue;
            }
            // isolate put back what it could not write
          } else {
            // Back in front of anything queued meanwhile, in the same order; the callers'
            // promises resolve with the batch that finally writes them.
            requeue(appends, decisions, repeats);
          }
          next.promise.then(gen.resolve, () => {});
          inFlight = undefined;
          failingSince ??= now();
          if (now() - lastFailureLogMs > 5_000) {
            lastFailureLogMs = now();
            log(`journal: could not write ${appends.length} order log(s); retrying, nothing is dropped and no child is sent until it succeeds`, err);
          }
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(retryMaxMs, backoff * 2);
        }
      }
    } finally {
      draining = false;
      if (hasPending()) schedule();
    }
  }

  function requeue(appends: { orderId: string; events: readonly OrderEvent[] }[], decisions: NewRoutingDecision[], repeats: Map<string, DecisionRepeats>): void {
    const merged = new Map<string, OrderEvent[]>();
    for (const { orderId, events } of appends) merged.set(orderId, [...events, ...(pending.get(orderId) ?? [])]);
    for (const [orderId, events] of pending) if (!merged.has(orderId)) merged.set(orderId, events);
    pending = merged;
    pendingDecisions = [...decisions, ...pendingDecisions];
    for (const [id, r] of repeats) if (!pendingRepeats.has(id)) pendingRepeats.set(id, r);
  }

  /**
   * A batch refused for a reason of the log itself (a sequence or fill-id conflict, which
   * only another writer to the same order can cause) would block every order forever if
   * retried whole: write each order alone, drop the one the store refuses and say so.
   * Returns the dropped orders, or undefined when a write fails for another reason (then
   * the whole batch is retried).
   */
  async function isolate(
    appends: { orderId: string; events: readonly OrderEvent[] }[],
    decisions: NewRoutingDecision[],
    repeats: Map<string, DecisionRepeats>,
  ): Promise<ReadonlySet<string> | undefined> {
    const dropped = new Set<string>();
    const written: typeof appends = [];
    for (const a of appends) {
      try {
        await store.appendJournalBatch({ appends: [a], decisions: [], decisionRepeats: [] });
        written.push(a);
      } catch (err) {
        if (!isLogConflict(err)) {
          // Put back only what is not yet written.
          const done = new Set(written.map((w) => w.orderId));
          requeue(appends.filter((x) => !done.has(x.orderId)), decisions, repeats);
          return undefined;
        }
        dropped.add(a.orderId);
        log(`order ${a.orderId}: the store refused ${a.events.length} event(s) as conflicting with its log; they are dropped and the order stops here (restart recovery rebuilds it from the log)`, err);
        onDropped(a.orderId);
      }
    }
    try {
      await store.appendJournalBatch({ appends: [], decisions: decisions.filter((d) => !dropped.has(d.orderId)), decisionRepeats: [...repeats.values()] });
    } catch (err) {
      log("journal: routing decisions of a conflicting batch not written", err);
    }
    return dropped;
  }

  return {
    enqueue(orderId, event) {
      const list = pending.get(orderId);
      if (list) list.push(event);
      else pending.set(orderId, [event]);
      const written = next.promise.then((dropped) => !dropped.has(orderId));
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
      for (;;) {
        if (inFlight) await inFlight.promise;
        else if (hasPending() || draining) {
          schedule();
          await next.promise;
        } else break;
      }
    },
    failingSinceMs: () => failingSince,
    backlog() {
      let n = pendingDecisions.length + pendingRepeats.size;
      for (const events of pending.values()) n += events.length;
      return n;
    },
  };
}

/** Sequence and fill-id conflicts: the log itself refuses the batch, not the store's health. */
function isLogConflict(err: unknown): boolean {
  return err instanceof Error && (err.name === "OrderSeqConflictError" || err.name === "StoreConflictError");
}
