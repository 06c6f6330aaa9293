/**
 * The sandbox runner's journal, written to the store's append-only order log. Float
 * quantities from the matching engine become exact fixed-point values here; every event
 * is checked with the order reducer before it is queued, so the stored log always replays
 * to a legal state (filled ≤ ordered, children finished before completion).
 *
 * Write-ahead and never lossy: each call answers with a promise that resolves once its
 * event is durable; the writing (one transaction per batch, retries that never drop) is
 * journal-batch-writer.ts. This file keeps what the log means: the reducer state of every
 * working order, each child's fixed-point size, decision repeats, and the follow-ups that
 * run once a final event is written.
 */
import { applyOrderEvent, type OrderState } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { isOrderRejectReason } from "@/server/execution/order-reject-reasons";
import type { RunnerJournal } from "@/server/execution/sandbox-runner";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { newDecisionId } from "@/server/store/kysely-decision-store";
import type { Store } from "@/server/store/port";
import { priceToE9, qtyToE8 } from "@/lib/units";
import { decisionSignature } from "./decision-signature";
import { createJournalBatchWriter, type JournalBatchWriterOptions } from "./journal-batch-writer";

interface ChildBook {
  sentE8: bigint;
  filledE8: bigint;
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

export type SandboxJournalOptions = JournalBatchWriterOptions;

export function createSandboxJournal(
  store: Store,
  log: (msg: string, err?: unknown) => void,
  onCompleted?: (orderId: string, deskId: string) => Promise<void>,
  /** Any final status (completed, cancelled, rejected, failed), once that event is written. */
  onFinal?: (orderId: string, deskId: string) => Promise<void>,
  options: SandboxJournalOptions = {},
): SandboxJournal {
  const states = new Map<string, OrderState>();
  const desks = new Map<string, string>();
  const children = new Map<string, Map<string, ChildBook>>();
  const lastDecision = new Map<string, LastDecision>();
  /** The promise of each order's latest queued event: release waits for it. */
  const lastWrite = new Map<string, Promise<unknown>>();
  const releasing = new Set<string>();
  const writer = createJournalBatchWriter(store, log, (orderId) => states.delete(orderId), options);
  const followUps = new Set<Promise<void>>();

  /** Validates and queues; resolves true once written, false if refused or dropped. `urgent`: a control event, written ahead of the rest. */
  function append(orderId: string, event: OrderEvent, urgent = false): Promise<boolean> {
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
    const written = writer.enqueue(orderId, event, urgent);
    lastWrite.set(orderId, written);
    return written;
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
      await writer.flush();
      await Promise.all([...followUps]);
    },
    failingSinceMs: () => writer.failingSinceMs(),
    backlog: () => writer.backlog(),
    tracked: () => states.size,
    release(orderId) {
      if (releasing.has(orderId)) return;
      releasing.add(orderId);
      const last = lastWrite.get(orderId) ?? Promise.resolve();
      void last.then(() => {
        if (releasing.has(orderId) && !writer.hasPendingFor(orderId) && lastWrite.get(orderId) === last) forget(orderId);
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
          ...(typeof payload.mid === "number" && payload.mid > 0 ? { midE9: priceToE9(payload.mid) } : {}),
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
      writer.setRepeats({ id: last.id, count: last.repeats, lastAtMs: atMs });
    },
    decision(orderId, d: RoutingDecision, acted) {
      const deskId = desks.get(orderId);
      if (!deskId) return null;
      const signature = decisionSignature(d);
      const last = lastDecision.get(orderId);
      if (!acted && last && last.signature === signature) {
        last.repeats++;
        writer.setRepeats({ id: last.id, count: last.repeats, lastAtMs: d.atMs });
        return last.id;
      }
      const id = newDecisionId();
      lastDecision.set(orderId, { id, signature, repeats: 0 });
      writer.enqueueDecision({
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
      return id;
    },
    status(orderId, status, atMs, reason) {
      let written: Promise<boolean>;
      if (status === "RUNNING") written = append(orderId, { kind: "started", atMs });
      else if (status === "COMPLETED") {
        const state = states.get(orderId);
        // The remainder the runner left as dust, stated in the log so an audit reads it without the reducer.
        written = append(orderId, { kind: "completed", atMs, ...(state ? { dustE8: state.qtyE8 - state.filledE8 } : {}) });
      }
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
      return append(orderId, { kind, atMs, byKeyId }, true);
    },
  };
}
