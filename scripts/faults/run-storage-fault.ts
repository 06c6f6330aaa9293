/**
 * The shape every storage fault shares: the mixed flow runs; the fault is injected for a
 * while and taken away; the flow runs on a little; optionally the server is restarted;
 * then orders settle and the audit runs. Client statuses and health are recorded per phase
 * (before / during / after the fault) so the report says what the fault did to clients.
 */
import type { CycleStore } from "./cycle-store";
import { driveMixedFlow } from "./drive-mixed-flow";
import { createLedger, type FaultLedger } from "./fault-ledger";
import { fetchMids } from "./fetch-mids";
import { startHealthProbe } from "./health-probe";
import { openScenarioApp, type ScenarioApp } from "./scenario-app";
import { formatStatuses, statusDelta, type ScenarioResult } from "./scenario-result";
import type { SeededRandom } from "./seeded-random";
import { settleAndAudit } from "./settle-and-audit";

export interface StorageFault {
  name: string;
  store: CycleStore;
  port: number;
  rng: SeededRandom;
  faultMs: number;
  inject(): Promise<void> | void;
  /** Takes the fault away; may stop the app first (the harness restarts it when `restart`). */
  recover(app: ScenarioApp): Promise<void> | void;
  restart: boolean;
  /** Narrows what the audit holds the store to (e.g. only orders acknowledged after the fault began). */
  scope?: (ledger: FaultLedger, faultStartMs: number) => FaultLedger;
  settleMs?: number;
}

export async function runStorageFault(o: StorageFault): Promise<ScenarioResult> {
  const ledger = createLedger();
  const notes: string[] = [];
  const app = await openScenarioApp(o.store, o.port);
  const health = startHealthProbe(app.api);
  try {
    const mids = await fetchMids(app.api, app.keys.trader);
    let stopped = false;
    const flow = driveMixedFlow({ api: app.api, keys: app.keys, rng: o.rng.fork("flow"), mids, ledger, tag: o.name, killSwitch: false, shouldStop: () => stopped });
    const phase = async (label: string, ms: number) => {
      const before = new Map(ledger.statuses);
      health.take();
      await new Promise((r) => setTimeout(r, ms));
      notes.push(`${label}: clients ${formatStatuses(statusDelta(before, ledger.statuses))}; health ${formatStatuses(health.take())}`);
    };
    await phase("before the fault", 1_500);
    const faultStartMs = Date.now();
    await o.inject();
    await phase(`during the fault (${Math.round(o.faultMs / 1000)} s)`, o.faultMs);
    await o.recover(app);
    await phase("after the fault", 3_000);
    stopped = true;
    await flow;
    if (o.restart) {
      await app.restart("SIGKILL");
      notes.push(`after a restart: health ${(await app.api.call("GET", "/v1/health", undefined)).status}`);
    }
    const scoped = o.scope ? o.scope(ledger, faultStartMs) : ledger;
    const settled = await settleAndAudit({ api: app.api, key: app.keys.trader, ledger: scoped, store: o.store, settleMs: o.settleMs ?? 20_000 });
    notes.push(`audited ${scoped.orders.length} acknowledged orders (${ledger.orders.length} in all), ${settled.orders} in the store`);
    return { name: o.name, store: o.store.kind, violations: settled.violations, notes };
  } finally {
    await health.stop();
    await app.close();
  }
}
