/**
 * The sandbox's real parts (SQLite store, journal, runner, matching engine, simulated
 * market on a manual clock, restart recovery) for tests of crashes and restarts. A "crash"
 * freezes the store handle the process used (writes in flight never land, as with kill -9)
 * and the next "process" opens a new handle on the same database file.
 */
import { deriveOrder } from "@/server/execution/order-states";
import { createMatchingEngine } from "@/server/execution/matching-engine";
import { SandboxRunner } from "@/server/execution/sandbox-runner";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { ManualClock } from "@/server/shared/clock";
import { createRng } from "@/server/shared/rng";
import { createLogger } from "@/server/shared/logger";
import { qtyToE8, priceToE9 } from "@/lib/units";
import type { NewOrder, Store } from "@/server/store/port";
import { openSqliteStore } from "@/server/store/sqlite-store";
import { recoverWorkingOrders, type RecoveryReport } from "../recover-working-orders";
import { routeParentWith } from "../route-parent";
import { createSandboxJournal, type SandboxJournal } from "../sandbox-journal";
import { writeStoredBody } from "../stored-order-body";
import { parentFromRecord } from "../parent-from-record";

export interface HarnessProcess {
  store: Store;
  source: ReturnType<typeof createSimulatedSource>;
  observations: ReturnType<typeof createObservationStore>;
  runner: SandboxRunner;
  journal: SandboxJournal;
  recovery: RecoveryReport;
  /** Steps the market and the runner `ms` forward, letting durable sends go out. */
  run(ms: number): Promise<void>;
  /** kill -9: nothing more reaches the database from this process. */
  crash(): void;
  /** A clean stop: everything queued is written first. */
  stop(): Promise<void>;
  submit(o: { deskId: string; keyId: string; qty: number; side?: "buy" | "sell"; limitPrice?: number; pacing?: { numSlices: number; intervalMs: number } }): Promise<string>;
}

let processes = 0;

/** Freezes every method of the store once `frozen()` is true (promises never settle). */
function crashable(store: Store, frozen: () => boolean): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => (frozen() ? new Promise(() => {}) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

export async function startHarnessProcess(dataDir: string, clock: ManualClock, seed = 11): Promise<HarnessProcess> {
  const n = ++processes;
  let crashed = false;
  const raw = openSqliteStore({ dataDir });
  await raw.migrate();
  const store = crashable(raw, () => crashed);
  const source = createSimulatedSource({ clock, seed, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: ["BTC-USD", "ETH-USD"] });
  source.start();
  const observations = createObservationStore({ source, clock });
  const step = () => {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  };
  for (let i = 0; i < 50; i++) step();
  const log = createLogger("error");
  const journal = createSandboxJournal(store, (m, e) => log.error(m, e), undefined, undefined, { now: () => clock.nowMs(), retryMinMs: 5, retryMaxMs: 20 });
  const runner = new SandboxRunner({
    engine: createMatchingEngine({ rng: createRng(seed + n), fillIdPrefix: `h${n}-` }),
    source,
    journal,
    route: routeParentWith(observations, (symbol) => source.venuesFor(symbol)),
  });
  runner.attach();
  const recovery = await recoverWorkingOrders(store, runner, journal, clock.nowMs(), log);
  let orders = 0;
  return {
    store,
    source,
    observations,
    runner,
    journal,
    recovery,
    async run(ms) {
      for (let t = 0; t < ms && !crashed; t += 100) {
        step();
        runner.tick(clock.nowMs());
        // Lets journal batches commit and durable children go out, as the event loop would.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    crash() {
      crashed = true;
      runner.stop();
    },
    async stop() {
      await runner.flush();
      runner.stop();
      source.stop();
      await raw.close();
    },
    async submit(o) {
      const now = clock.nowMs();
      const id = `ord_h${n}_${++orders}`;
      const row: NewOrder = {
        id, deskId: o.deskId, keyId: o.keyId, parentId: null, nodeOrderId: `nod_h${n}_${orders}`, graphId: null, clientRequestId: null,
        bodyHash: id,
        bodyJson: writeStoredBody({ request: {}, nodeId: null, excludeVenues: [], pacing: o.pacing ?? null, edges: [], forecast: null }),
        symbol: "BTC-USD", side: o.side ?? "buy", qtyE8: qtyToE8(o.qty), limitPriceE9: o.limitPrice === undefined ? null : priceToE9(o.limitPrice),
        venue: null, policy: o.pacing ? "twap" : "sor", urgency: "medium", routerVersion: "v1", sandbox: true, createdAtMs: now,
      };
      const { records, killSwitchVersion } = await store.createOrdersFenced([row], [{ orderId: id, event: { kind: "accepted", atMs: now, qtyE8: row.qtyE8 } }]);
      const record = records[0]!;
      journal.track(id, deriveOrder([{ kind: "accepted", atMs: now, qtyE8: record.qtyE8 }]).state, o.deskId);
      runner.add(parentFromRecord(record, undefined, now), [], killSwitchVersion);
      runner.start(id, now);
      return id;
    },
  };
}

