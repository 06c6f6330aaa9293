/**
 * The order part of the Store contract (orders, event logs, fills, decisions, kill
 * switches), called from store-contract.test.ts inside each adapter's describe block so
 * it runs against SQLite and PostgreSQL alike.
 */
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { deriveOrder } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { InvalidCursorError, OrderSeqConflictError, type NewOrder, type OrderRecord } from "../order-port";
import { StoreConflictError, type Store } from "../port";
import type { NewRoutingDecision } from "../decision-port";
import { E8, E9, acceptedEvent, buildOrder, childSentEvent, fillEvent, uniqueId } from "./order-fixtures";

export interface OrderContractContext {
  store(): Store;
  /** Another handle on the same database, like a second process. */
  open(): Store;
}

const T0 = 1_700_000_000_000;

async function allPages(store: Store, deskId: string, limit: number, filter: { parentId?: string | null } = {}): Promise<OrderRecord[]> {
  const seen: OrderRecord[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await store.listOrders(deskId, { limit, ...filter, ...(cursor ? { cursor } : {}) });
    expect(page.orders.length).toBeLessThanOrEqual(limit);
    seen.push(...page.orders);
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

export function describeOrderStoreContract(ctx: OrderContractContext): void {
  describe("orders", () => {
    let store: Store;
    let alpha: { deskId: string; keyId: string };
    let beta: { deskId: string; keyId: string };

    const newDeskWithKey = async (name: string) => {
      const desk = await store.createDesk({ name });
      const key = await store.createApiKey({ deskId: desk.id, role: "trader", sandbox: true, hash: randomBytes(32).toString("hex"), prefix: "seq_test_x", label: "" });
      return { deskId: desk.id, keyId: key.id };
    };
    const order = (who: { deskId: string; keyId: string }, overrides: Partial<NewOrder> = {}) => buildOrder(who.deskId, who.keyId, overrides);
    const create = (o: NewOrder, more: OrderEvent[] = []) => store.createOrder(o, [acceptedEvent(o), ...more]);

    const decisionFor = (o: OrderRecord, atMs: number, overrides: Partial<NewRoutingDecision> = {}): NewRoutingDecision => ({
      orderId: o.id,
      nodeOrderId: o.nodeOrderId,
      deskId: o.deskId,
      atMs,
      routerVersion: "sor-v2",
      symbol: o.symbol,
      side: o.side,
      qtyE8: o.qtyE8,
      candidates: [
        { venue: "binance", scoreBps: 7.25, partsBps: { book: 1.5, fee: 5, latency: 0.75, staleness: 0 } },
        { venue: "okx", scoreBps: 9.1, partsBps: { book: 2.1, fee: 6, latency: 1, staleness: 0 } },
      ],
      exclusions: [{ venue: "kraken", reason: "STALE_VENUE" }],
      legs: [{ venue: "binance", qtyE8: 99_999_999_912_345_678n, estPriceE9: 65_000_123_456_789n, estCostBps: 7.25 }],
      estCostBps: 7.25,
      ...overrides,
    });

    beforeEach(async () => {
      store = ctx.store();
      alpha = await newDeskWithKey("alpha");
      beta = await newDeskWithKey("beta");
    });

    it("creates an order with its first events and reads it back exactly", async () => {
      // 999,999,999.12345678 units is past 2^53 at 1e8: the TEXT column keeps every digit.
      const o = order(alpha, {
        qtyE8: 99_999_999_912_345_678n,
        limitPriceE9: 61_837_630_000_001n,
        venue: "kraken",
        clientRequestId: "req-1",
        routerVersion: null,
        sandbox: false,
        urgency: "high",
      });
      const created = await create(o, [{ kind: "started", atMs: T0 + 5 }]);
      expect(created).toEqual({ ...o, status: "RUNNING", updatedAtMs: T0 + 5 });
      expect(await store.getOrder(alpha.deskId, o.id)).toEqual(created);
      expect(await store.getOrderByNodeOrderId(alpha.deskId, o.nodeOrderId)).toEqual(created);
      const events = await store.listOrderEvents(o.id);
      expect(events.map((e) => [e.seq, e.event.kind])).toEqual([
        [1, "accepted"],
        [2, "started"],
      ]);
      expect(events[0]?.event).toEqual({ kind: "accepted", atMs: T0, qtyE8: o.qtyE8 });
      expect(await store.getOrder(alpha.deskId, "ord_missing")).toBeUndefined();
    });

    it("stores a rejection up front as REJECTED", async () => {
      const o = order(alpha);
      const created = await create(o, [{ kind: "rejected", atMs: T0, reason: "KILL_SWITCH" }]);
      expect(created.status).toBe("REJECTED");
      expect(deriveOrder((await store.listOrderEvents(o.id)).map((e) => e.event)).rejectReason).toBe("KILL_SWITCH");
    });

    it("refuses a first log that is not legal, writing nothing", async () => {
      const o = order(alpha);
      await expect(store.createOrder(o, [{ kind: "started", atMs: T0 }])).rejects.toThrow();
      await expect(store.createOrder(o, [])).rejects.toThrow();
      await expect(store.createOrder(o, [{ kind: "accepted", atMs: T0, qtyE8: 3n * E8 }])).rejects.toThrow(/differs/);
      expect(await store.getOrder(alpha.deskId, o.id)).toBeUndefined();
    });

    it("idempotency: a taken client key is a conflict that writes nothing; the key finds the original", async () => {
      const first = await create(order(alpha, { clientRequestId: "req-1" }));
      const retry = order(alpha, { clientRequestId: "req-1" });
      await expect(create(retry)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getOrder(alpha.deskId, retry.id)).toBeUndefined();
      expect(await store.listOrderEvents(retry.id)).toEqual([]);
      expect(await store.findOrderByClientKey(alpha.deskId, { clientRequestId: "req-1" })).toEqual(first);
      expect(await store.findOrderByClientKey(alpha.deskId, { clientRequestId: "req-2" })).toBeUndefined();
      // Keys are per desk, and orders without a key never collide (NULLs are distinct).
      const other = await create(order(beta, { clientRequestId: "req-1" }));
      expect(await store.findOrderByClientKey(beta.deskId, { clientRequestId: "req-1" })).toEqual(other);
      await create(order(alpha));
      await create(order(alpha));
      expect((await store.listOrders(alpha.deskId, { limit: 10 })).orders).toHaveLength(3);
    });

    it("a node_order_id is unique across desks", async () => {
      const o = await create(order(alpha));
      await expect(create(order(beta, { nodeOrderId: o.nodeOrderId }))).rejects.toBeInstanceOf(StoreConflictError);
    });

    it("creates a graph (root, nodes, slices) in one go, parents first whatever the input order", async () => {
      const root = order(alpha, { graphId: "g-1", policy: "graph", routerVersion: null });
      const twap = order(alpha, { graphId: "g-1", parentId: root.id, policy: "twap", qtyE8: E8 });
      const direct = order(alpha, { graphId: "g-1", parentId: root.id, policy: "direct", venue: "okx", qtyE8: E8 });
      const slices = [0, 1].map((i) => order(alpha, { graphId: "g-1", parentId: twap.id, policy: "slice", qtyE8: E8 / 2n, createdAtMs: T0 + i }));
      const rows = [...slices, direct, twap, root];
      const created = await store.createOrderGraph(
        rows,
        rows.map((o) => ({ orderId: o.id, event: acceptedEvent(o) })),
      );
      expect(created.map((c) => c.id)).toEqual(rows.map((r) => r.id));
      expect(created.every((c) => c.status === "ACCEPTED")).toBe(true);
      expect(await store.findOrderByClientKey(alpha.deskId, { graphId: "g-1" })).toEqual(created.at(-1));
      expect((await allPages(store, alpha.deskId, 10, { parentId: null })).map((o) => o.id)).toEqual([root.id]);
      expect((await allPages(store, alpha.deskId, 10, { parentId: twap.id })).map((o) => o.id).sort()).toEqual(slices.map((s) => s.id).sort());
      expect(await allPages(store, alpha.deskId, 10)).toHaveLength(5);

      // The graph key is taken on this desk, free on another.
      const again = order(alpha, { graphId: "g-1" });
      await expect(store.createOrderGraph([again], [{ orderId: again.id, event: acceptedEvent(again) }])).rejects.toBeInstanceOf(StoreConflictError);
      const elsewhere = order(beta, { graphId: "g-1" });
      await store.createOrderGraph([elsewhere], [{ orderId: elsewhere.id, event: acceptedEvent(elsewhere) }]);
    });

    it("atomic: when a later insert of the batch fails, nothing of it remains", async () => {
      const existing = await create(order(alpha));
      const root = order(alpha, { graphId: "g-2" });
      // The second level collides on node_order_id after the root row went in.
      const node = order(alpha, { graphId: "g-2", parentId: root.id, nodeOrderId: existing.nodeOrderId });
      await expect(
        store.createOrderGraph(
          [root, node],
          [root, node].map((o) => ({ orderId: o.id, event: acceptedEvent(o) })),
        ),
      ).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getOrder(alpha.deskId, root.id)).toBeUndefined();
      expect(await store.listOrderEvents(root.id)).toEqual([]);
      expect(await store.findOrderByClientKey(alpha.deskId, { graphId: "g-2" })).toBeUndefined();

      // A fill in the first events whose id another order owns fails after both inserts.
      const a = await create(order(alpha), [{ kind: "started", atMs: T0 }, childSentEvent("c1", E8, T0), fillEvent("fx", "c1", E8, T0)]);
      const b = order(alpha);
      await expect(create(b, [{ kind: "started", atMs: T0 }, childSentEvent("c1", E8, T0), fillEvent("fx", "c1", E8, T0)])).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.getOrder(alpha.deskId, b.id)).toBeUndefined();
      expect(await store.listOrderEvents(b.id)).toEqual([]);
      expect((await store.listFills(a.id)).map((f) => f.fillId)).toEqual(["fx"]);

      // Events for an order outside the batch are refused before anything is written.
      const c = order(alpha);
      await expect(store.createOrderGraph([c], [{ orderId: c.id, event: acceptedEvent(c) }, { orderId: "ord_other", event: acceptedEvent(c) }])).rejects.toThrow();
      expect(await store.getOrder(alpha.deskId, c.id)).toBeUndefined();
    });

    it("desk scoping: another desk's order, events and decisions are simply not found", async () => {
      const o = await create(order(alpha, { clientRequestId: "req-1", graphId: "g-1" }));
      expect(await store.getOrder(beta.deskId, o.id)).toBeUndefined();
      expect(await store.getOrderByNodeOrderId(beta.deskId, o.nodeOrderId)).toBeUndefined();
      expect(await store.findOrderByClientKey(beta.deskId, { clientRequestId: "req-1" })).toBeUndefined();
      expect(await store.findOrderByClientKey(beta.deskId, { graphId: "g-1" })).toBeUndefined();
      expect(await store.listOrders(beta.deskId, { limit: 10 })).toEqual({ orders: [], nextCursor: null });
      await store.insertDecision(decisionFor(o, T0));
      expect(await store.listDecisions(beta.deskId, { lastN: 10 })).toEqual([]);
      expect(await store.listDecisions(beta.deskId, { lastN: 10, nodeOrderId: o.nodeOrderId })).toEqual([]);
    });

    it("pages newest first with a stable cursor across equal timestamps, with no gaps or repeats", async () => {
      const made: OrderRecord[] = [];
      // Three orders share T0, four share T0+1; ids are random so ties really are broken by id.
      for (let i = 0; i < 7; i += 1) made.push(await create(order(alpha, { createdAtMs: i < 3 ? T0 : T0 + 1 })));
      await create(order(beta, { createdAtMs: T0 }));
      const expected = [...made].sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : -1)).map((o) => o.id);
      for (const limit of [1, 2, 3, 7, 50]) {
        expect((await allPages(store, alpha.deskId, limit)).map((o) => o.id)).toEqual(expected);
      }
      // Orders arriving between pages do not shift the pages already being read.
      const first = await store.listOrders(alpha.deskId, { limit: 3 });
      await create(order(alpha, { createdAtMs: T0 + 2 }));
      const rest = await store.listOrders(alpha.deskId, { limit: 10, cursor: first.nextCursor! });
      expect([...first.orders, ...rest.orders].map((o) => o.id)).toEqual(expected);
      expect(rest.nextCursor).toBeNull();
    });

    it("filters by status, symbol and date range", async () => {
      const btcOld = await create(order(alpha, { createdAtMs: T0 }));
      const ethMid = await create(order(alpha, { symbol: "ETH-USD", createdAtMs: T0 + 1000 }), [{ kind: "started", atMs: T0 + 1001 }]);
      const btcNew = await create(order(alpha, { createdAtMs: T0 + 2000 }), [{ kind: "cancelled", atMs: T0 + 2001, reason: null }]);
      const ids = async (q: Parameters<Store["listOrders"]>[1]) => (await store.listOrders(alpha.deskId, q)).orders.map((o) => o.id);
      expect(await ids({ limit: 10, status: "RUNNING" })).toEqual([ethMid.id]);
      expect(await ids({ limit: 10, status: ["ACCEPTED", "CANCELLED"] })).toEqual([btcNew.id, btcOld.id]);
      expect(await ids({ limit: 10, status: [] })).toEqual([]);
      expect(await ids({ limit: 10, symbol: "BTC-USD" })).toEqual([btcNew.id, btcOld.id]);
      expect(await ids({ limit: 10, fromMs: T0 + 1000 })).toEqual([btcNew.id, ethMid.id]);
      expect(await ids({ limit: 10, toMs: T0 + 1000 })).toEqual([btcOld.id]);
      expect(await ids({ limit: 10, fromMs: T0 + 500, toMs: T0 + 1500, symbol: "ETH-USD", status: "RUNNING" })).toEqual([ethMid.id]);
      // A page boundary inside a filtered listing.
      const p1 = await store.listOrders(alpha.deskId, { limit: 1, symbol: "BTC-USD" });
      expect(p1.orders.map((o) => o.id)).toEqual([btcNew.id]);
      expect((await store.listOrders(alpha.deskId, { limit: 1, symbol: "BTC-USD", cursor: p1.nextCursor! })).orders.map((o) => o.id)).toEqual([btcOld.id]);
    });

    it("refuses a cursor it did not hand out, and a bad limit", async () => {
      for (const cursor of ["", "garbage!", Buffer.from("x:y").toString("base64url"), Buffer.from("12").toString("base64url")]) {
        await expect(store.listOrders(alpha.deskId, { limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
      await expect(store.listOrders(alpha.deskId, { limit: 0 })).rejects.toThrow(RangeError);
    });

    it("appends events after the log's end, projecting status, fills and update time", async () => {
      const o = await create(order(alpha));
      const appended = await store.appendOrderEvents(o.id, [{ kind: "started", atMs: T0 + 10 }, childSentEvent("c1", 2n * E8, T0 + 11)], 1);
      expect(appended.map((e) => e.seq)).toEqual([2, 3]);
      expect(await store.getOrder(alpha.deskId, o.id)).toMatchObject({ status: "RUNNING", updatedAtMs: T0 + 11 });

      await store.appendOrderEvents(o.id, [fillEvent("f1", "c1", E8, T0 + 20), fillEvent("f2", "c1", E8, T0 + 15)], 3);
      // An event stamped earlier than the row's last change does not move updated_at back.
      expect(await store.getOrder(alpha.deskId, o.id)).toMatchObject({ status: "RUNNING", updatedAtMs: T0 + 20 });
      const fills = await store.listFills(o.id);
      expect(fills.map((f) => f.fillId)).toEqual(["f2", "f1"]);
      expect(fills[0]).toEqual({ fillId: "f2", orderId: o.id, childId: "c1", venue: "binance", qtyE8: E8, priceE9: 65_000n * E9 + 123_456_789n, feeE9: 1_234_567n, liquidity: "taker", atMs: T0 + 15 });

      await store.appendOrderEvents(o.id, [{ kind: "completed", atMs: T0 + 30 }], 5);
      const log = await store.listOrderEvents(o.id);
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(deriveOrder(log.map((e) => e.event))).toMatchObject({ status: "COMPLETED", filledE8: 2n * E8 });
      expect((await store.getOrder(alpha.deskId, o.id))?.status).toBe("COMPLETED");
      expect((await store.listOrderEvents(o.id, 4)).map((e) => e.seq)).toEqual([5, 6]);
      expect(await store.appendOrderEvents(o.id, [], 6)).toEqual([]);
      await expect(store.appendOrderEvents("ord_missing", [{ kind: "started", atMs: T0 }])).rejects.toThrow(/no order/);
    });

    it("keeps the TCA roll-up in step with the log: per order, per day, per venue, latencies; a rebuild gives the same", async () => {
      const body = JSON.stringify({ request: {}, forecast: { arrivalMid: 65_000, p50Bps: 1, p90Bps: 3, rawP50Bps: 0.5, rawP90Bps: 2, calibrationGroup: "sor|1-5x" } });
      const o = await create(order(alpha, { bodyJson: body, routerVersion: "v2" }));
      await store.appendOrderEvents(o.id, [{ kind: "started", atMs: T0 + 10 }, childSentEvent("c1", E8, T0 + 10), childSentEvent("c2", E8, T0 + 11, "okx")]);
      await store.appendOrderEvents(o.id, [{ kind: "child_acked", atMs: T0 + 17.9, childId: "c1" }, { kind: "child_rejected", atMs: T0 + 13, childId: "c2", reason: "EXCHANGE_REJECT" }]);
      const f1 = fillEvent("f1", "c1", E8, T0 + 20);
      await store.appendOrderEvents(o.id, [f1, f1, { kind: "completed", atMs: T0 + 30 }]);
      const realized = ((0.123456789 + 0.001234567) / 65_000) * 1e4;
      const day = new Date(T0).toISOString().slice(0, 10);
      const scope = { deskId: alpha.deskId, fromDay: day, toDay: day };

      const check = async () => {
        const row = (await store.getOrderTca([o.id])).get(o.id)!;
        expect(row).toMatchObject({ status: "COMPLETED", filledE8: E8, fills: 1, lastSeq: 9, routerVersion: "v2", arrivalMid: 65_000, forecastP90Bps: 3, updatedAtMs: T0 + 30 });
        expect(row.realizedBps).toBeCloseTo(realized, 12);
        expect(await store.listTcaGroups(scope)).toEqual([
          expect.objectContaining({ day, symbol: "BTC-USD", routerVersion: "v2", orders: 1, completed: 1, fills: 1, qty: 2, filled: 1, calibN: 1, calibWithin: 1 }),
        ]);
        const venues = await store.listTcaVenues(scope);
        expect(venues.map((v) => [v.venue, v.sent, v.fills, v.rejected, v.filledQty])).toEqual([["binance", 1, 1, 0, 1], ["okx", 1, 0, 1, 0]]);
        expect(venues[0]!.costW / venues[0]!.costN).toBeCloseTo(realized, 12);
        // Stored times are whole ms: sent at T0+10, acked at T0+17.9 → 17, so 7 ms.
        expect(await store.listTcaLatencies(scope)).toEqual([{ venue: "binance", latencyMs: 7, n: 1 }]);
        expect([...(await store.listRealizedCostsSorted(scope))]).toEqual([row.realizedBps]);
        expect((await store.listTcaGroups({ ...scope, venue: "okx" }))[0]).toMatchObject({ orders: 1, fills: 1 });
        expect(await store.listTcaGroups({ ...scope, venue: "kraken" })).toEqual([]);
        expect(await store.listTcaGroups({ ...scope, deskId: beta.deskId })).toEqual([]);
        expect(await store.listTcaLatencies({ ...scope, venue: "okx" })).toEqual([{ venue: "binance", latencyMs: 7, n: 1 }]);
        expect((await store.listOrderTca(scope)).map((r) => r.nodeOrderId)).toEqual([o.nodeOrderId]);
        expect(await store.listCalibrationOutcomes(T0 - 1, 10)).toEqual([
          { symbol: "BTC-USD", createdAtMs: T0, forecastP50Bps: 1, forecastP90Bps: 3, realizedBps: row.realizedBps, rawP50Bps: 0.5, rawP90Bps: 2, calibrationGroup: "sor|1-5x" },
        ]);
        expect(await store.listCalibrationOutcomes(T0 - 1, 10, beta.deskId)).toEqual([]);
        expect(await store.listCalibrationOutcomes(T0 - 1, 10, alpha.deskId)).toHaveLength(1);
      };
      await check();
      expect(await store.rebuildTca()).toBeGreaterThanOrEqual(1);
      await check();

      const context = { orderId: o.id, mids: [{ tsMs: T0, mid: 65_000.5 }], vwap: 65_001.25, tapeQty: 3.5, vwapFromMs: T0, vwapToMs: T0 + 20, source: "test", recordedAtMs: T0 + 400 };
      await store.putMarketContext(context);
      await store.putMarketContext({ ...context, mids: [...context.mids, { tsMs: T0 + 1000, mid: 65_002 }] });
      expect(await store.getMarketContext(o.id)).toEqual({ ...context, mids: [...context.mids, { tsMs: T0 + 1000, mid: 65_002 }] });
      expect(await store.getMarketContext("ord_missing")).toBeUndefined();
    });

    it("the roll-up keeps each final order's reason and counts what it counted: every order, completed ones, child rejects per venue", async () => {
      const start = (o: NewOrder) => create(o, [{ kind: "started", atMs: T0 + 1 }]);
      // FAILED after a partial fill (nothing more to take), with a child refused on okx first.
      const failed = await start(order(alpha));
      await store.appendOrderEvents(failed.id, [childSentEvent("c1", E8, T0 + 2, "okx"), { kind: "child_rejected", atMs: T0 + 3, childId: "c1", reason: "EXCHANGE_BUSY" }]);
      await store.appendOrderEvents(failed.id, [childSentEvent("c2", E8, T0 + 4), fillEvent("f1", "c2", E8 / 2n, T0 + 5), { kind: "child_cancelled", atMs: T0 + 6, childId: "c2", qtyE8: E8 / 2n }]);
      await store.appendOrderEvents(failed.id, [{ kind: "failed", atMs: T0 + 7, reason: "NO_LIQUIDITY", error: "NO_LIQUIDITY" }]);
      // REJECTED: every child refused, nothing filled.
      const rejected = await start(order(alpha));
      await store.appendOrderEvents(rejected.id, [childSentEvent("c1", E8, T0 + 2, "okx"), { kind: "child_rejected", atMs: T0 + 3, childId: "c1", reason: "EXCHANGE_REJECT" }, { kind: "rejected", atMs: T0 + 4, reason: "EXCHANGE_REJECT" }]);
      // Cancelled by the kill switch, and one cancelled by its client (no reason stored).
      const killed = await start(order(alpha));
      await store.appendOrderEvents(killed.id, [{ kind: "cancel_requested", atMs: T0 + 2, byKeyId: null }, { kind: "cancelled", atMs: T0 + 3, reason: "KILL_SWITCH" }]);
      const cancelled = await start(order(alpha));
      await store.appendOrderEvents(cancelled.id, [{ kind: "cancel_requested", atMs: T0 + 2, byKeyId: alpha.keyId }, { kind: "cancelled", atMs: T0 + 3, reason: null }]);
      const day = new Date(T0).toISOString().slice(0, 10);
      const scope = { deskId: alpha.deskId, fromDay: day, toDay: day };

      const check = async () => {
        const rows = await store.getOrderTca([failed.id, rejected.id, killed.id, cancelled.id]);
        expect(rows.get(failed.id)).toMatchObject({ status: "FAILED", rejectReason: "NO_LIQUIDITY", filledE8: E8 / 2n, fills: 1 });
        expect(rows.get(rejected.id)).toMatchObject({ status: "REJECTED", rejectReason: "EXCHANGE_REJECT", fills: 0 });
        expect(rows.get(killed.id)).toMatchObject({ status: "CANCELLED", rejectReason: "KILL_SWITCH" });
        expect(rows.get(cancelled.id)).toMatchObject({ status: "CANCELLED", rejectReason: null });
        expect(await store.listTcaGroups(scope)).toEqual([expect.objectContaining({ orders: 4, completed: 0, fills: 1, filled: 0.5 })]);
        const venues = await store.listTcaVenues(scope);
        expect(venues.map((v) => [v.venue, v.sent, v.rejected, v.fills])).toEqual([["binance", 1, 0, 1], ["okx", 2, 2, 0]]);
      };
      await check();
      expect(await store.rebuildTca()).toBeGreaterThanOrEqual(4);
      await check();
    });

    it("a stale expectedSeq is an OrderSeqConflictError and appends nothing", async () => {
      const o = await create(order(alpha));
      const other = ctx.open();
      // Both writers read the log at seq 1; the first to append wins.
      await other.appendOrderEvents(o.id, [{ kind: "started", atMs: T0 + 1 }], 1);
      const err = await store.appendOrderEvents(o.id, [{ kind: "cancelled", atMs: T0 + 2, reason: null }], 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OrderSeqConflictError);
      expect(err).toBeInstanceOf(StoreConflictError);
      expect(err).toMatchObject({ orderId: o.id, expectedSeq: 1, actualSeq: 2 });
      expect((await store.listOrderEvents(o.id)).map((e) => e.event.kind)).toEqual(["accepted", "started"]);
      expect((await store.getOrder(alpha.deskId, o.id))?.status).toBe("RUNNING");
    });

    it("of two racing appends at the same expectedSeq exactly one lands", async () => {
      const o = await create(order(alpha));
      // One handle: PostgreSQL runs the two on separate pooled connections (a real race,
      // settled by the primary key); SQLite's single connection takes them in turn.
      const results = await Promise.allSettled([
        store.appendOrderEvents(o.id, [{ kind: "started", atMs: T0 + 1 }], 1),
        store.appendOrderEvents(o.id, [{ kind: "cancelled", atMs: T0 + 1, reason: null }], 1),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(OrderSeqConflictError);
      expect((await store.listOrderEvents(o.id)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it("insertFills records each fill id once and says which were new", async () => {
      const o = await create(order(alpha), [{ kind: "started", atMs: T0 }, childSentEvent("c1", 2n * E8, T0)]);
      const f = (id: string, at: number) => ({ ...fillEvent(id, "c1", E8 / 4n, at), orderId: o.id });
      const rec = (id: string, at: number) => {
        const { kind: _k, ...rest } = f(id, at);
        return rest;
      };
      expect(await store.insertFills([rec("f1", T0 + 1), rec("f2", T0 + 2), rec("f1", T0 + 1)])).toEqual(["f1", "f2"]);
      expect(await store.insertFills([rec("f2", T0 + 2), rec("f3", T0 + 3)])).toEqual(["f3"]);
      expect(await store.insertFills([rec("f3", T0 + 3)])).toEqual([]);
      expect(await store.insertFills([])).toEqual([]);
      expect((await store.listFills(o.id)).map((x) => x.fillId)).toEqual(["f1", "f2", "f3"]);
      // Appending the events of fills already recorded for this order is fine (same fills).
      await store.appendOrderEvents(o.id, [fillEvent("f1", "c1", E8 / 4n, T0 + 1)], 3);
      expect(await store.listFills(o.id)).toHaveLength(3);
      // …but a fill id recorded for another order is a conflict, and nothing is appended.
      const p = await create(order(alpha), [{ kind: "started", atMs: T0 }, childSentEvent("c9", E8, T0)]);
      await expect(store.appendOrderEvents(p.id, [fillEvent("f2", "c9", E8 / 4n, T0 + 5)], 3)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listOrderEvents(p.id)).toHaveLength(3);
      expect(await store.listFills(p.id)).toEqual([]);
    });

    it("updateOrderStatus repairs the status column", async () => {
      const o = await create(order(alpha));
      expect(await store.updateOrderStatus(o.id, "FAILED", T0 + 99)).toBe(true);
      expect(await store.getOrder(alpha.deskId, o.id)).toMatchObject({ status: "FAILED", updatedAtMs: T0 + 99 });
      expect(await store.updateOrderStatus("ord_missing", "FAILED", T0)).toBe(false);
    });

    it("lists working orders of every desk for restart recovery, oldest first", async () => {
      const a = await create(order(alpha, { createdAtMs: T0 + 2 }));
      const b = await create(order(beta, { createdAtMs: T0 + 1 }), [{ kind: "started", atMs: T0 + 3 }]);
      const c = await create(order(alpha, { createdAtMs: T0 + 3 }), [{ kind: "paused", atMs: T0 + 4, byKeyId: null }]);
      await create(order(alpha), [{ kind: "rejected", atMs: T0, reason: "BAD_VENUE" }]);
      await create(order(beta), [{ kind: "cancelled", atMs: T0, reason: null }]);
      expect((await store.listWorkingOrders()).map((o) => [o.id, o.status])).toEqual([
        [b.id, "RUNNING"],
        [a.id, "ACCEPTED"],
        [c.id, "PAUSED"],
      ]);
    });

    it("stores routing decisions whole and lists the last N newest first", async () => {
      const o1 = await create(order(alpha));
      const o2 = await create(order(alpha));
      const d1 = await store.insertDecision({ ...decisionFor(o1, T0 + 1), detail: { mid: 100.5, candidates: [{ venue: "okx", touch: 100.6 }] } });
      const d2 = await store.insertDecision(decisionFor(o2, T0 + 2, { estCostBps: null, legs: [], exclusions: [] }));
      const d3 = await store.insertDecision(decisionFor(o1, T0 + 3));
      const d4 = await store.insertDecision(decisionFor(o1, T0 + 3));
      expect(d1.id).toMatch(/^dec_[0-9a-f]{32}$/);
      expect(d1).toEqual({ ...decisionFor(o1, T0 + 1), id: d1.id, detail: { mid: 100.5, candidates: [{ venue: "okx", touch: 100.6 }] }, repeatCount: 0, lastRepeatAtMs: null });
      expect(d2.detail).toBeNull();
      const tied = [d3, d4].sort((a, b) => (a.id < b.id ? 1 : -1));
      expect(await store.listDecisions(alpha.deskId, { lastN: 10 })).toEqual([...tied, d2, d1]);
      expect((await store.listDecisions(alpha.deskId, { lastN: 2 })).map((d) => d.id)).toEqual(tied.map((d) => d.id));
      expect((await store.listDecisions(alpha.deskId, { lastN: 10, nodeOrderId: o2.nodeOrderId })).map((d) => d.id)).toEqual([d2.id]);
      expect((await store.listDecisions(alpha.deskId, { lastN: 1, nodeOrderId: o1.nodeOrderId })).map((d) => d.id)).toEqual([tied[0]!.id]);
      await expect(store.listDecisions(alpha.deskId, { lastN: 0 })).rejects.toThrow(RangeError);
    });

    it("kill switch: released by default, engaged and released per desk, repeats keep the real change", async () => {
      expect(await store.getKillSwitch(alpha.deskId)).toEqual({ deskId: alpha.deskId, engaged: false, changedAtMs: null, changedByKeyId: null, version: 0 });
      expect(await store.setKillSwitch(alpha.deskId, true, alpha.keyId, T0 + 1)).toEqual({ deskId: alpha.deskId, engaged: true, changedAtMs: T0 + 1, changedByKeyId: alpha.keyId, version: 1 });
      expect(await store.setKillSwitch(alpha.deskId, true, null, T0 + 2)).toMatchObject({ engaged: true, changedAtMs: T0 + 1, changedByKeyId: alpha.keyId, version: 1 });
      expect((await store.getKillSwitch(beta.deskId)).engaged).toBe(false);
      // Seen at once by another handle (another instance).
      expect((await ctx.open().getKillSwitch(alpha.deskId)).engaged).toBe(true);
      expect(await store.setKillSwitch(alpha.deskId, false, null, T0 + 3)).toEqual({ deskId: alpha.deskId, engaged: false, changedAtMs: T0 + 3, changedByKeyId: null, version: 2 });
      expect((await store.listKillSwitches()).map((k) => [k.deskId, k.version])).toEqual([[alpha.deskId, 2]]);
    });

    it("kill switch fence: an engaged switch refuses the create in its transaction; the version passed is returned", async () => {
      const first = order(alpha);
      const passed = await store.createOrdersFenced([first], [{ orderId: first.id, event: acceptedEvent(first) }]);
      expect(passed.killSwitchVersion).toBe(0);
      expect(passed.records.map((r) => r.id)).toEqual([first.id]);
      // A placeholder row (PostgreSQL) still reads as never touched.
      expect(await store.getKillSwitch(alpha.deskId)).toMatchObject({ engaged: false, changedAtMs: null, version: 0 });
      await store.setKillSwitch(alpha.deskId, true, alpha.keyId, T0 + 1);
      const refused = order(alpha);
      await expect(store.createOrdersFenced([refused], [{ orderId: refused.id, event: acceptedEvent(refused) }])).rejects.toMatchObject({ name: "KillSwitchEngagedError" });
      expect(await store.getOrder(alpha.deskId, refused.id)).toBeUndefined();
      // Another desk is not fenced.
      const other = order(beta);
      expect((await store.createOrdersFenced([other], [{ orderId: other.id, event: acceptedEvent(other) }])).records).toHaveLength(1);
      await store.setKillSwitch(alpha.deskId, false, alpha.keyId, T0 + 2);
      const after = order(alpha);
      expect((await store.createOrdersFenced([after], [{ orderId: after.id, event: acceptedEvent(after) }])).killSwitchVersion).toBe(2);
    });

    it("journal batch: several orders' events, decisions and repeat counts in one all-or-nothing transaction", async () => {
      const a = await create(order(alpha), [{ kind: "started", atMs: T0 }]);
      const b = await create(order(alpha), [{ kind: "started", atMs: T0 }]);
      const decision = { ...decisionFor(a, T0 + 1), id: `dec_${"a".repeat(32)}` };
      await store.appendJournalBatch({
        appends: [
          { orderId: a.id, events: [childSentEvent("a-c1", a.qtyE8, T0 + 1), fillEvent(uniqueId("f"), "a-c1", a.qtyE8, T0 + 2), { kind: "completed", atMs: T0 + 3 }] },
          { orderId: b.id, events: [{ kind: "paused", atMs: T0 + 1, byKeyId: alpha.keyId }] },
        ],
        decisions: [decision],
        decisionRepeats: [],
      });
      expect((await store.getOrder(alpha.deskId, a.id))?.status).toBe("COMPLETED");
      expect((await store.getOrder(alpha.deskId, b.id))?.status).toBe("PAUSED");
      expect((await store.listFills(a.id)).reduce((s, f) => s + f.qtyE8, 0n)).toBe(a.qtyE8);
      await store.appendJournalBatch({ appends: [], decisions: [], decisionRepeats: [{ id: decision.id, count: 7, lastAtMs: T0 + 9 }] });
      expect((await store.listDecisions(alpha.deskId, { lastN: 1 }))[0]).toMatchObject({ id: decision.id, repeatCount: 7, lastRepeatAtMs: T0 + 9 });
      // One bad order (an unknown one) fails the whole batch: b's resume is not written either.
      await expect(
        store.appendJournalBatch({
          appends: [
            { orderId: b.id, events: [{ kind: "resumed", atMs: T0 + 5, byKeyId: null }] },
            { orderId: "ord_missing", events: [{ kind: "started", atMs: T0 + 5 }] },
          ],
          decisions: [],
          decisionRepeats: [],
        }),
      ).rejects.toThrow();
      expect((await store.getOrder(alpha.deskId, b.id))?.status).toBe("PAUSED");
      expect(await store.listOrderEvents(b.id)).toHaveLength(3);
    });

    it("keeps many fills exact: Σ fills equals the log's filled quantity", async () => {
      const o = await create(order(alpha, { qtyE8: 10n * E8 }), [{ kind: "started", atMs: T0 }]);
      let seq = 2;
      for (let i = 0; i < 10; i += 1) {
        const events: OrderEvent[] = [childSentEvent(`c${i}`, E8, T0 + i), fillEvent(uniqueId("f"), `c${i}`, E8 / 3n, T0 + i), fillEvent(uniqueId("f"), `c${i}`, E8 - E8 / 3n, T0 + i)];
        await store.appendOrderEvents(o.id, events, seq);
        seq += events.length;
      }
      await store.appendOrderEvents(o.id, [{ kind: "completed", atMs: T0 + 99 }], seq);
      const fills = await store.listFills(o.id);
      const derived = deriveOrder((await store.listOrderEvents(o.id)).map((e) => e.event));
      expect(fills.reduce((s, f) => s + f.qtyE8, 0n)).toBe(derived.filledE8);
      expect(derived).toMatchObject({ status: "COMPLETED", filledE8: 10n * E8 });
    });
  });
}
