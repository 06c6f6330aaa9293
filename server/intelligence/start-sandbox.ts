/**
 * Builds and starts the sandbox: one matching engine fed by the market source, the runner
 * ticking on the market clock, its journal writing to the store, and recovery of orders
 * that were working when the process last stopped.
 */
import { deriveOrder } from "@/server/execution/order-states";
import { createMatchingEngine } from "@/server/execution/matching-engine";
import type { ParentOrder } from "@/server/execution/parent-order";
import { SandboxRunner } from "@/server/execution/sandbox-runner";
import type { ObservationStore } from "@/server/market-data/observation-store";
import type { MarketSource } from "@/server/market-data/types";
import type { Clock } from "@/server/shared/clock";
import { createRng, hashLabel } from "@/server/shared/rng";
import type { Logger } from "@/server/shared/logger";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";
import { captureMarketContext, CONTEXT_TAIL_MS } from "./capture-market-context";
import { parentFromRecord } from "./parent-from-record";
import { recordForecastOutcome } from "./record-forecast-outcome";
import { routeParentWith } from "./route-parent";
import { createSandboxJournal, type SandboxJournal } from "./sandbox-journal";

export interface Sandbox {
  runner: SandboxRunner;
  journal: SandboxJournal;
  stop(): void;
}

export interface StartSandboxOptions {
  store: Store;
  source: MarketSource;
  observations: ObservationStore;
  clock: Clock;
  log: Logger;
  seed: number;
  calibration: CalibrationRecord;
  tickMs?: number;
}

export async function startSandbox(o: StartSandboxOptions): Promise<Sandbox> {
  const bootMs = Math.floor(o.clock.nowMs());
  const engine = createMatchingEngine({
    rng: createRng((o.seed ^ hashLabel(`sandbox:${bootMs}`)) >>> 0),
    // Fill ids must stay unique across restarts: fills are deduplicated by id.
    fillIdPrefix: `f${bootMs.toString(36)}-`,
  });
  const contextTimers = new Set<NodeJS.Timeout>();
  const capture = (orderId: string, deskId: string) =>
    captureMarketContext({ store: o.store, observations: o.observations, venuesFor: (s) => o.source.venuesFor(s) }, deskId, orderId, o.clock.nowMs(), "sandbox");
  const journal = createSandboxJournal(
    o.store,
    (m, e) => o.log.error(m, e),
    (orderId, deskId) => recordForecastOutcome(o.store, o.calibration, deskId, orderId),
    // The market context is kept at once (the tape still holds the order's prints) and
    // again when the 300 s markout horizon has passed, while the mids are still in memory.
    async (orderId, deskId) => {
      await capture(orderId, deskId);
      const timer = setTimeout(() => {
        contextTimers.delete(timer);
        capture(orderId, deskId).catch((err) => o.log.error(`order ${orderId}: market context not kept`, err));
      }, CONTEXT_TAIL_MS + 1_000);
      timer.unref();
      contextTimers.add(timer);
    },
  );
  const runner = new SandboxRunner({
    engine,
    source: o.source,
    journal,
    log: (m, e) => o.log.error(m, e),
    route: routeParentWith(o.observations, (symbol) => o.source.venuesFor(symbol)),
  });
  runner.attach();
  await recoverWorkingOrders(o, runner, journal);
  const timer = setInterval(() => runner.tick(o.clock.nowMs()), o.tickMs ?? 100);
  return {
    runner,
    journal,
    stop() {
      clearInterval(timer);
      for (const t of contextTimers) clearTimeout(t);
      contextTimers.clear();
      runner.stop();
    },
  };
}

/**
 * Orders that were working when the process stopped: their open children died with it, so
 * those are closed in the log, and the order resumes with what remains. Graph nodes that
 * were still waiting for a trigger cannot be resumed faithfully (the trigger may have fired
 * unseen) and fail with a reason an operator can read.
 */
async function recoverWorkingOrders(o: StartSandboxOptions, runner: SandboxRunner, journal: SandboxJournal): Promise<void> {
  const now = o.clock.nowMs();
  for (const record of await o.store.listWorkingOrders()) {
    if (!record.sandbox) continue;
    try {
      const events = (await o.store.listOrderEvents(record.id)).map((e) => e.event);
      let derived = deriveOrder(events);
      journal.track(record.id, derived.state, record.deskId);
      const dead = [...derived.state.children.values()].filter((c) => c.status === "working");
      if (dead.length) {
        await o.store.appendOrderEvents(
          record.id,
          dead.map((c) => ({ kind: "child_cancelled" as const, atMs: now, childId: c.childId, qtyE8: c.qtyE8 - c.filledE8 })),
        );
      }
      derived = deriveOrder((await o.store.listOrderEvents(record.id)).map((e) => e.event));
      journal.track(record.id, derived.state, record.deskId);
      if (record.status === "ACCEPTED" && record.parentId !== null) {
        await journal.status(record.id, "FAILED", now, "RESTART_INTERRUPTED");
        continue;
      }
      const parent: ParentOrder = parentFromRecord(record, derived.state, now);
      runner.add(parent);
      if (record.status === "ACCEPTED") runner.start(record.id, now);
      else parent.waiting = false;
      // A paused order stays paused; its schedule moves from now when it is resumed.
      if (record.status === "PAUSED") parent.pausedAtMs = now;
      o.log.info(`sandbox: resumed order ${record.id} (${record.status})`);
    } catch (err) {
      o.log.error(`sandbox: could not recover order ${record.id}`, err);
    }
  }
}
