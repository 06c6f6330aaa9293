import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { OrderEvent } from "@/server/execution/order-events";
import type { JournalBatch, NewRoutingDecision, Store } from "@/server/store/port";
import { buildOrder, E8 } from "@/server/store/testing/order-fixtures";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { createJournalBatchWriter } from "./journal-batch-writer";

const T0 = 1_760_000_000_000;
const started = (i: number): OrderEvent => ({ kind: "started", atMs: T0 + i });
const paused = (i: number): OrderEvent => ({ kind: "paused", atMs: T0 + i, byKeyId: null });

/** The real SQLite store, recording each batch's orders; `fail` refuses the next n batches. */
async function recordingStore(orders: number) {
  const { store, dispose } = await openTempSqliteStore();
  const desk = await store.createDesk({ name: "w" });
  const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
  const ids: string[] = [];
  for (let i = 0; i < orders; i++) {
    const o = await store.createOrder(buildOrder(desk.id, key.id, { id: `ord_${i}`, createdAtMs: T0 }), [{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]);
    ids.push(o.id);
  }
  const batches: string[][] = [];
  const decisionBatches: string[][] = [];
  const state = { fail: 0 };
  const write = store.appendJournalBatch.bind(store);
  const recording: Store = Object.assign(Object.create(store) as Store, {
    appendJournalBatch: async (batch: JournalBatch) => {
      if (state.fail > 0) {
        state.fail--;
        throw Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
      }
      await write(batch);
      batches.push(batch.appends.map((a) => a.orderId));
      decisionBatches.push(batch.decisions.map((d) => d.orderId));
    },
  });
  const decisionFor = (orderId: string): NewRoutingDecision => ({
    id: `dec_${orderId.replace(/\W/g, "").padEnd(32, "0").slice(0, 32)}`,
    orderId, nodeOrderId: `nod_${orderId}`, deskId: desk.id, atMs: T0, routerVersion: "sor-v2", symbol: "BTC-USD", side: "buy", qtyE8: E8,
    candidates: [{ venue: "binance", scoreBps: 7, partsBps: { book: 2, fee: 5, latency: 0, staleness: 0 } }],
    exclusions: [], legs: [{ venue: "binance", qtyE8: E8, estPriceE9: 65_000n * 10n ** 9n, estCostBps: 7 }], estCostBps: 7,
  });
  return { store, recording, ids, batches, decisionBatches, decisionFor, state, dispose };
}

describe("journal batch writer", () => {
  it("writes at most maxBatchOrders orders per transaction, oldest first", async () => {
    const { recording, ids, batches, dispose } = await recordingStore(10);
    try {
      const writer = createJournalBatchWriter(recording, () => {}, () => {}, { maxBatchOrders: 4 });
      const written = ids.map((id, i) => writer.enqueue(id, started(i)));
      expect(await Promise.all(written)).toEqual(ids.map(() => true));
      expect(batches).toEqual([ids.slice(0, 4), ids.slice(4, 8), ids.slice(8)]);
    } finally {
      await dispose();
    }
  });

  it("a control event goes in the next batch, alone, ahead of orders queued before it", async () => {
    const { store, recording, ids, batches, decisionBatches, decisionFor, dispose } = await recordingStore(9);
    try {
      const writer = createJournalBatchWriter(recording, () => {}, () => {}, { maxBatchOrders: 4 });
      const first = ids.slice(0, 8).map((id, i) => writer.enqueue(id, started(i)));
      // A decision of the urgent order travels with it; the other order's waits for a normal batch.
      writer.enqueueDecision(decisionFor(ids[5]!));
      writer.enqueueDecision(decisionFor(ids[0]!));
      // ord_5 has an event queued already; its pause rides with it. ord_8 is new.
      const pause5 = writer.enqueue(ids[5]!, paused(10), true);
      const pause8 = writer.enqueue(ids[8]!, started(11), true);
      expect(await Promise.all([...first, pause5, pause8])).toEqual(Array(10).fill(true));
      expect(batches[0]).toEqual([ids[5], ids[8]]);
      expect(decisionBatches[0]).toEqual([ids[5]]);
      expect(decisionBatches[1]).toEqual([ids[0]]);
      expect(batches.slice(1)).toEqual([[ids[0], ids[1], ids[2], ids[3]], [ids[4], ids[6], ids[7]]]);
      expect((await store.listOrderEvents(ids[5]!)).map((e) => e.event.kind)).toEqual(["accepted", "started", "paused"]);
    } finally {
      await dispose();
    }
  });

  it("a failed batch goes back in front with its own waiters: none resolves before its events are written", async () => {
    const { store, recording, ids, batches, state, dispose } = await recordingStore(6);
    try {
      state.fail = 2;
      const writer = createJournalBatchWriter(recording, () => {}, () => {}, { maxBatchOrders: 3, retryMinMs: 1, retryMaxMs: 2 });
      const resolvedAt = new Map<string, number>();
      const all = ids.map((id, i) =>
        writer.enqueue(id, started(i)).then(async (ok) => {
          resolvedAt.set(id, batches.length);
          // Durable means readable from the store at the moment the promise resolves.
          expect((await store.listOrderEvents(id)).map((e) => e.event.kind)).toContain("started");
          return ok;
        }),
      );
      // An urgent event: its batch fails too, and stays first when retried.
      const pause = writer.enqueue(ids[1]!, paused(9), true);
      expect(await Promise.all([...all, pause])).toEqual(Array(7).fill(true));
      await writer.flush();
      for (const id of ids) expect(resolvedAt.get(id)).toBeGreaterThan(0);
      expect(batches).toEqual([[ids[1]], [ids[0], ids[2], ids[3]], [ids[4], ids[5]]]);
      expect((await store.listOrderEvents(ids[1]!)).map((e) => e.event.kind)).toEqual(["accepted", "started", "paused"]);
    } finally {
      await dispose();
    }
  });

  it("a failed batch is retried whole before later orders, and late events of its orders ride with it", async () => {
    const { store, recording, ids, batches, state, dispose } = await recordingStore(5);
    try {
      state.fail = 1;
      const writer = createJournalBatchWriter(recording, () => {}, () => {}, { maxBatchOrders: 2, retryMinMs: 1, retryMaxMs: 2 });
      const first = ids.map((id, i) => writer.enqueue(id, started(i)));
      await new Promise((resolve) => setImmediate(resolve));
      // Queued while the first batch fails: must land after its "started", in the same retry.
      const late = writer.enqueue(ids[0]!, paused(7));
      expect(await Promise.all([...first, late])).toEqual(Array(6).fill(true));
      expect(batches).toEqual([[ids[0], ids[1]], [ids[2], ids[3]], [ids[4]]]);
      expect((await store.listOrderEvents(ids[0]!)).map((e) => e.event.kind)).toEqual(["accepted", "started", "paused"]);
    } finally {
      await dispose();
    }
  });
});
