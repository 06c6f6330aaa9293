import { describe, expect, it } from "vitest";
import { auditCycle } from "./audit-cycle";
import { createLedger, type FaultLedger } from "./fault-ledger";
import { snapshotFromRows } from "./store-snapshot";

const T0 = 1_700_000_000_000;
type Ev = [kind: string, payload: Record<string, unknown>, atMs: number];

/** One simple order of `qty` (decimal text) with these events after `accepted`, as raw rows. */
function world(orders: { id: string; qty: string; events: Ev[]; status: string; limit?: string }[]) {
  const raw = { orders: [] as Record<string, unknown>[], events: [] as Record<string, unknown>[], fills: [] as Record<string, unknown>[] };
  for (const o of orders) {
    const qtyE8 = String(Math.round(Number(o.qty) * 1e8));
    raw.orders.push({ id: o.id, desk_id: "d", parent_id: null, graph_id: null, client_request_id: null, body_json: JSON.stringify({ request: { symbol: "BTC-USD", side: "buy", qty: Number(o.qty) } }), qty: o.qty, limit_price: o.limit ?? null, policy: "sor", status: o.status, created_at_ms: T0 });
    const all: Ev[] = [["accepted", { qtyE8 }, T0], ...o.events];
    all.forEach(([kind, payload, atMs], seq) => {
      raw.events.push({ order_id: o.id, seq, kind, payload_json: JSON.stringify(payload), at_ms: atMs });
      if (kind === "fill") raw.fills.push({ fill_id: payload.fillId, order_id: o.id, child_id: payload.childId, qty: (Number(payload.qtyE8) / 1e8).toFixed(8), at_ms: atMs });
    });
  }
  return snapshotFromRows(raw);
}
const sent = (childId: string, qtyE8: string, at = T0 + 1): Ev => ["child_sent", { childId, venue: "binance", qtyE8, limitPriceE9: null, decisionId: null }, at];
const fill = (fillId: string, childId: string, qtyE8: string, at = T0 + 2): Ev => ["fill", { fillId, childId, venue: "binance", qtyE8, priceE9: "1", feeE9: "0", liquidity: "taker" }, at];
const acked = (ledger: FaultLedger, id: string, qty: number) =>
  ledger.orders.push({ orderId: id, nodeIds: [id], kind: "sor", body: { symbol: "BTC-USD", side: "buy", qty }, idemKey: undefined, sentAtMs: T0, ackedAtMs: T0 });
const classes = (ledger: FaultLedger, snap: ReturnType<typeof world>) => auditCycle({ ledger, snapshot: snap, api: new Map(), nowMs: T0 + 60_000 }).map((v) => v.cls);

describe("auditCycle", () => {
  it("finds nothing wrong with an order filled in full and completed", () => {
    const ledger = createLedger();
    acked(ledger, "a", 1);
    const snap = world([{ id: "a", qty: "1", status: "COMPLETED", events: [["started", {}, T0], sent("c1", "100000000"), fill("f1", "c1", "100000000"), ["completed", {}, T0 + 3]] }]);
    expect(classes(ledger, snap)).toEqual([]);
  });

  it("flags a COMPLETED order with 0.4 of 1 filled as short_completed", () => {
    const ledger = createLedger();
    acked(ledger, "a", 1);
    const snap = world([{ id: "a", qty: "1", status: "COMPLETED", events: [["started", {}, T0], sent("c1", "40000000"), fill("f1", "c1", "40000000"), ["completed", {}, T0 + 3]] }]);
    expect(classes(ledger, snap)).toEqual(["short_completed"]);
  });

  it("a COMPLETED order short by the dust its completed event states is fine; dust that does not add up, or that a venue would take, is short_completed", () => {
    const ledger = createLedger();
    for (const id of ["ok", "wrong", "big"]) acked(ledger, id, 1.000004);
    // Binance fills at 90,000 USD: its 5 USD minimum is 0.0000556 BTC, so 0.0001 BTC was not dust.
    const at90k = (fillId: string, childId: string, qtyE8: string): Ev => ["fill", { fillId, childId, venue: "binance", qtyE8, priceE9: "90000000000000", feeE9: "0", liquidity: "taker" }, T0 + 2];
    const done = (filledE8: string, dustE8: string): Ev[] => [["started", {}, T0], sent("c1", filledE8), at90k(`f-${filledE8}-${dustE8}`, "c1", filledE8), ["completed", { dustE8 }, T0 + 3]];
    const snap = world([
      { id: "ok", qty: "1.000004", status: "COMPLETED", events: done("100000000", "400") },
      { id: "wrong", qty: "1.000004", status: "COMPLETED", events: done("100000000", "300") },
      { id: "big", qty: "1.000004", status: "COMPLETED", events: done("99990400", "10000") },
    ]);
    const found = auditCycle({ ledger, snapshot: snap, api: new Map(), nowMs: T0 + 60_000 });
    expect(found.map((v) => [v.subject, v.cls])).toEqual([
      ["wrong", "short_completed"],
      ["big", "short_completed"],
    ]);
  });

  it("flags an acknowledged order missing from the store as lost", () => {
    const ledger = createLedger();
    acked(ledger, "gone", 1);
    expect(classes(ledger, world([]))).toEqual(["lost"]);
  });

  it("flags fills after an acknowledged cancel, and an order left running, as ignored cancels and stuck", () => {
    const ledger = createLedger();
    acked(ledger, "a", 1);
    ledger.cancels.push({ orderId: "a", targetIds: ["a"], sentAtMs: T0 + 5, ackedAtMs: T0 + 10 });
    const snap = world([{ id: "a", qty: "1", status: "RUNNING", events: [["started", {}, T0], ["cancel_requested", { byKeyId: "k" }, T0 + 6], sent("c1", "50000000", T0 + 9_000), fill("f1", "c1", "50000000", T0 + 9_001)] }]);
    expect(classes(ledger, snap).sort()).toEqual(["ignored_cancels", "stuck"]);
  });

  it("flags a child id sent twice as duplicated and a child filled past its size as overfilled", () => {
    const ledger = createLedger();
    const snap = world([
      { id: "a", qty: "1", status: "COMPLETED", events: [["started", {}, T0], sent("c1", "50000000"), sent("c1", "50000000"), fill("f1", "c1", "100000000"), ["completed", {}, T0 + 3]] },
      { id: "b", qty: "1", status: "CANCELLED", events: [["started", {}, T0], sent("c1", "10000000"), fill("f2", "c1", "20000000"), ["cancelled", { reason: null }, T0 + 3]] },
    ]);
    expect(classes(ledger, snap).sort()).toEqual(["duplicated", "overfilled"]);
  });

  it("flags an order still working after an acknowledged engage as ignoring the kill switch, but not one created after the release", () => {
    const ledger = createLedger();
    ledger.killSwitch.push({ action: "engage", status: 200, sentAtMs: T0 + 1, answeredAtMs: T0 + 2 }, { action: "release", status: 200, sentAtMs: T0 + 100, answeredAtMs: T0 + 101 });
    const snap = world([{ id: "a", qty: "1", status: "RUNNING", limit: "1", events: [["started", {}, T0], sent("c1", "10000000", T0 + 5_000), fill("f1", "c1", "10000000", T0 + 5_000)] }]);
    expect(classes(ledger, snap)).toEqual(["ignored_kill_switch"]);
  });

  it("leaves a resting limit order alone", () => {
    const ledger = createLedger();
    const snap = world([{ id: "a", qty: "1", status: "RUNNING", limit: "1", events: [["started", {}, T0]] }]);
    expect(classes(ledger, snap)).toEqual([]);
  });
});
