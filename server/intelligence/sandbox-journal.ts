/**
 * The sandbox runner's journal, written to the store's append-only order log. Float
 * quantities from the matching engine become exact fixed-point values here; every event
 * is checked with the order reducer before it is queued, so the stored log always replays
 * to a legal state (filled ≤ ordered, children finished before completion).
 *
 * Write-ahead and never lossy: each call answers with a promise that resolves once its
 * event is durable. Everything queued since the last write goes to the store in ONE
 * transaction (appendJournalBatch), so many orders cost one commit and a control event
 * (cancel, pause) waits for at most the batch in flight. A failed write is retried with
 * backoff, events stay queued in order, and `failingSinceMs` tells the runner to stop
 * sending until the store takes writes again.
 */
import { applyOrderEvent, type OrderState } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { isOrderRejectReason } from "@/server/execution/order-reject-reasons";
import type { RunnerJournal } from "@/server/execution/sandbox-runner";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { newDecisionId } from "@/server/store/kysely-decision-store";
import type { DecisionRepeats, NewRoutingDecision, Store } from "@/server/store/port";
import { priceToE9, qtyToE8 } from "@/lib/units";
import { decisionSignature } from "./decision-signature";

interface ChildBook {
  sentE8: bigint;
  filledE8: bigint;
}

interface Deferred {
  promise: Promise<ReadonlySet<string>>;
  /** Resolves with the orders whose events were dropped as unwritable (see isolate). */
  resolve(dropped: ReadonlySet<string>): void;
}

interface LastDecision {
  id: string;
  signature: string;
  repeats: number;
}

export interface SandboxJournal extends RunnerJournal {
  /** Seeds the reducer state of an order created (or recovered) elsewhere. */
  track(orderId: string, state: OrderState, deskId: string): void;
  /** Resolves when everything recorded so far is written. */
  flush(): Promise<void>;
  failingSinceMs(): number | undefined;
  /** Events and decisions waiting to be written. */
  backlog(): number;
  /** Orders whose reducer state is held (working, or final and not yet written). */
  tracked(): number;
}

export interface SandboxJournalOptions {
  /** Wall clock for failure bookkeeping (injected in tests). */
  now?: () => number;
  /** Backoff between retries of a failed write, ms. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

const NO_DROPS: ReadonlySet<string> = new Set();

function deferred(): Deferred {
  let resolve!: (dropped: ReadonlySet<string>) => void;
  const promise = new Promise<ReadonlySet<string>>((r) => (resolve = r));
  return { promise, resolve };
}

export function createSandboxJournal(
  store: Store,
  log: (msg: string, err?: unknown) => void,
  onCompleted?: (orderId: string, deskId: string) => Promise<void>,
  /** Any final status (completed, cancelled, rejected, failed), once that event is written. */
  onFinal?: (orderId: string, deskId: string) => Promise<void>,
  options: SandboxJournalOptions = {},
): SandboxJournal {
  const now = options.now ?? Date.now;
  const retryMinMs = options.retryMinMs ?? 50;
  const retryMaxMs = options.retryMaxMs ?? 2_000;
  const states = new Map<string, OrderState>();
  const desks = new Map<string, string>();
  const children = new Map<string, Map<string, ChildBook>>();
  const lastDecision = new Map<string, LastDecision>();
  /** The promise of each order's latest queued event: release waits for it. */
  const lastWrite = new Map<string, Promise<unknown>>();
  const releasing = new Set<string>();
  let pending = new Map<string, OrderEvent[]>();
  let pendingDecisions: NewRoutingDecision[] = [];
  let pendingRepeats = new Map<string, DecisionRepeats>();
  let next = deferred();
  let inFlight: Deferred | undefined;
  let draining = false;
  let failingSince: number | undefined;
  let lastFailureLogMs = 0;
  const followUps = new Set<Promise<void>>();

  function hasPending(): boolean {
    return pending.size > 0 || pendingDecisions.length > 0 || pendingRepeats.size > 0;
  }

  /** Validates and queues; resolves true once written, false if refused or dropped. */
  function append(orderId: string, event: OrderEvent): Promise<boolean> {
    const state = states.get(orderId);
    if (!state) return Promise.resolve(false);
    let nextState: OrderState;
    try {
      nextState = applyOrderEvent(state, event);
    } catch (err) {
      log(`order ${orderId}: refused ${event.kind} event`, err);
      return Promise.resolve(false);
    }
    states.set(orderId, nextState);
    const list = pending.get(orderId);
    if (list) list.push(event);
    else pending.set(orderId, [event]);
    const written = next.promise.then((dropped) => !dropped.has(orderId));
    lastWrite.set(orderId, written);
    schedule();
    return written;
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
        states.delete(a.orderId);
      }
    }
    try {
      await store.appendJournalBatch({ appends: [], decisions: decisions.filter((d) => !dropped.has(d.orderId)), decisionRepeats: [...repeats.values()] });
    } catch (err) {
      log("journal: routing decisions of a conflicting batch not written", err);
    }
    return dropped;
  }

  /** Runs after the batch holding the final event is written, so the log is there to read. */
  function followUp(orderId: string, failure: string, work: (orderId: string, deskId: string) => Promise<void>): void {
    const deskId = desks.get(orderId);
    if (!deskId) return;
    const run: Promise<void> = work(orderId, deskId)
      .catch((err) => log(`order ${orderId}: ${failure}`, err))
      .finally(() => followUps.delete(run));
    followUps.add(run);
  }

  function forget(orderId: string): void {
    states.delete(orderId);
    desks.delete(orderId);
    children.delete(orderId);
    lastDecision.delete(orderId);
    lastWrite.delete(orderId);
    releasing.delete(orderId);
  }

  function childrenOf(orderId: string): Map<string, ChildBook> {
    let map = children.get(orderId);
    if (!map) children.set(orderId, (map = new Map()));
    return map;
  }

  return {
    track(orderId, state, deskId) {
      states.set(orderId, state);
      desks.set(orderId, deskId);
      // A recovered order's children are in its log already.
      const map = childrenOf(orderId);
      for (const c of state.children.values()) map.set(c.childId, { sentE8: c.qtyE8, filledE8: c.filledE8 });
    },
    async flush() {
      for (;;) {
        if (inFlight) await inFlight.promise;
        else if (hasPending() || draining) {
          schedule();
          await next.promise;
        } else break;
      }
      await Promise.all([...followUps]);
    },
    failingSinceMs: () => failingSince,
    backlog() {
      let n = pendingDecisions.length + pendingRepeats.size;
      for (const events of pending.values()) n += events.length;
      return n;
    },
    tracked: () => states.size,
    release(orderId) {
      if (releasing.has(orderId)) return;
      releasing.add(orderId);
      const last = lastWrite.get(orderId) ?? Promise.resolve();
      void last.then(() => {
        if (releasing.has(orderId) && !pending.has(orderId) && lastWrite.get(orderId) === last) forget(orderId);
        else releasing.delete(orderId);
      });
    },
    event(orderId, kind, payload, atMs) {
      const childId = String(payload.child_id ?? "");
      if (kind === "child_sent") {
        const qtyE8 = qtyToE8(Number(payload.qty));
        const limit = payload.limit_price;
        const written = append(orderId, {
          kind: "child_sent",
          atMs,
          childId,
          venue: payload.venue as never,
          qtyE8,
          limitPriceE9: typeof limit === "number" ? priceToE9(limit) : null,
          decisionId: typeof payload.decision_id === "string" ? payload.decision_id : null,
        });
        if (states.get(orderId)?.children.has(childId)) childrenOf(orderId).set(childId, { sentE8: qtyE8, filledE8: 0n });
        return written;
      }
      if (kind === "child_acked") return append(orderId, { kind: "child_acked", atMs, childId });
      if (kind === "child_rejected") {
        const reason = String(payload.reason);
        return append(orderId, { kind: "child_rejected", atMs, childId, reason: isOrderRejectReason(reason) ? reason : "EXCHANGE_REJECT" });
      }
      if (kind === "child_cancelled") {
        const c = children.get(orderId)?.get(childId);
        const open = c ? c.sentE8 - c.filledE8 : 0n;
        return append(orderId, { kind: "child_cancelled", atMs, childId, qtyE8: open > 0n ? open : 0n });
      }
      return Promise.resolve(false);
    },
    fill(orderId, f) {
      const c = children.get(orderId)?.get(f.childId);
      const state = states.get(orderId);
      if (!c || !state) return Promise.resolve(false);
      // The last fill of a child takes exactly what is left of it, so rounding each float
      // fill to 1e-8 can never leave a child "working" or overfill the order.
      let qtyE8 = f.closesChild ? c.sentE8 - c.filledE8 : qtyToE8(f.qty);
      const parentLeft = state.qtyE8 - state.filledE8;
      const childLeft = c.sentE8 - c.filledE8;
      if (qtyE8 > childLeft) qtyE8 = childLeft;
      if (qtyE8 > parentLeft) qtyE8 = parentLeft;
      if (qtyE8 <= 0n) return Promise.resolve(false);
      const before = states.get(orderId);
      const written = append(orderId, {
        kind: "fill",
        atMs: f.atMs,
        fillId: f.fillId,
        childId: f.childId,
        venue: f.venue,
        qtyE8,
        priceE9: priceToE9(f.price),
        feeE9: priceToE9(f.feeUsd),
        liquidity: f.liquidity,
      });
      if (states.get(orderId) !== before) c.filledE8 += qtyE8;
      return written;
    },
    repeatDecision(orderId, atMs) {
      const last = lastDecision.get(orderId);
      if (!last) return;
      last.repeats++;
      pendingRepeats.set(last.id, { id: last.id, count: last.repeats, lastAtMs: atMs });
      schedule();
    },
    decision(orderId, d: RoutingDecision, acted) {
      const deskId = desks.get(orderId);
      if (!deskId) return null;
      const signature = decisionSignature(d);
      const last = lastDecision.get(orderId);
      if (!acted && last && last.signature === signature) {
        last.repeats++;
        pendingRepeats.set(last.id, { id: last.id, count: last.repeats, lastAtMs: d.atMs });
        schedule();
        return last.id;
      }
      const id = newDecisionId();
      lastDecision.set(orderId, { id, signature, repeats: 0 });
      pendingDecisions.push({
        id,
        orderId,
        nodeOrderId: d.nodeOrderId,
        deskId,
        atMs: d.atMs,
        routerVersion: d.routerVersion,
        symbol: d.symbol,
        side: d.side,
        qtyE8: qtyToE8(d.qty),
        candidates: d.candidates.map((c) => ({ venue: c.venue, scoreBps: c.scoreParts.total_bps, partsBps: { ...c.scoreParts } as Record<string, number> })),
        exclusions: d.exclusions.map((x) => ({ venue: x.venue, reason: `${x.reason}: ${x.detail}` })),
        legs: d.legs.map((l) => ({ venue: l.venue, qtyE8: qtyToE8(l.qty), estPriceE9: priceToE9(l.avgPrice), estCostBps: l.estCostBps })),
        estCostBps: d.estCostBps,
        detail: d,
      });
      schedule();
      return id;
    },
    status(orderId, status, atMs, reason) {
      let written: Promise<boolean>;
      if (status === "RUNNING") written = append(orderId, { kind: "started", atMs });
      else if (status === "COMPLETED") written = append(orderId, { kind: "completed", atMs });
      else if (status === "CANCELLED") written = append(orderId, { kind: "cancelled", atMs, reason: reason && isOrderRejectReason(reason) ? reason : null });
      else if (status === "REJECTED") written = append(orderId, { kind: "rejected", atMs, reason: reason && isOrderRejectReason(reason) ? reason : "NO_LIQUIDITY" });
      else written = append(orderId, { kind: "failed", atMs, reason: reason && isOrderRejectReason(reason) ? reason : "INTERNAL_ERROR", error: reason ?? "unknown" });
      if (status === "RUNNING") return written;
      void written.then((ok) => {
        if (!ok) return;
        if (status === "COMPLETED" && onCompleted) followUp(orderId, "outcome not recorded", onCompleted);
        if (onFinal) followUp(orderId, "final follow-up failed", onFinal);
      });
      return written;
    },
    control(orderId, kind, byKeyId, atMs) {
      return append(orderId, { kind, atMs, byKeyId });
    },
  };
}

/** Sequence and fill-id conflicts: the log itself refuses the batch, not the store's health. */
function isLogConflict(err: unknown): boolean {
  return err instanceof Error && (err.name === "OrderSeqConflictError" || err.name === "StoreConflictError");
}
