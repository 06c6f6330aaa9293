/**
 * `npm run soak -- --minutes 30 --rate 20 [--port 3405] [--seed 1] [--keep 1]`: runs the built app on a
 * scratch data directory under a realistic order mix at the given rate with a few readers,
 * prints per minute the server's RSS and CPU (from /proc of the next-server process), ack
 * and health p50/p99 and statuses, then the verdict against the targets. Exit 1 on FAIL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiClient } from "../faults/api-client";
import { readDemoKeys, spawnApp, waitHealthy } from "../faults/app-server";
import { ensureBuild } from "../faults/ensure-build";
import { fetchMids } from "../faults/fetch-mids";
import { createSeededRandom } from "../faults/seeded-random";
import { cpuPercent, findServerPid, readProcSample } from "./read-proc-stats";
import { createRecorder, startSoakLoad } from "./soak-load";
import { judgeSoak, percentile, type SoakMinute } from "./soak-verdict";

function parseArgs(argv: readonly string[]) {
  const o = { minutes: 30, rate: 20, port: 3405, seed: 1, keep: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = (argv[i] ?? "").replace(/^--/, "");
    const v = Number(argv[i + 1]);
    if (!(key in o) || !Number.isFinite(v) || v <= 0) throw new Error(`bad option ${argv[i]} ${argv[i + 1] ?? ""}; use --minutes N --rate R --port P --seed S [--keep 1]`);
    o[key as keyof typeof o] = v;
  }
  return o;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  ensureBuild();
  const dataDir = mkdtempSync(join(tmpdir(), "ei-soak-"));
  // BENCH_SERVER_STDOUT=1 shows the server's output (with SQLITE_STATEMENT_STATS_MS, its statement times).
  const app = spawnApp({ port: o.port, dataDir, marketSeed: o.seed, ...(process.env.BENCH_SERVER_STDOUT ? { output: "inherit" as const } : {}) });
  try {
    await waitHealthy(app);
    const pid = findServerPid(app.pid);
    const api = createApiClient(app.base);
    const keys = readDemoKeys(dataDir);
    const mids = await fetchMids(api, keys.trader);
    console.log(`soak: ${o.minutes} min at ${o.rate} orders/s against pid ${pid} (next-server), data in ${dataDir}`);
    let rec = createRecorder();
    const load = startSoakLoad({ api, keys, rng: createSeededRandom(o.seed), mids, rate: o.rate, recorder: () => rec });
    const minutes: SoakMinute[] = [];
    let prev = readProcSample(pid);
    for (let m = 1; m <= o.minutes; m++) {
      await new Promise((r) => setTimeout(r, 60_000));
      const now = readProcSample(pid);
      const health = await api.call("GET", "/v1/health", undefined);
      const mem = (health.body as { load?: { memory?: { heap_used_bytes: number; external_bytes: number } } } | undefined)?.load?.memory;
      const done = rec;
      rec = createRecorder();
      const row: SoakMinute = {
        minute: m,
        rssMb: now.rssBytes / 2 ** 20,
        cpuPct: cpuPercent(prev, now),
        ackP50: percentile(done.ackMs, 50),
        ackP99: percentile(done.ackMs, 99),
        healthP50: percentile(done.healthMs, 50),
        healthP99: percentile(done.healthMs, 99),
        acks: done.ackMs.length,
        statuses: Object.fromEntries(done.statuses),
      };
      prev = now;
      minutes.push(row);
      console.log(
        `min ${String(m).padStart(2)}: rss ${row.rssMb.toFixed(1)} MB (heap used ${mem ? (mem.heap_used_bytes / 2 ** 20).toFixed(0) : "?"} MB, external ${mem ? (mem.external_bytes / 2 ** 20).toFixed(0) : "?"} MB), cpu ${row.cpuPct.toFixed(0)}%, ` +
          `ack p50 ${row.ackP50.toFixed(1)} p99 ${row.ackP99.toFixed(1)} ms (${row.acks} acks), ` +
          `health p50 ${row.healthP50.toFixed(1)} p99 ${row.healthP99.toFixed(1)} ms; ${errorsOf(row.statuses)}`,
      );
    }
    await load.stop();
    const verdict = judgeSoak(minutes);
    console.log(["", "verdict:", ...verdict.lines.map((l) => `  ${l}`), `soak: ${verdict.pass ? "PASS" : "FAIL"}`].join("\n"));
    return verdict.pass ? 0 : 1;
  } finally {
    await app.kill("SIGKILL");
    // --keep 1 leaves the data directory for a post-mortem (table sizes, query plans).
    if (o.keep) console.log(`soak: data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Statuses other than 2xx, or "no errors". */
function errorsOf(statuses: Record<string, number>): string {
  const errors = Object.entries(statuses).filter(([k]) => !/ 2\d\d$/.test(k));
  return errors.length ? `errors ${errors.map(([k, v]) => `${k}: ${v}`).join(", ")}` : "no errors";
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
