/**
 * One chaos cycle: start the app, drive the mixed flow for a random 0.5-4 s, kill it
 * (-9, or SIGTERM in ~20% of cycles) at that point with requests in flight, restart on
 * the same data, retry what a client would retry, let orders run on, and audit.
 */
import { createApiClient } from "./api-client";
import { readDemoKeys, spawnApp, waitHealthy } from "./app-server";
import type { CycleStore } from "./cycle-store";
import { driveMixedFlow, resubmit } from "./drive-mixed-flow";
import { countStatus, createLedger, type FaultLedger } from "./fault-ledger";
import { fetchMids } from "./fetch-mids";
import type { SeededRandom } from "./seeded-random";
import { settleAndAudit } from "./settle-and-audit";
import type { Violation } from "./violations";

export interface CycleOptions {
  store: CycleStore;
  port: number;
  rng: SeededRandom;
  tag: string;
  settleMs?: number;
  marketSeed?: number;
}

export interface CycleResult {
  violations: Violation[];
  ledger: FaultLedger;
  signal: NodeJS.Signals;
  flowMs: number;
  settledInMs: number;
  orders: number;
}

export async function runChaosCycle(o: CycleOptions): Promise<CycleResult> {
  const flowMs = Math.round(o.rng.uniform(500, 4_000));
  const signal: NodeJS.Signals = o.rng.chance(0.2) ? "SIGTERM" : "SIGKILL";
  const killSwitch = o.rng.chance(0.3);
  const appOptions = { port: o.port, dataDir: o.store.dataDir, databaseUrl: o.store.databaseUrl, marketSeed: o.marketSeed ?? 42 };
  const ledger = createLedger();
  let app = spawnApp(appOptions);
  try {
    await waitHealthy(app);
    const keys = readDemoKeys(o.store.dataDir);
    const api = createApiClient(app.base);
    const mids = await fetchMids(api, keys.trader);
    let stopped = false;
    const flow = driveMixedFlow({ api, keys, rng: o.rng.fork("flow"), mids, ledger, tag: o.tag, killSwitch, shouldStop: () => stopped });
    await new Promise((r) => setTimeout(r, flowMs));
    const killed = app.kill(signal);
    stopped = true;
    await killed;
    await flow;

    app = spawnApp(appOptions);
    await waitHealthy(app);
    await afterRestart(api, keys.trader, ledger, o.rng.fork("after"));
    const settled = await settleAndAudit({ api, key: keys.trader, ledger, store: o.store, settleMs: o.settleMs ?? 20_000 });
    return { ...settled, ledger, signal, flowMs };
  } finally {
    await app.kill("SIGKILL");
  }
}

/** What a client does after an outage: retry unanswered keyed submits, resume what it paused, re-send a few keyed ones. */
async function afterRestart(api: ReturnType<typeof createApiClient>, trader: string, ledger: FaultLedger, rng: SeededRandom): Promise<void> {
  const o = { api, keys: { trader, lead: trader, viewer: trader }, ledger };
  for (const u of ledger.unanswered) await resubmit(o, u.body, u.idemKey, u.kind);
  for (const id of [...ledger.pausedIds]) {
    const ans = await api.call("POST", `/v1/orders/${id}/resume`, trader);
    countStatus(ledger, "POST /resume (after restart)", ans.status);
    if (ans.status === 200 || ans.status === 409) ledger.pausedIds.delete(id);
  }
  const keyed = ledger.orders.filter((a) => a.idemKey !== undefined);
  for (let i = 0; i < Math.min(3, keyed.length); i++) {
    const pick = rng.pick(keyed);
    await resubmit(o, pick.body, pick.idemKey, pick.kind);
  }
}
