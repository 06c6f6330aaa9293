/**
 * Builds and starts the sandbox: one matching engine fed by the market source, the runner
 * ticking on the market clock, its journal writing to the store, and recovery of orders
 * that were working when the process last stopped.
 */
import { createMatchingEngine } from "@/server/execution/matching-engine";
import { SandboxRunner } from "@/server/execution/sandbox-runner";
import type { ObservationStore } from "@/server/market-data/observation-store";
import type { MarketSource } from "@/server/market-data/types";
import type { Clock } from "@/server/shared/clock";
import { createRng, hashLabel } from "@/server/shared/rng";
import type { Logger } from "@/server/shared/logger";
import type { Store } from "@/server/store/port";
import type { CalibrationRecord } from "./calibration-record";
import { captureMarketContext, CONTEXT_TAIL_MS } from "./capture-market-context";
import { recordForecastOutcome } from "./record-forecast-outcome";
import { recoverWorkingOrders } from "./recover-working-orders";
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
    { now: () => o.clock.nowMs() },
  );
  const runner = new SandboxRunner({
    engine,
    source: o.source,
    journal,
    log: (m, e) => o.log.error(m, e),
    route: routeParentWith(o.observations, (symbol) => o.source.venuesFor(symbol)),
  });
  runner.attach();
  const recovered = await recoverWorkingOrders(o.store, runner, journal, o.clock.nowMs(), o.log);
  if (recovered.resumed + recovered.cancelled + recovered.failed > 0) {
    o.log.info(`sandbox: recovery resumed ${recovered.resumed}, cancelled ${recovered.cancelled}, started ${recovered.started}, could not recover ${recovered.failed}`);
  }
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
