import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { dustNote } from "@/lib/reason-messages";
import { deriveOrder, dustQtyE8 } from "@/server/execution/order-states";
import { buildOrder, E8 } from "@/server/store/testing/order-fixtures";
import { openTempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { loadOrderView } from "./order-view";
import { createSandboxJournal } from "./sandbox-journal";

const T0 = 1_760_000_000_000;

describe("sandbox journal follow-ups", () => {
  it("runs onCompleted and onFinal once the final event is written, and onFinal for a cancel too", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "j" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const seen: string[] = [];
      const journal = createSandboxJournal(
        store,
        (m, e) => {
          throw new Error(`${m}: ${String(e)}`);
        },
        async (id) => void seen.push(`completed ${id}`),
        async (id) => {
          // The log must already hold the final event when this runs.
          const status = deriveOrder((await store.listOrderEvents(id)).map((e) => e.event)).status;
          seen.push(`final ${id} ${status}`);
        },
      );
      const a = await store.createOrder(buildOrder(desk.id, key.id, { id: "ord_a", createdAtMs: T0 }), [{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]);
      const b = await store.createOrder(buildOrder(desk.id, key.id, { id: "ord_b", createdAtMs: T0 }), [{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]);
      for (const o of [a, b]) journal.track(o.id, deriveOrder(await store.listOrderEvents(o.id).then((l) => l.map((e) => e.event))).state, desk.id);

      await journal.status(a.id, "RUNNING", T0 + 1);
      await journal.event(a.id, "child_sent", { child_id: "c1", venue: "binance", qty: 2, limit_price: null, decision_id: null }, T0 + 2);
      await journal.fill(a.id, { fillId: "f1", childId: "c1", venue: "binance", qty: 2, price: 65_000, feeUsd: 1, liquidity: "taker", atMs: T0 + 3, closesChild: true });
      await journal.status(a.id, "COMPLETED", T0 + 4);
      await journal.status(b.id, "RUNNING", T0 + 1);
      await journal.status(b.id, "CANCELLED", T0 + 5);
      await journal.flush();
      expect(seen.sort()).toEqual(["completed ord_a", "final ord_a COMPLETED", "final ord_b CANCELLED"]);
    } finally {
      await dispose();
    }
  });

  it("a failing store: events stay queued in order and are written when it recovers; nothing dropped, failingSince reported meanwhile", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "f" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      let failures = 3;
      let nowMs = T0;
      const flaky = new Proxy(store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop !== "appendJournalBatch" || typeof value !== "function") return value;
          return (...args: unknown[]) => {
            if (failures-- > 0) return Promise.reject(Object.assign(new Error("SQLITE_FULL: database or disk is full"), { code: "SQLITE_FULL" }));
            return (value as (...a: unknown[]) => Promise<void>).apply(target, args);
          };
        },
      });
      const logged: string[] = [];
      const journal = createSandboxJournal(flaky, (m) => void logged.push(m), undefined, undefined, { now: () => nowMs, retryMinMs: 1, retryMaxMs: 4 });
      const a = await store.createOrder(buildOrder(desk.id, key.id, { id: "ord_f", createdAtMs: T0 }), [{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]);
      journal.track(a.id, deriveOrder([{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]).state, desk.id);
      const started = journal.status(a.id, "RUNNING", T0 + 1);
      const sent = journal.event(a.id, "child_sent", { child_id: "c1", venue: "binance", qty: 2, limit_price: 65_000, decision_id: null }, T0 + 2);
      await new Promise((resolve) => setTimeout(resolve, 2));
      expect(journal.failingSinceMs()).toBe(T0);
      expect(journal.backlog()).toBeGreaterThan(0);
      // Queued meanwhile, after the failed batch: must land after it, in order.
      nowMs = T0 + 50;
      const filled = journal.fill(a.id, { fillId: "f1", childId: "c1", venue: "binance", qty: 2, price: 65_000, feeUsd: 1, liquidity: "taker", atMs: T0 + 3, closesChild: true });
      expect(await started).toBe(true);
      expect(await sent).toBe(true);
      expect(await filled).toBe(true);
      await journal.flush();
      expect(journal.failingSinceMs()).toBeUndefined();
      const kinds = (await store.listOrderEvents(a.id)).map((e) => e.event.kind);
      expect(kinds).toEqual(["accepted", "started", "child_sent", "fill"]);
      expect(logged.some((m) => m.includes("retrying"))).toBe(true);
    } finally {
      await dispose();
    }
  });

  it("releases an order's state once its final events are written", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "r" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const journal = createSandboxJournal(store, () => {});
      const a = await store.createOrder(buildOrder(desk.id, key.id, { id: "ord_r", createdAtMs: T0 }), [{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]);
      journal.track(a.id, deriveOrder([{ kind: "accepted", atMs: T0, qtyE8: 2n * E8 }]).state, desk.id);
      void journal.status(a.id, "RUNNING", T0 + 1);
      void journal.status(a.id, "CANCELLED", T0 + 2);
      journal.release?.(a.id);
      expect(journal.tracked()).toBe(1);
      await journal.flush();
      await new Promise((resolve) => setImmediate(resolve));
      expect(journal.tracked()).toBe(0);
      expect((await store.getOrder(desk.id, a.id))?.status).toBe("CANCELLED");
    } finally {
      await dispose();
    }
  });

  it("a completion short by dust states the dust in the log; the order view shows it with a note, and nothing remaining", async () => {
    const { store, dispose } = await openTempSqliteStore();
    try {
      const desk = await store.createDesk({ name: "d" });
      const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const journal = createSandboxJournal(store, (m, e) => {
        throw new Error(`${m}: ${String(e)}`);
      });
      const ordered = E8 + 400n; // 1.000004 BTC
      const o = await store.createOrder(buildOrder(desk.id, key.id, { id: "ord_d", createdAtMs: T0, qtyE8: ordered }), [{ kind: "accepted", atMs: T0, qtyE8: ordered }]);
      journal.track(o.id, deriveOrder([{ kind: "accepted", atMs: T0, qtyE8: ordered }]).state, desk.id);
      await journal.status(o.id, "RUNNING", T0 + 1);
      await journal.event(o.id, "child_sent", { child_id: "c1", venue: "binance", qty: 1, limit_price: null, decision_id: null }, T0 + 2);
      await journal.fill(o.id, { fillId: "f1", childId: "c1", venue: "binance", qty: 1, price: 90_000, feeUsd: 9, liquidity: "taker", atMs: T0 + 3, closesChild: true });
      expect(await journal.status(o.id, "COMPLETED", T0 + 4)).toBe(true);
      await journal.flush();
      const events = (await store.listOrderEvents(o.id)).map((e) => e.event);
      expect(events.at(-1)).toEqual({ kind: "completed", atMs: T0 + 4, dustE8: 400n });
      const record = (await store.getOrder(desk.id, o.id))!;
      const view = await loadOrderView(store, record);
      expect(view).toMatchObject({ status: "COMPLETED", reject_reason: null, filled_qty: 1, remaining_qty: 0, dust_qty: 0.000004 });
      expect(view.dust_note).toBe(dustNote("0.000004", "BTC"));
      // The roll-up the order list and the CSV read has the same figures.
      const tca = (await store.getOrderTca([o.id])).get(o.id)!;
      expect(dustQtyE8(tca.status, ordered, tca.filledE8)).toBe(400n);
    } finally {
      await dispose();
    }
  });
});
