/**
 * The arrival mid is the book's mid at the first child send (lib/execution-figures.ts), to
 * event-time resolution: the runner records it with the child_sent, and the observation
 * store's event-time series (an independent recorder of every consolidated-mid change)
 * gives the same price at that instant. Review, the roll-up row and the CSV/Summary
 * figures all carry that one price.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { e9ToPrice } from "@/lib/units";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Core } from "@/server/core";
import { createManualClock } from "@/server/shared/clock";
import { getReview } from "./get-review";
import { figuresOfTcaRow } from "./figures-of-tca-row";
import { startHarnessProcess } from "./testing/sandbox-harness";

const T0 = 1_760_000_000_000;

describe("arrival mid at the first child send", () => {
  it("equals the book mid at the send instant (event-time series), and Review and the roll-up use it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "arrival-mid-"));
    const clock = createManualClock(T0);
    const p = await startHarnessProcess(dataDir, clock);
    try {
      const desk = await p.store.createDesk({ name: "arrival" });
      const { record: key } = await issueApiKey(p.store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
      const ids: string[] = [];
      // Submitted mid-step (clock at +37 ms of a 100 ms market step) so acceptance and the
      // first send fall between the 1 s samples.
      for (let i = 0; i < 4; i++) {
        await p.run(300 + i * 700);
        clock.advance(37);
        ids.push(await p.submit({ deskId: desk.id, keyId: key.id, side: i % 2 ? "sell" : "buy", qty: 0.5 + i / 4, ...(i === 3 ? { pacing: { numSlices: 3, intervalMs: 300 } } : {}) }));
      }
      await p.run(3_000);
      await p.runner.flush();
      const core = { store: p.store, clock, market: { source: p.source, observations: p.observations } } as unknown as Core;
      const rows = await p.store.getOrderTca(ids);
      let offGrid = 0;
      for (const id of ids) {
        const events = (await p.store.listOrderEvents(id)).map((e) => e.event);
        const first = events.find((e) => e.kind === "child_sent");
        expect(first, id).toBeDefined();
        if (first?.kind !== "child_sent") continue;
        expect(first.midE9, "child_sent carries the book mid").toBeTypeOf("bigint");
        const atSend = e9ToPrice(first.midE9!);
        // The event-time series at the send instant: the same price (E9 rounding only).
        const series = p.observations.midAt("BTC-USD", first.atMs)!;
        expect(Math.abs(series - atSend) / atSend).toBeLessThan(1e-12);
        // Event-driven, not a grid: the last second before the send holds every mid change
        // (the harness moves the market every 100 ms), not one sample.
        const changes = p.observations.eventMidsBetween("BTC-USD", first.atMs - 1_000, first.atMs);
        expect(changes.length).toBeGreaterThan(1);
        // The 1 s grid's sample before the send is what Review used to take; count how often it differs.
        const grid = p.observations.midSamples("BTC-USD").filter((m) => m.tsMs <= first.atMs).at(-1)!;
        if (grid.mid !== series) offGrid++;

        const review = await getReview(core, desk.id, id);
        expect(review.forecast.arrival_mid).toBe(atSend);
        expect(review.benchmarks.arrival.price).toBe(atSend);
        const row = rows.get(id)!;
        expect(row.arrivalMid).toBe(atSend);
        // Review (order totals) and the roll-up row (Summary, CSV) give the same floats.
        const f = figuresOfTcaRow(row);
        expect(f.realizedCostBps).toBe(review.forecast.realized_cost_bps);
        expect(f.realizedCostUsd).toBe(review.forecast.realized_cost_usd);
        expect(f.feesUsd).toBe(review.forecast.fees_usd);
        expect(row.realizedBps).toBe(review.forecast.realized_cost_bps);
      }
      // The grid would have been wrong for at least one of them: the test can tell the two apart.
      expect(offGrid).toBeGreaterThan(0);
    } finally {
      await p.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
