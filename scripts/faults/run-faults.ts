/**
 * `npm run faults`: black-box fault suite against a production build of the app. Chaos
 * cycles (mixed flow → kill -9/SIGTERM → restart → audit), the two regression repros and,
 * by name, the storage faults. Prints a table per store and a final line; exits 1 on any
 * violation (2 on a usage error).
 */
import { ensureBuild } from "./ensure-build";
import { openCycleStore, type StoreKind } from "./cycle-store";
import { DEFAULT_CYCLES, parseFaultOptions, type FaultOptions, type ScenarioName } from "./parse-fault-options";
import { startPostgresCluster, urlServer, type PostgresServer } from "./postgres-cluster";
import { formatFaultReport, type StoreReport } from "./print-fault-report";
import { runChaosCycles } from "./run-chaos-cycles";
import { runCancelThenKill } from "./scenario-cancel-then-kill";
import type { ScenarioResult } from "./scenario-result";
import { runTwapRestart } from "./scenario-twap-restart";
import { createSeededRandom } from "./seeded-random";
import { runDiskFull, runPgOutage, runReadOnly, runSqliteDeleted } from "./storage-faults";

async function main(): Promise<number> {
  let opts: FaultOptions;
  try {
    opts = parseFaultOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`faults: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  ensureBuild();
  const reports: StoreReport[] = [];
  let errors = 0;
  for (const store of opts.stores) {
    const pg = store === "postgres" ? openPostgres(opts.pgPort) : undefined;
    try {
      const runs: ScenarioResult[] = [];
      for (const name of opts.scenarios) {
        let result: ScenarioResult | undefined;
        try {
          result = await runScenario(name, store, opts, pg);
        } catch (err) {
          // A scenario that cannot run is a failed run, not a pass: reported and counted.
          errors++;
          result = { name, store, violations: [], notes: [], skipped: `error: ${err instanceof Error ? err.message : String(err)}` };
        }
        if (result) {
          runs.push(result);
          if (name !== "chaos") console.log(`${store} ${name}: ${result.skipped ? `skipped (${result.skipped})` : `${result.violations.length} violation(s)`}`);
        }
      }
      reports.push({ store, runs });
    } finally {
      pg?.dispose();
    }
  }
  const { text, total } = formatFaultReport(reports);
  console.log(text);
  if (errors) console.log(`faults: ${errors} scenario(s) could not run`);
  return total === 0 && errors === 0 ? 0 : 1;
}

function openPostgres(port: number): PostgresServer {
  const url = process.env.FAULTS_DATABASE_URL;
  return url ? urlServer(url) : startPostgresCluster(port);
}

async function runScenario(name: ScenarioName, store: StoreKind, o: FaultOptions, pg: PostgresServer | undefined): Promise<ScenarioResult | undefined> {
  const rng = createSeededRandom(o.seed).fork(`${store}-${name}`);
  const once = async (run: (s: Awaited<ReturnType<typeof openCycleStore>>) => Promise<ScenarioResult>) => {
    const s = await openCycleStore(store, `${name.replaceAll("-", "_")}_${o.seed}`, pg);
    try {
      return await run(s);
    } finally {
      await s.dispose();
    }
  };
  switch (name) {
    case "chaos":
      return runChaosCycles({ store, cycles: o.cycles ?? DEFAULT_CYCLES[store], seed: o.seed, port: o.port, settleMs: o.settleMs, pg });
    case "twap-restart":
      return once((s) => runTwapRestart(s, o.port));
    case "cancel-then-kill":
      return once((s) => runCancelThenKill(s, o.port));
    case "pg-outage":
      return store === "postgres" && pg ? runPgOutage(pg, o.port, rng) : undefined;
    case "disk-full":
      return store === "sqlite" ? runDiskFull(o.port, rng) : undefined;
    case "read-only":
      return store === "sqlite" ? runReadOnly(o.port, rng) : undefined;
    case "sqlite-deleted":
      return store === "sqlite" ? runSqliteDeleted(o.port, rng) : undefined;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`faults: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(2);
  },
);
