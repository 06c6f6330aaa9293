/**
 * Probes GET /v1/health every 50 ms for `--seconds`, from its own process: a probe sharing
 * the event loop of a load generator (256 connections) measures that loop's delays as
 * well as the server's. Its first probe opens the keep-alive connection (as a load
 * balancer's checker holds one) and is not counted; then it prints `ready` and probes for
 * `--seconds`. Prints one JSON line: latencies of 200 answers (p50/p99/max, n) and how
 * many probes got anything else.
 * `npx tsx scripts/bench/probe-health.ts --port 3000 --seconds 20`
 */
import http from "node:http";
import { summarize } from "./stats";

function arg(name: string): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = Number(i >= 0 ? process.argv[i + 1] : Number.NaN);
  if (!Number.isFinite(v)) throw new Error(`missing --${name}`);
  return v;
}

function probe(agent: http.Agent, port: number): Promise<{ ok: boolean; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/v1/health", agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ ok: res.statusCode === 200, ms: performance.now() - t0 }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ ok: false, ms: performance.now() - t0 }));
  });
}

async function main(): Promise<void> {
  const port = arg("port");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // A fresh process's first request pays for its own start (module loading, JIT) and the
  // connection: neither is the server's health latency.
  await probe(agent, port);
  console.log("ready");
  const end = performance.now() + arg("seconds") * 1000;
  const ok: number[] = [];
  let failed = 0;
  while (performance.now() < end) {
    const r = await probe(agent, port);
    if (r.ok) ok.push(r.ms);
    else failed++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  agent.destroy();
  console.log(JSON.stringify({ ...summarize(ok), failed }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
