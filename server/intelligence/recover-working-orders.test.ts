/**
 * Restart regression tests (issue 11): a real SQLite database, the real journal, runner and
 * matching engine; a crash freezes the first process's database handle mid-flight, the
 * second process recovers from the log alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { deriveOrder } from "@/server/execution/order-states";
import { createManualClock } from "@/server/shared/clock";
import type { Store } from "@/server/store/port";
import { startHarnessProcess, type HarnessProcess } from "./testing/sandbox-harness";

const T0 = 1_760_000_000_000;
const E8 = 100_000_000n;
let dirs: string[] = [];
let open: HarnessProcess[] = [];

afterEach(async () => {
  for (const p of open) await p.stop().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  open = [];
});

async function boot(dataDir: string, clock: ReturnType<typeof createManualClock>): Promise<HarnessProcess> {
  const p = await startHarnessProcess(dataDir, clock);
  open.push(p);
  return p;
}

async function fresh() {
  const dataDir = mkdtempSync(join(tmpdir(), "exec-recover-"));
  dirs.push(dataDir);
  const clock = createManualClock(T0);
  const first = await boot(dataDir, clock);
  const desk = await first.store.createDesk({ name: "r" });
  const { record: key } = await issueApiKey(first.store, { deskId: desk.id, role: "trader", sandbox: true, label: "t" });
  return { dataDir, clock, first, deskId: desk.id, keyId: key.id };
}

/** Independent of the runner: Σ fills rows, the log's own replay, child ids sent. */
async function audit(store: Store, deskId: string, orderId: string) {
  const events = (await store.listOrderEvents(orderId)).map((e) => e.event);
  const derived = deriveOrder(events);
  const fills = await store.listFills(orderId);
  const childIds = events.flatMap((e) => (e.kind === "child_sent" ? [e.childId] : []));
  return {
    status: (await store.getOrder(deskId, orderId))?.status,
    logStatus: derived.status,
    qtyE8: derived.qtyE8,
    filledE8: fills.reduce((s, f) => s + f.qtyE8, 0n),
    logFilledE8: derived.filledE8,
    uniqueFillIds: new Set(fills.map((f) => f.fillId)).size === fills.length,
    uniqueChildIds: new Set(childIds).size === childIds.length,
    lastFillAtMs: Math.max(0, ...fills.map((f) => f.atMs)),
    rejectReason: derived.state.rejectReason,
  };
}

describe("restart recovery", () => {
  it("TWAP repro: 1 BTC in 10 × 1 s slices, kill -9 after 3.5 s, restart → COMPLETED with exactly 1 BTC and no reused child id", async () => {
    const { dataDir, clock, first, deskId, keyId } = await fresh();
    const id = await first.submit({ deskId, keyId, qty: 1, pacing: { numSlices: 10, intervalMs: 1_000 } });
    await first.run(3_500);
    first.crash();

    const second = await boot(dataDir, clock);
    expect(second.recovery.resumed).toBe(1);
    const before = await audit(second.store, deskId, id);
    expect(before.filledE8).toBeGreaterThan(0n);
    expect(before.filledE8).toBeLessThan(E8);
    await second.run(12_000);
    await second.runner.flush();
    const after = await audit(second.store, deskId, id);
    expect(after).toMatchObject({ status: "COMPLETED", logStatus: "COMPLETED", filledE8: E8, logFilledE8: E8, uniqueFillIds: true, uniqueChildIds: true });
  });

  it("cancel acknowledged, then kill -9 before the order finished → CANCELLED after the restart, nothing filled after the cancel", async () => {
    const { dataDir, clock, first, deskId, keyId } = await fresh();
    const id = await first.submit({ deskId, keyId, qty: 2, pacing: { numSlices: 20, intervalMs: 1_000 } });
    await first.run(2_000);
    const cancelAt = clock.nowMs();
    // The API answers once this is durable; then the process dies at once.
    expect(await first.runner.requestCancel(id, cancelAt, undefined, keyId)).toBe(true);
    first.crash();

    const second = await boot(dataDir, clock);
    expect(second.recovery.cancelled).toBe(1);
    await second.run(3_000);
    await second.runner.flush();
    const after = await audit(second.store, deskId, id);
    expect(after.status).toBe("CANCELLED");
    expect(after.filledE8).toBeLessThan(2n * E8);
    expect(after.lastFillAtMs).toBeLessThanOrEqual(cancelAt + 1_000);
  });

  it("kill switch engaged, then kill -9 → every working order of the desk is cancelled at recovery (KILL_SWITCH), none resumes", async () => {
    const { dataDir, clock, first, deskId, keyId } = await fresh();
    const ids = [
      await first.submit({ deskId, keyId, qty: 1, pacing: { numSlices: 20, intervalMs: 1_000 } }),
      await first.submit({ deskId, keyId, qty: 3, limitPrice: 1 }),
    ];
    await first.run(1_500);
    // The switch is committed; the process dies before it cancels anything.
    await first.store.setKillSwitch(deskId, true, keyId, clock.nowMs());
    const engagedAt = clock.nowMs();
    first.crash();

    const second = await boot(dataDir, clock);
    expect(second.recovery.cancelled).toBe(2);
    await second.run(2_000);
    await second.runner.flush();
    for (const id of ids) {
      const a = await audit(second.store, deskId, id);
      expect(a.status).toBe("CANCELLED");
      expect(a.rejectReason).toBe("KILL_SWITCH");
      expect(a.lastFillAtMs).toBeLessThanOrEqual(engagedAt);
    }
    // And the fence holds for new orders.
    await expect(second.submit({ deskId, keyId, qty: 1 })).rejects.toMatchObject({ name: "KillSwitchEngagedError" });
  });

  it("a paused order stays paused across the restart and sends nothing", async () => {
    const { dataDir, clock, first, deskId, keyId } = await fresh();
    const id = await first.submit({ deskId, keyId, qty: 1, pacing: { numSlices: 10, intervalMs: 1_000 } });
    await first.run(1_500);
    expect(await first.runner.pause(id, clock.nowMs(), keyId)).toBe(true);
    first.crash();
    const second = await boot(dataDir, clock);
    const before = await audit(second.store, deskId, id);
    await second.run(3_000);
    await second.runner.flush();
    const after = await audit(second.store, deskId, id);
    expect(after.status).toBe("PAUSED");
    expect(after.filledE8).toBe(before.filledE8);
  });
});
