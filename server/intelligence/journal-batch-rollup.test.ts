/**
 * The journal writes every order that moved in one turn as one batch, with one statement
 * per table for all of them (append-order-logs.ts). Held here to an independent replay:
 * after many concurrent orders, the summary read from the roll-up equals the summary
 * recomputed from each order's stored log (testing/summary-from-logs.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { deriveOrder } from "@/server/execution/order-states";
import { createManualClock } from "@/server/shared/clock";
import type { JournalBatch } from "@/server/store/port";
import { getSummary } from "./get-summary";
import { startHarnessProcess } from "./testing/sandbox-harness";
import { expectClose } from "./testing/expect-close";
import { summaryFromLogs } from "./testing/summary-from-logs";

const T0 = 1_760_000_000_000;
const DAY = new Date(T0).toISOString().slice(0, 10);

describe("journal batches of many orders", () => {
  it("keep each log's sequence and a roll-up equal to the logs replayed (fills, venues, latencies)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "journal-batch-"));
    const clock = createManualClock(T0);
    const p = await startHarnessProcess(dataDir, clock);
    try {
      const desk = await p.store.createDesk({ name: "batch" });
      const { record: key } = await issueApiKey(p.store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      let widest = 0;
      const write = p.store.appendJournalBatch.bind(p.store);
      p.store.appendJournalBatch = (batch: JournalBatch) => {
        widest = Math.max(widest, batch.appends.length);
        return write(batch);
      };
      const ids: string[] = [];
      for (let i = 0; i < 16; i++) {
        const kind = i % 4;
        ids.push(
          await p.submit({
            deskId: desk.id, keyId: key.id, side: i % 2 ? "sell" : "buy",
            qty: kind === 3 ? 2 : 0.3 + i / 20,
            ...(kind === 0 ? { pacing: { numSlices: 6, intervalMs: 400 } } : {}),
            ...(kind === 1 ? { limitPrice: i % 2 ? 1e9 : 1 } : {}),
          }),
        );
      }
      await p.run(1_500);
      await p.runner.requestCancel(ids[1]!, clock.nowMs());
      await p.run(4_000);
      await p.runner.flush();
      expect(widest).toBeGreaterThan(4);

      for (const id of ids) {
        const events = await p.store.listOrderEvents(id);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        const derived = deriveOrder(events.map((e) => e.event));
        expect((await p.store.getOrder(desk.id, id))?.status).toBe(derived.status);
        expect((await p.store.listFills(id)).reduce((s, f) => s + f.qtyE8, 0n)).toBe(derived.filledE8);
      }
      const core = { store: p.store, clock } as unknown as Core;
      const lead: Principal = { deskId: desk.id, deskName: "batch", keyId: "lead", keyPrefix: "", role: "lead", sandbox: true, qps: 10, restrictTradersToOwnOrders: false };
      const q = { start_date: DAY, end_date: DAY, format: "json" as const };
      const whole = await getSummary(core, lead, q);
      expect(whole.totals.orders).toBe(16);
      expect(whole.totals.fills).toBeGreaterThan(16);
      const { start_date: _s, end_date: _e, filters: _f, scope: _sc, generated_at_ns: _g, ...figures } = whole;
      expectClose(figures, await summaryFromLogs(p.store, { deskId: desk.id, fromDay: DAY, toDay: DAY }));
      for (const v of whole.per_venue) {
        const { start_date: _s2, end_date: _e2, filters: _f2, scope: _sc2, generated_at_ns: _g2, ...byVenue } = await getSummary(core, lead, { ...q, venue: v.venue });
        expectClose(byVenue, await summaryFromLogs(p.store, { deskId: desk.id, fromDay: DAY, toDay: DAY, venue: v.venue }));
      }
    } finally {
      await p.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
