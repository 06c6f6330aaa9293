/** N chaos cycles on one store, reported as one run ("chaos") with a progress line per cycle. */
import { openCycleStore, type StoreKind } from "./cycle-store";
import type { PostgresServer } from "./postgres-cluster";
import { runChaosCycle } from "./run-chaos-cycle";
import type { ScenarioResult } from "./scenario-result";
import { createSeededRandom } from "./seeded-random";
import type { Violation } from "./violations";

export interface ChaosRunOptions {
  store: StoreKind;
  cycles: number;
  seed: number;
  port: number;
  settleMs: number;
  pg?: PostgresServer | undefined;
  log?: (line: string) => void;
}

export async function runChaosCycles(o: ChaosRunOptions): Promise<ScenarioResult> {
  const log = o.log ?? console.log;
  const violations: Violation[] = [];
  let acked = 0;
  let terms = 0;
  let cyclesWithViolations = 0;
  for (let c = 1; c <= o.cycles; c++) {
    const store = await openCycleStore(o.store, `c${o.seed}_${c}`, o.pg);
    try {
      const r = await runChaosCycle({
        store,
        port: o.port,
        rng: createSeededRandom(o.seed).fork(`${o.store}-cycle-${c}`),
        tag: `s${o.seed}c${c}`,
        settleMs: o.settleMs,
        marketSeed: (o.seed * 1_000 + c) % 2 ** 32,
      });
      acked += r.ledger.orders.length;
      if (r.signal === "SIGTERM") terms++;
      if (r.violations.length) cyclesWithViolations++;
      for (const v of r.violations) violations.push({ ...v, message: `cycle ${c}: ${v.message}` });
      log(
        `${o.store} cycle ${c}/${o.cycles}: flow ${(r.flowMs / 1000).toFixed(1)} s then ${r.signal}, ${r.ledger.orders.length} acked, ` +
          `${r.ledger.cancels.length} cancels, ${r.ledger.killSwitch.filter((k) => k.status === 200).length} kill-switch calls, ` +
          `${r.orders} orders stored, settled in ${(r.settledInMs / 1000).toFixed(1)} s: ${r.violations.length} violation(s)` +
          (r.violations.length ? ` [${[...new Set(r.violations.map((v) => v.cls))].join(", ")}]` : ""),
      );
    } finally {
      await store.dispose();
    }
  }
  return {
    name: `chaos×${o.cycles}`,
    store: o.store,
    violations,
    notes: [`${o.cycles} cycles (${terms} SIGTERM, ${o.cycles - terms} SIGKILL), ${acked} acknowledged orders, ${cyclesWithViolations} cycle(s) with violations`],
  };
}
