/**
 * The sandbox runner's journal, written to the store's append-only order log. Float
 * quantities from the matching engine become exact fixed-point values here; every event
 * is checked with the order reducer before it is appended, so the stored log always
 * replays to a legal state (filled ≤ ordered, children finished before completion).
 *
 * Events are validated at once (so the in-memory state is always current) and written in
 * batches: all the events an order gathered since the last write go in one transaction.
 * That is ~10× fewer transactions than one per event while the runner works many orders.
 */
import { applyOrderEvent, type OrderState } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { isOrderRejectReason } from "@/server/execution/order-reject-reasons";
import type { RunnerJournal } from "@/server/execution/sandbox-runner";
import type { RoutingDecision } from "@/server/router/routing-decision";
import type { Store } from "@/server/store/port";
import { priceToE9, qtyToE8 } from "@/lib/units";

interface ChildBook {
  sentE8: bigint;
  filledE8: bigint;
}

export interface SandboxJournal extends RunnerJournal {
  /** Seeds the reducer state of an order created (or recovered) elsewhere. */
  track(orderId: string, state: OrderState, deskId: string): void;
  /** Resolves when everything recorded so far is written. */
  flush(): Promise<void>;
}

export function createSandboxJournal(
  store: Store,
  log: (msg: string, err?: unknown) => void,
  onCompleted?: (orderId: string, deskId: string) => Promise<void>,
  /** Any final status (completed, cancelled, rejected, failed), once that event is written. */
  onFinal?: (orderId: string, deskId: string) => Promise<void>,
): SandboxJournal {
  const states = new Map<string, OrderState>();
  const desks = new Map<string, string>();
  const children = new Map<string, ChildBook>();
  const pending = new Map<string, OrderEvent[]>();
  let writing: Promise<void> = Promise.resolve();
  let scheduled = false;
  const followUps = new Set<Promise<void>>();

  /** Validates and queues; the write happens on the next turn, batched per order. */
  async function append(orderId: string, event: OrderEvent): Promise<boolean> {
    const state = states.get(orderId);
    if (!state) return false;
    let next: OrderState;
    try {
      next = applyOrderEvent(state, event);
    } catch (err) {
      log(`order ${orderId}: refused ${event.kind} event`, err);
      return false;
    }
    states.set(orderId, next);
    const list = pending.get(orderId) ?? [];
    list.push(event);
    pending.set(orderId, list);
    schedule();
    return true;
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    writing = writing.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            scheduled = false;
            void writeBatch().then(resolve);
          }),
        ),
    );
  }

  async function writeBatch(): Promise<void> {
    const batch = [...pending];
    pending.clear();
    for (const [orderId, events] of batch) {
      try {
        await store.appendOrderEvents(orderId, events);
      } catch (err) {
        log(`order ${orderId}: could not write ${events.length} event(s)`, err);
      }
    }
  }

  /** Runs after the batch holding the final event is written, so the log is there to read. */
  function followUp(orderId: string, failure: string, work: (orderId: string, deskId: string) => Promise<void>): void {
    const deskId = desks.get(orderId);
    if (!deskId) return;
    const run: Promise<void> = writing
      .then(() => work(orderId, deskId))
      .catch((err) => log(`order ${orderId}: ${failure}`, err))
      .finally(() => followUps.delete(run));
    followUps.add(run);
  }

  return {
    track(orderId, state, deskId) {
      states.set(orderId, state);
      desks.set(orderId, deskId);
    },
    async flush() {
      while (scheduled || pending.size > 0) await writing;
      await writing;
      await Promise.all([...followUps]);
    },
    async event(orderId, kind, payload, atMs) {
      const childId = String(payload.child_id ?? "");
      if (kind === "child_sent") {
        const qtyE8 = qtyToE8(Number(payload.qty));
        children.set(childId, { sentE8: qtyE8, filledE8: 0n });
        const limit = payload.limit_price;
        await append(orderId, {
          kind: "child_sent",
          atMs,
          childId,
          venue: payload.venue as never,
          qtyE8,
          limitPriceE9: typeof limit === "number" ? priceToE9(limit) : null,
          decisionId: typeof payload.decision_id === "string" ? payload.decision_id : null,
        });
      } else if (kind === "child_acked") {
        await append(orderId, { kind: "child_acked", atMs, childId });
      } else if (kind === "child_rejected") {
        const reason = String(payload.reason);
        await append(orderId, { kind: "child_rejected", atMs, childId, reason: isOrderRejectReason(reason) ? reason : "EXCHANGE_REJECT" });
      } else if (kind === "child_cancelled") {
        const c = children.get(childId);
        const open = c ? c.sentE8 - c.filledE8 : 0n;
        await append(orderId, { kind: "child_cancelled", atMs, childId, qtyE8: open > 0n ? open : 0n });
      }
    },
    async fill(orderId, f) {
      const c = children.get(f.childId);
      const state = states.get(orderId);
      if (!c || !state) return;
      // The last fill of a child takes exactly what is left of it, so rounding each float
      // fill to 1e-8 can never leave a child "working" or overfill the order.
      let qtyE8 = f.closesChild ? c.sentE8 - c.filledE8 : qtyToE8(f.qty);
      const parentLeft = state.qtyE8 - state.filledE8;
      const childLeft = c.sentE8 - c.filledE8;
      if (qtyE8 > childLeft) qtyE8 = childLeft;
      if (qtyE8 > parentLeft) qtyE8 = parentLeft;
      if (qtyE8 <= 0n) return;
      const ok = await append(orderId, {
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
      if (ok) c.filledE8 += qtyE8;
    },
    async decision(orderId, d: RoutingDecision) {
      const deskId = desks.get(orderId);
      if (!deskId) return;
      await store.insertDecision({
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
    },
    async status(orderId, status, atMs, reason) {
      let ok: boolean;
      if (status === "RUNNING") ok = await append(orderId, { kind: "started", atMs });
      else if (status === "COMPLETED") ok = await append(orderId, { kind: "completed", atMs });
      else if (status === "CANCELLED") ok = await append(orderId, { kind: "cancelled", atMs, reason: reason && isOrderRejectReason(reason) ? reason : null });
      else if (status === "REJECTED") ok = await append(orderId, { kind: "rejected", atMs, reason: reason && isOrderRejectReason(reason) ? reason : "NO_LIQUIDITY" });
      else ok = await append(orderId, { kind: "failed", atMs, reason: reason && isOrderRejectReason(reason) ? reason : "INTERNAL_ERROR", error: reason ?? "unknown" });
      if (!ok || status === "RUNNING") return;
      if (status === "COMPLETED" && onCompleted) followUp(orderId, "outcome not recorded", onCompleted);
      if (onFinal) followUp(orderId, "final follow-up failed", onFinal);
    },
    async control(orderId, kind, byKeyId, atMs) {
      await append(orderId, { kind, atMs, byKeyId });
    },
  };
}
