import { describe, expect, it } from "vitest";
import { IllegalTransitionError, OrderEventError, OverfillError } from "./order-errors";
import type { OrderEvent, OrderFillEvent } from "./order-events";
import { ORDER_REJECT_REASONS } from "./order-reject-reasons";
import {
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  WORKING_ORDER_STATUSES,
  applyOrderEvent,
  canTransition,
  deriveOrder,
  isTerminalStatus,
  targetStatusOf,
  type OrderState,
  type OrderStatus,
} from "./order-states";
import { REJECT_REASONS } from "./types";

const E8 = 100_000_000n;
const E9 = 1_000_000_000n;

const accepted = (qtyE8 = 2n * E8, atMs = 1000): OrderEvent => ({ kind: "accepted", atMs, qtyE8 });
const started = (atMs = 1001): OrderEvent => ({ kind: "started", atMs });
const sent = (childId: string, qtyE8: bigint, atMs = 1002, venue: "binance" | "okx" = "binance"): OrderEvent => ({
  kind: "child_sent",
  atMs,
  childId,
  venue,
  qtyE8,
  limitPriceE9: null,
  decisionId: "dec_1",
});
const fill = (fillId: string, childId: string, qtyE8: bigint, priceE9 = 100n * E9, over: Partial<OrderFillEvent> = {}): OrderFillEvent => ({
  kind: "fill",
  atMs: 1003,
  fillId,
  childId,
  venue: "binance",
  qtyE8,
  priceE9,
  feeE9: 10n * E9,
  liquidity: "taker",
  ...over,
});
const childCancelled = (childId: string, qtyE8: bigint): OrderEvent => ({ kind: "child_cancelled", atMs: 1004, childId, qtyE8 });

function replay(...events: OrderEvent[]): OrderState {
  return deriveOrder(events).state;
}

function refusal(fn: () => unknown): OrderEventError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OrderEventError) return error;
    throw error;
  }
  throw new Error("expected an OrderEventError");
}

describe("transition table", () => {
  it("covers every status and only names known statuses", () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const targets of Object.values(ORDER_TRANSITIONS)) {
      for (const to of targets) expect(ORDER_STATUSES).toContain(to);
    }
  });

  it("has exactly the legal transitions", () => {
    const legal = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(legal.sort()).toEqual(
      [
        "ACCEPTED>RUNNING",
        "ACCEPTED>PAUSED",
        "ACCEPTED>CANCELLED",
        "ACCEPTED>REJECTED",
        "ACCEPTED>FAILED",
        "RUNNING>PAUSED",
        "RUNNING>COMPLETED",
        "RUNNING>CANCELLED",
        "RUNNING>REJECTED",
        "RUNNING>FAILED",
        "PAUSED>RUNNING",
        "PAUSED>COMPLETED",
        "PAUSED>CANCELLED",
        "PAUSED>FAILED",
      ].sort(),
    );
  });

  it("terminal statuses are exactly the non-working ones; nothing returns to ACCEPTED", () => {
    for (const s of ORDER_STATUSES) {
      expect(isTerminalStatus(s)).toBe(!(WORKING_ORDER_STATUSES as readonly OrderStatus[]).includes(s));
      expect(canTransition(s, "ACCEPTED")).toBe(false);
      expect(canTransition(s, s)).toBe(false);
    }
  });

  it("maps status events to their target and leaves the others alone", () => {
    expect(targetStatusOf("started")).toBe("RUNNING");
    expect(targetStatusOf("resumed")).toBe("RUNNING");
    expect(targetStatusOf("paused")).toBe("PAUSED");
    expect(targetStatusOf("rejected")).toBe("REJECTED");
    expect(targetStatusOf("fill")).toBeUndefined();
    expect(targetStatusOf("cancel_requested")).toBeUndefined();
  });
});

describe("reject reasons", () => {
  it("extend the matching engine's closed set without duplicates", () => {
    for (const r of REJECT_REASONS) expect(ORDER_REJECT_REASONS).toContain(r);
    for (const r of ["INSUFFICIENT_BALANCE", "BAD_VENUE", "STALE_VENUE", "PRICE_DEVIATION", "POSITION_LIMIT", "KILL_SWITCH", "LIVE_TRADING_UNAVAILABLE", "BELOW_MIN_SIZE", "NO_LIQUIDITY", "EXCHANGE_BUSY", "RESTART_INTERRUPTED", "STORE_UNAVAILABLE", "INTERNAL_ERROR"]) {
      expect(ORDER_REJECT_REASONS).toContain(r);
    }
    expect(new Set(ORDER_REJECT_REASONS).size).toBe(ORDER_REJECT_REASONS.length);
  });
});

describe("applyOrderEvent", () => {
  it("starts a log only with accepted, and accepts only once", () => {
    expect(refusal(() => applyOrderEvent(null, started())).code).toBe("FIRST_EVENT_NOT_ACCEPTED");
    const s = applyOrderEvent(null, accepted());
    expect(s.status).toBe("ACCEPTED");
    const again = refusal(() => applyOrderEvent(s, accepted()));
    expect(again).toBeInstanceOf(IllegalTransitionError);
    expect(again).toMatchObject({ from: "ACCEPTED", to: "ACCEPTED" });
    expect(refusal(() => applyOrderEvent(null, accepted(0n))).code).toBe("INVALID_AMOUNT");
  });

  it("walks the happy path to COMPLETED", () => {
    const d = deriveOrder([accepted(), started(), sent("c1", 2n * E8), { kind: "child_acked", atMs: 1003, childId: "c1" }, fill("f1", "c1", E8), fill("f2", "c1", E8, 102n * E9), { kind: "completed", atMs: 1010 }]);
    expect(d).toMatchObject({ status: "COMPLETED", filledE8: 2n * E8, residualE8: 0n, avgPriceE9: 101n * E9, feesE9: 20n * E9, workingChildren: 0, updatedAtMs: 1010 });
    expect(d.timeline.map((t) => [t.kind, t.status])).toEqual([
      ["accepted", "ACCEPTED"],
      ["started", "RUNNING"],
      ["child_sent", "RUNNING"],
      ["child_acked", "RUNNING"],
      ["fill", "RUNNING"],
      ["fill", "RUNNING"],
      ["completed", "COMPLETED"],
    ]);
  });

  it("refuses an illegal transition naming from and to, and leaves the state untouched", () => {
    const done = replay(accepted(), started(), sent("c1", 2n * E8), fill("f1", "c1", 2n * E8), { kind: "completed", atMs: 1010 });
    const e = refusal(() => applyOrderEvent(done, { kind: "paused", atMs: 1011, byKeyId: null }));
    expect(e).toBeInstanceOf(IllegalTransitionError);
    expect(e).toMatchObject({ from: "COMPLETED", to: "PAUSED", eventKind: "paused", code: "ILLEGAL_TRANSITION" });
    expect(e.message).toContain("COMPLETED → PAUSED");
    expect(done.status).toBe("COMPLETED");
  });

  it.each<[string, OrderEvent[], OrderEvent, OrderStatus, OrderStatus]>([
    ["started twice", [accepted(), started()], started(1002), "RUNNING", "RUNNING"],
    ["started from PAUSED (resume is the event for that)", [accepted(), started(), { kind: "paused", atMs: 1, byKeyId: null }], started(1003), "PAUSED", "RUNNING"],
    ["resumed while RUNNING", [accepted(), started()], { kind: "resumed", atMs: 1, byKeyId: null }, "RUNNING", "RUNNING"],
    ["paused while PAUSED", [accepted(), { kind: "paused", atMs: 1, byKeyId: null }], { kind: "paused", atMs: 2, byKeyId: null }, "PAUSED", "PAUSED"],
    ["completed before it ran", [accepted()], { kind: "completed", atMs: 1 }, "ACCEPTED", "COMPLETED"],
    ["rejected while PAUSED", [accepted(), { kind: "paused", atMs: 1, byKeyId: null }], { kind: "rejected", atMs: 2, reason: "KILL_SWITCH" }, "PAUSED", "REJECTED"],
    ["cancelled after cancelled", [accepted(), { kind: "cancelled", atMs: 1, reason: null }], { kind: "cancelled", atMs: 2, reason: null }, "CANCELLED", "CANCELLED"],
    ["failed after rejected", [accepted(), { kind: "rejected", atMs: 1, reason: "BAD_VENUE" }], { kind: "failed", atMs: 2, reason: "INTERNAL_ERROR", error: "x" }, "REJECTED", "FAILED"],
  ])("refuses %s", (_name, log, event, from, to) => {
    const e = refusal(() => applyOrderEvent(replay(...log), event));
    expect(e).toBeInstanceOf(IllegalTransitionError);
    expect(e).toMatchObject({ from, to });
  });

  it("pauses and resumes, and completes from PAUSED when in-flight children fill the rest", () => {
    let s = replay(accepted(), started(), sent("c1", 2n * E8));
    s = applyOrderEvent(s, { kind: "paused", atMs: 1100, byKeyId: "key_1" });
    expect(s.status).toBe("PAUSED");
    expect(refusal(() => applyOrderEvent(s, sent("c2", E8))).code).toBe("NOT_ALLOWED_IN_STATE");
    s = applyOrderEvent(s, fill("f1", "c1", 2n * E8));
    s = applyOrderEvent(s, { kind: "completed", atMs: 1200 });
    expect(s.status).toBe("COMPLETED");

    const r = applyOrderEvent(replay(accepted(), started(), { kind: "paused", atMs: 1, byKeyId: null }), { kind: "resumed", atMs: 2, byKeyId: null });
    expect(r.status).toBe("RUNNING");
  });

  it("sends children only while RUNNING and never reuses a child id", () => {
    expect(refusal(() => applyOrderEvent(replay(accepted()), sent("c1", E8))).code).toBe("NOT_ALLOWED_IN_STATE");
    const s = replay(accepted(), started(), sent("c1", E8));
    expect(refusal(() => applyOrderEvent(s, sent("c1", E8))).code).toBe("DUPLICATE_CHILD");
    expect(refusal(() => applyOrderEvent(s, sent("c2", 0n))).code).toBe("INVALID_AMOUNT");
  });

  it("needs a known child for every child report", () => {
    const s = replay(accepted(), started());
    for (const event of [
      { kind: "child_acked", atMs: 1, childId: "nope" },
      { kind: "child_rejected", atMs: 1, childId: "nope", reason: "EXCHANGE_BUSY" },
      fill("f1", "nope", E8),
      childCancelled("nope", E8),
    ] satisfies OrderEvent[]) {
      expect(refusal(() => applyOrderEvent(s, event)).code).toBe("UNKNOWN_CHILD");
    }
  });

  it("deduplicates fills by id: the same state object comes back and totals do not move", () => {
    const s = replay(accepted(), started(), sent("c1", 2n * E8), fill("f1", "c1", E8));
    const again = applyOrderEvent(s, fill("f1", "c1", E8));
    expect(again).toBe(s);
    // Even a different body under the same id is the same fill reported again.
    expect(applyOrderEvent(s, fill("f1", "c1", E8 / 2n, 99n * E9))).toBe(s);
    const d = deriveOrder([accepted(), started(), sent("c1", 2n * E8), fill("f1", "c1", E8), fill("f1", "c1", E8), fill("f2", "c1", E8)]);
    expect(d.filledE8).toBe(2n * E8);
    expect(d.feesE9).toBe(20n * E9);
    expect(d.timeline.map((t) => t.index)).toEqual([0, 1, 2, 3, 5]);
  });

  it("refuses an order over-fill with OverfillError and applies nothing", () => {
    const s = replay(accepted(E8), started(), sent("c1", E8), sent("c2", E8, 1002, "okx"), fill("f1", "c1", (E8 * 3n) / 4n));
    const e = refusal(() => applyOrderEvent(s, fill("f2", "c2", E8 / 2n, 100n * E9, { venue: "okx" })));
    expect(e).toBeInstanceOf(OverfillError);
    expect(e).toMatchObject({ code: "OVERFILL", childId: null, limitE8: E8, filledE8: (E8 * 3n) / 4n, fillQtyE8: E8 / 2n, fillId: "f2" });
    expect(s.filledE8).toBe((E8 * 3n) / 4n);
    expect(s.fillIds.has("f2")).toBe(false);
    // Exactly up to the order's size is fine.
    expect(applyOrderEvent(s, fill("f2", "c2", E8 / 4n, 100n * E9, { venue: "okx" })).filledE8).toBe(E8);
  });

  it("refuses a child over-fill even when the order has room", () => {
    const s = replay(accepted(10n * E8), started(), sent("c1", E8));
    const e = refusal(() => applyOrderEvent(s, fill("f1", "c1", 2n * E8)));
    expect(e).toBeInstanceOf(OverfillError);
    expect(e).toMatchObject({ childId: "c1", limitE8: E8 });
  });

  it("refuses fills with a wrong venue or non-positive amounts", () => {
    const s = replay(accepted(), started(), sent("c1", E8));
    expect(refusal(() => applyOrderEvent(s, fill("f1", "c1", E8, 100n * E9, { venue: "okx" }))).code).toBe("VENUE_MISMATCH");
    expect(refusal(() => applyOrderEvent(s, fill("f1", "c1", 0n))).code).toBe("INVALID_AMOUNT");
    expect(refusal(() => applyOrderEvent(s, fill("f1", "c1", E8, 0n))).code).toBe("INVALID_AMOUNT");
  });

  it("counts a maker rebate as a negative fee", () => {
    const d = deriveOrder([accepted(E8), started(), sent("c1", E8), fill("f1", "c1", E8, 100n * E9, { feeE9: -2n * E9, liquidity: "maker" })]);
    expect(d.feesE9).toBe(-2n * E9);
  });

  it("rounds the average price half up at 1e-9", () => {
    const d = deriveOrder([accepted(3n), started(), sent("c1", 3n), fill("f1", "c1", 1n, 1n), fill("f2", "c1", 2n, 2n)]);
    // (1·1 + 2·2) / 3 = 1.666… → 2
    expect(d.avgPriceE9).toBe(2n);
    expect(deriveOrder([accepted(), started()]).avgPriceE9).toBeNull();
  });

  it("tracks children: rejected and cancelled children take no more fills", () => {
    let s = replay(accepted(), started(), sent("c1", E8), sent("c2", E8, 1002, "okx"));
    expect(s.workingChildren).toBe(2);
    s = applyOrderEvent(s, { kind: "child_rejected", atMs: 1, childId: "c1", reason: "EXCHANGE_BUSY" });
    expect(s.children.get("c1")).toMatchObject({ status: "rejected", rejectReason: "EXCHANGE_BUSY" });
    expect(refusal(() => applyOrderEvent(s, fill("f1", "c1", E8))).code).toBe("CHILD_NOT_WORKING");
    expect(refusal(() => applyOrderEvent(s, { kind: "child_acked", atMs: 1, childId: "c1" })).code).toBe("CHILD_NOT_WORKING");
    s = applyOrderEvent(s, fill("f1", "c2", E8 / 2n, 100n * E9, { venue: "okx" }));
    expect(refusal(() => applyOrderEvent(s, { kind: "child_rejected", atMs: 1, childId: "c2", reason: "EXCHANGE_REJECT" })).code).toBe("HAS_FILLS");
    expect(refusal(() => applyOrderEvent(s, childCancelled("c2", E8))).code).toBe("INVALID_AMOUNT");
    s = applyOrderEvent(s, childCancelled("c2", E8 / 2n));
    expect(s.workingChildren).toBe(0);
    expect(refusal(() => applyOrderEvent(s, fill("f2", "c2", E8 / 4n, 100n * E9, { venue: "okx" }))).code).toBe("CHILD_NOT_WORKING");
    expect(refusal(() => applyOrderEvent(s, childCancelled("c2", 0n))).code).toBe("CHILD_NOT_WORKING");
  });

  it("a fully filled child stops working; a late ack is fine and a repeated ack changes nothing", () => {
    let s = replay(accepted(), started(), sent("c1", E8));
    s = applyOrderEvent(s, fill("f1", "c1", E8));
    expect(s.children.get("c1")?.status).toBe("filled");
    expect(s.workingChildren).toBe(0);
    s = applyOrderEvent(s, { kind: "child_acked", atMs: 5, childId: "c1" });
    expect(s.children.get("c1")?.acked).toBe(true);
    expect(applyOrderEvent(s, { kind: "child_acked", atMs: 6, childId: "c1" })).toBe(s);
  });

  it("cancel: request first, children cancelled, then CANCELLED; nothing new is sent meanwhile", () => {
    let s = replay(accepted(), started(), sent("c1", E8), fill("f1", "c1", E8 / 4n));
    s = applyOrderEvent(s, { kind: "cancel_requested", atMs: 2000, byKeyId: "key_1" });
    s = applyOrderEvent(s, { kind: "cancel_requested", atMs: 2001, byKeyId: "key_1" });
    expect(s.cancelRequestedAtMs).toBe(2000);
    expect(s.status).toBe("RUNNING");
    expect(refusal(() => applyOrderEvent(s, sent("c2", E8))).code).toBe("CANCEL_PENDING");
    expect(refusal(() => applyOrderEvent(s, { kind: "paused", atMs: 1, byKeyId: null })).code).toBe("CANCEL_PENDING");
    expect(refusal(() => applyOrderEvent(s, { kind: "cancelled", atMs: 2002, reason: null })).code).toBe("CHILDREN_WORKING");
    s = applyOrderEvent(s, childCancelled("c1", (E8 * 3n) / 4n));
    s = applyOrderEvent(s, { kind: "cancelled", atMs: 2003, reason: null });
    expect(s).toMatchObject({ status: "CANCELLED", filledE8: E8 / 4n, rejectReason: null });
    expect(refusal(() => applyOrderEvent(s, { kind: "cancel_requested", atMs: 1, byKeyId: null })).code).toBe("NOT_ALLOWED_IN_STATE");
  });

  it("a failed order carries its reason code next to the operator text; the summary shows both", () => {
    const d = deriveOrder([accepted(), started(), { kind: "failed", atMs: 1500, reason: "NO_LIQUIDITY", error: "NO_LIQUIDITY" }]);
    expect(d).toMatchObject({ status: "FAILED", rejectReason: "NO_LIQUIDITY", failure: "NO_LIQUIDITY" });
    const waiting = deriveOrder([accepted(), { kind: "failed", atMs: 1500, reason: "RESTART_INTERRUPTED", error: "RESTART_INTERRUPTED" }]);
    expect(waiting).toMatchObject({ status: "FAILED", rejectReason: "RESTART_INTERRUPTED" });
    // Working and completed orders have no reason.
    expect(deriveOrder([accepted(), started()]).rejectReason).toBeNull();
    expect(deriveOrder([accepted(), started(), sent("c1", 2n * E8), fill("f1", "c1", 2n * E8), { kind: "completed", atMs: 1600 }]).rejectReason).toBeNull();
  });

  it("a kill switch cancels with its reason; an ACCEPTED order cancels directly", () => {
    const s = applyOrderEvent(replay(accepted()), { kind: "cancelled", atMs: 5, reason: "KILL_SWITCH" });
    expect(s).toMatchObject({ status: "CANCELLED", rejectReason: "KILL_SWITCH" });
  });

  it("rejects up front, or while running only with nothing filled and no child working", () => {
    expect(applyOrderEvent(replay(accepted()), { kind: "rejected", atMs: 1, reason: "INSUFFICIENT_BALANCE" })).toMatchObject({
      status: "REJECTED",
      rejectReason: "INSUFFICIENT_BALANCE",
    });
    const working = replay(accepted(), started(), sent("c1", E8));
    expect(refusal(() => applyOrderEvent(working, { kind: "rejected", atMs: 1, reason: "EXCHANGE_REJECT" })).code).toBe("CHILDREN_WORKING");
    const allRefused = applyOrderEvent(working, { kind: "child_rejected", atMs: 1, childId: "c1", reason: "EXCHANGE_REJECT" });
    expect(applyOrderEvent(allRefused, { kind: "rejected", atMs: 2, reason: "EXCHANGE_REJECT" }).status).toBe("REJECTED");
    const partly = replay(accepted(), started(), sent("c1", E8), fill("f1", "c1", E8 / 2n), childCancelled("c1", E8 / 2n));
    expect(refusal(() => applyOrderEvent(partly, { kind: "rejected", atMs: 1, reason: "EXCHANGE_REJECT" })).code).toBe("HAS_FILLS");
  });

  it("completes only with fills and no working children", () => {
    expect(refusal(() => applyOrderEvent(replay(accepted(), started()), { kind: "completed", atMs: 1 })).code).toBe("NOTHING_FILLED");
    const s = replay(accepted(), started(), sent("c1", E8), sent("c2", E8, 1002, "okx"), fill("f1", "c1", E8));
    expect(refusal(() => applyOrderEvent(s, { kind: "completed", atMs: 1 })).code).toBe("CHILDREN_WORKING");
  });

  it("FAILED may leave children behind, and their late fills still count (bounded)", () => {
    let s = replay(accepted(), started(), sent("c1", E8));
    s = applyOrderEvent(s, { kind: "failed", atMs: 10, reason: "INTERNAL_ERROR", error: "venue session lost" });
    expect(s).toMatchObject({ status: "FAILED", rejectReason: "INTERNAL_ERROR", failure: "venue session lost", workingChildren: 1 });
    s = applyOrderEvent(s, fill("f1", "c1", E8));
    expect(s).toMatchObject({ status: "FAILED", filledE8: E8, rejectReason: "INTERNAL_ERROR" });
    expect(refusal(() => applyOrderEvent(s, fill("f2", "c1", 1n))).code).toBe("OVERFILL");
  });

  it("never mutates the state it was given", () => {
    const s = replay(accepted(), started(), sent("c1", 2n * E8));
    const children = s.children;
    const next = applyOrderEvent(s, fill("f1", "c1", E8));
    expect(s.fillIds.size).toBe(0);
    expect(s.children.get("c1")?.filledE8).toBe(0n);
    expect(s.children).toBe(children);
    expect(next.children).not.toBe(children);
    expect(next.children.get("c1")?.filledE8).toBe(E8);
  });

  it("updatedAtMs never moves backwards", () => {
    const s = replay(accepted(E8, 5000), started(4000));
    expect(s.updatedAtMs).toBe(5000);
  });
});

describe("deriveOrder", () => {
  it("refuses an empty log and rethrows an illegal stored event", () => {
    expect(refusal(() => deriveOrder([])).code).toBe("FIRST_EVENT_NOT_ACCEPTED");
    expect(() => deriveOrder([accepted(), { kind: "completed", atMs: 1 }])).toThrow(IllegalTransitionError);
  });

  it("gives the same answer as folding applyOrderEvent one event at a time", () => {
    const log: OrderEvent[] = [accepted(5n * E8), started()];
    for (let i = 0; i < 50; i += 1) {
      log.push(sent(`c${i}`, E8 / 10n));
      log.push(fill(`f${i}`, `c${i}`, E8 / 10n, BigInt(100 + (i % 7)) * E9));
      if (i % 3 === 0) log.push(fill(`f${i}`, `c${i}`, E8 / 10n));
    }
    log.push({ kind: "completed", atMs: 9999 });
    const folded = log.reduce<OrderState | null>((s, e) => applyOrderEvent(s, e), null);
    const derived = deriveOrder(log);
    expect(folded).not.toBeNull();
    expect(derived.state).toEqual(folded);
    expect(derived).toMatchObject({ status: "COMPLETED", filledE8: 5n * E8, residualE8: 0n });
  });
});

describe("dust and reason codes", () => {
  // 1.000004 ordered, 1 filled: the last 0.000004 was below every allowed venue's minimum.
  const ordered = E8 + 400n;
  const filledOne = (): OrderEvent[] => [accepted(ordered), started(), sent("c1", E8), fill("f1", "c1", E8)];

  it("a completed event states the dust, and the summary shows it instead of a remainder", () => {
    const d = deriveOrder([...filledOne(), { kind: "completed", atMs: 1010, dustE8: 400n }]);
    expect(d).toMatchObject({ status: "COMPLETED", filledE8: E8, residualE8: 0n, dustE8: 400n });
  });

  it("refuses a completed event whose dust is not what is unfilled", () => {
    const state = replay(...filledOne());
    expect(refusal(() => applyOrderEvent(state, { kind: "completed", atMs: 1010, dustE8: 399n })).code).toBe("INVALID_AMOUNT");
    expect(refusal(() => applyOrderEvent(state, { kind: "completed", atMs: 1010, dustE8: 0n })).code).toBe("INVALID_AMOUNT");
  });

  it("a log written before dust was recorded derives the same figure; orders that did not complete have none", () => {
    expect(deriveOrder([...filledOne(), { kind: "completed", atMs: 1010 }])).toMatchObject({ residualE8: 0n, dustE8: 400n });
    const failed = deriveOrder([...filledOne(), { kind: "failed", atMs: 1010, reason: "NO_LIQUIDITY", error: "NO_LIQUIDITY" }]);
    expect(failed).toMatchObject({ status: "FAILED", residualE8: 400n, dustE8: 0n, rejectReason: "NO_LIQUIDITY" });
  });

  it("a failed or rejected event cannot be built without a reason code", () => {
    // @ts-expect-error reason is required: no order ends FAILED without a code
    const failed: OrderEvent = { kind: "failed", atMs: 1, error: "lost the venue" };
    // @ts-expect-error reason is required on rejected too
    const rejected: OrderEvent = { kind: "rejected", atMs: 1 };
    expect([failed.kind, rejected.kind]).toEqual(["failed", "rejected"]);
    const s = replay(accepted(), started());
    for (const e of [
      { kind: "failed", atMs: 2, reason: "INTERNAL_ERROR", error: "x" },
      { kind: "rejected", atMs: 2, reason: "BELOW_MIN_SIZE" },
    ] as const) {
      expect(applyOrderEvent(s, e).rejectReason).toBe(e.reason);
    }
  });
});
