/**
 * Overload against a real `next start` (needs a build): first a steady 20 orders/s for a
 * while (CPU and RSS of the server at its start and end: market history must stay
 * bounded), then far more than the server can do: many concurrent connections in a closed
 * loop mixing POST /v1/orders with GET reads, from several desks, while a separate
 * connection probes /v1/health. Reports the status mix (201/200/429/503/timeouts/resets),
 * whether every refusal carried Retry-After, the ack latency of accepted orders and the
 * health latency. Figures, not pass/fail: the targets (refusals not timeouts, health p99
 * ≤ 100 ms) are read off the output.
 *
 * BENCH_PORT picks the port (default random 3390–3439); OVERLOAD_CONNECTIONS (256),
 * OVERLOAD_S (20) and STEADY_S (30) size the run; a refused client waits what Retry-After
 * says, or OVERLOAD_BACKOFF_MS (e.g. 50: an impatient client, 20× the pressure); ADMISSION_* and MAX_WORKING_ORDERS are
 * passed through to the server, so the same run with huge limits shows the server without
 * shedding.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseKeysArgs } from "@/server/auth/parse-keys-args";
import { runKeysCommand } from "@/server/auth/run-keys-command";
import { openStore } from "@/server/store/open-store";
import { serverNodeArgs } from "../server-node-args";
import { fmt, summarize } from "./stats";

const root = join(__dirname, "..", "..");
const REQUEST_TIMEOUT_MS = 10_000;
const DESKS = 8;
const SYMBOLS = ["BTC-USD", "ETH-USD", "SOL-USD"] as const;

type Outcome = { kind: "status"; status: number; retryAfter: boolean; retryAfterS: number; ms: number; message?: string } | { kind: "timeout" | "reset" | "refused" | "error"; ms: number };

interface HttpTarget {
  agent: http.Agent;
  port: number;
}

function send(target: HttpTarget, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    const req = http.request(
      { host: "127.0.0.1", port: target.port, method, path, agent: target.agent, headers: body ? { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } : headers },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = "";
        res.on("data", (chunk: Buffer) => {
          if (status >= 400 && text.length < 500) text += chunk.toString();
        });
        res.on("end", () => {
          const message = status >= 400 ? (/"message":"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 80)) : undefined;
          const retryAfter = res.headers["retry-after"];
          done({ kind: "status", status, retryAfter: retryAfter !== undefined, retryAfterS: Number(retryAfter ?? 0) || 0, ms: performance.now() - t0, ...(message !== undefined ? { message } : {}) });
        });
        res.on("error", () => done({ kind: "reset", ms: performance.now() - t0 }));
        // Closed before the end of the body: the server dropped the connection.
        res.on("close", () => done({ kind: "reset", ms: performance.now() - t0 }));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      done({ kind: "timeout", ms: performance.now() - t0 });
      req.destroy();
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      const kind = err.code === "ECONNRESET" || err.code === "EPIPE" ? "reset" : err.code === "ECONNREFUSED" ? "refused" : "error";
      done({ kind, ms: performance.now() - t0 });
    });
    if (body) req.write(body);
    req.end();
  });
}

/** CPU seconds (user + system) and RSS of a process, from /proc (Linux). */
function processUsage(pid: number): { cpuS: number; rssMb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return { cpuS: ticks / 100, rssMb: rssKb / 1024 };
  } catch {
    return undefined;
  }
}

async function createDeskKeys(dataDir: string): Promise<string[]> {
  const store = openStore({ dataDir });
  const keys: string[] = [];
  try {
    for (let d = 0; d < DESKS; d++) {
      const parsed = parseKeysArgs(["create", "--desk", `load-${d}`, "--role", "trader", "--sandbox", "--qps", "10000"]);
      if (!parsed.ok || parsed.command.cmd === "help") throw new Error(parsed.ok ? "help" : parsed.error);
      const lines: string[] = [];
      await runKeysCommand(parsed.command, { store, dataDir, nowMs: Date.now(), out: (l) => lines.push(l), err: (l) => lines.push(l) });
      const key = lines[lines.length - 1]?.trim() ?? "";
      if (!/^seq_test_[0-9a-f]{64}$/.test(key)) throw new Error(`keys create printed no key: ${lines.join(" | ")}`);
      keys.push(key);
    }
  } finally {
    await store.close();
  }
  return keys;
}

function orderBody(i: number, mids: Record<string, number>): string {
  const symbol = SYMBOLS[i % SYMBOLS.length] as string;
  const side = i % 2 ? "buy" : "sell";
  const qty = symbol === "BTC-USD" ? 0.01 : symbol === "ETH-USD" ? 0.3 : 5;
  // One order in fifty rests off the touch, so some orders keep working as a desk's would.
  const mid = mids[symbol];
  if (i % 50 === 0 && mid) return JSON.stringify({ symbol, side, qty, limit_price: Number((side === "buy" ? mid * 0.995 : mid * 1.005).toPrecision(6)) });
  return JSON.stringify({ symbol, side, qty });
}

const READS = ["/v1/quotes?symbols=BTC-USD,ETH-USD", "/v1/execution/forecast?symbol=BTC-USD&side=buy&qty=2", "/v1/orders?limit=20", "/v1/market", "/v1/intelligence/depth?symbol=ETH-USD&bands=5,10,25"];

export async function benchOverload(): Promise<Record<string, number>> {
  const connections = Number(process.env.OVERLOAD_CONNECTIONS ?? 256);
  const overloadS = Number(process.env.OVERLOAD_S ?? 20);
  const steadyS = Number(process.env.STEADY_S ?? 30);
  const backoffMs = process.env.OVERLOAD_BACKOFF_MS === undefined ? undefined : Number(process.env.OVERLOAD_BACKOFF_MS);
  const dataDir = mkdtempSync(join(tmpdir(), "ei-overload-"));
  const port = Number(process.env.BENCH_PORT ?? 3390 + Math.floor(Math.random() * 50));
  // SERVER_NODE_ARGS (server-node-args.ts) and BENCH_SERVER_STDOUT=1 are for profiling.
  const server = spawn(process.execPath, [...serverNodeArgs(), join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", SEED_HISTORY_ORDERS: "0" },
    stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? "inherit" : "ignore", "inherit"],
  });
  const probe: HttpTarget = { agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), port };
  const load: HttpTarget = { agent: new http.Agent({ keepAlive: true, maxSockets: connections }), port };
  try {
    await waitForHealth(probe);
    const keys = await createDeskKeys(dataDir);
    const auth = (i: number) => ({ Authorization: `Bearer ${keys[i % keys.length] as string}` });
    const mids: Record<string, number> = {};
    for (const s of SYMBOLS) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/quotes?symbols=${s}`, { headers: auth(0), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = (await res.json()) as { quotes?: { nbbo?: { mid?: number } }[] };
      const mid = body.quotes?.[0]?.nbbo?.mid;
      if (mid) mids[s] = mid;
    }

    // Steady 20 orders/s, open loop (one order every 50 ms whatever the answers).
    const pid = server.pid ?? 0;
    const steady: Outcome[] = [];
    const usage: { atS: number; cpuS: number; rssMb: number }[] = [];
    const steadyStart = performance.now();
    const sampleUsage = () => {
      const u = processUsage(pid);
      if (u) usage.push({ atS: (performance.now() - steadyStart) / 1000, ...u });
    };
    sampleUsage();
    const inflight: Promise<void>[] = [];
    for (let i = 0; performance.now() - steadyStart < steadyS * 1000; i++) {
      inflight.push(send(load, "POST", "/v1/orders", auth(i), orderBody(i + 1, mids)).then((o) => void steady.push(o)));
      if (i % 100 === 0) sampleUsage();
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(inflight);
    sampleUsage();
    const loadAfterSteady = await serverLoad(port);

    const statusIs = (s: number) => (o: Outcome) => o.kind === "status" && o.status === s;
    const steadyAcks = summarize(steady.filter(statusIs(201)).map((o) => o.ms));
    const u0 = usage[0];
    const uEnd = usage[usage.length - 1];
    const cpuPct = (a: { atS: number; cpuS: number } | undefined, b: { atS: number; cpuS: number } | undefined) => (a && b && b.atS > a.atS ? (100 * (b.cpuS - a.cpuS)) / (b.atS - a.atS) : Number.NaN);
    const firstThird = usage.filter((x) => x.atS <= steadyS / 3);
    const lastThird = usage.filter((x) => x.atS >= (2 * steadyS) / 3);
    console.log(`\nOverload (next start, loopback; ${DESKS} desks + health probe)`);
    console.log(`  steady 20 orders/s for ${steadyS} s: ${steady.filter(statusIs(201)).length}/${steady.length} acked (${mix(steady)}), ack p50 ${fmt(steadyAcks.p50, 1)} ms p99 ${fmt(steadyAcks.p99, 1)} ms`);
    if (steady.some((o) => o.kind !== "status" || o.status !== 201)) console.log(`    not acked: ${reasons(steady)}`);
    console.log(`    server's shedding counters after it: ${loadAfterSteady}`);
    console.log(`    server CPU first third ${fmt(cpuPct(firstThird[0], firstThird[firstThird.length - 1]), 0)} %, last third ${fmt(cpuPct(lastThird[0], lastThird[lastThird.length - 1]), 0)} %; RSS ${fmt(u0?.rssMb ?? Number.NaN, 0)} → ${fmt(uEnd?.rssMb ?? Number.NaN, 0)} MB`);
    // Overload: closed loop on many connections, with the health probe beside it.
    const outcomes: { post: boolean; o: Outcome }[] = [];
    let endAt = 0;
    let n = 0;
    const worker = async (w: number) => {
      while (performance.now() < endAt) {
        const i = n++;
        const post = i % 5 < 2;
        const o = post ? await send(load, "POST", "/v1/orders", auth(w), orderBody(i, mids)) : await send(load, "GET", READS[i % READS.length] as string, auth(w));
        outcomes.push({ post, o });
        // A refused client waits as Retry-After asks, or OVERLOAD_BACKOFF_MS (an impatient client).
        if (o.kind === "status" && (o.status === 429 || o.status === 503)) await new Promise((r) => setTimeout(r, backoffMs ?? 1000 * o.retryAfterS));
        else if (o.kind !== "status") await new Promise((r) => setTimeout(r, 100));
      }
    };
    // The health probe runs in its own process (probe-health.ts), off the load's event loop;
    // the load starts once it has its connection (`ready`).
    let probeReady: () => void = () => {};
    const probeIsReady = new Promise<void>((r) => (probeReady = r));
    const prober = () =>
      new Promise<{ n: number; p50: number; p99: number; max: number; failed: number }>((resolve, reject) => {
        const child = spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "scripts/bench/probe-health.ts"), "--port", String(port), "--seconds", String(overloadS)], {
          cwd: root,
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.startsWith("ready\n")) probeReady();
        });
        child.on("exit", (code) => {
          probeReady();
          if (code === 0) resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"));
          else reject(new Error(`health probe exited ${code}`));
        });
      });
    const probed = prober();
    await probeIsReady;
    const loadStart = performance.now();
    endAt = loadStart + overloadS * 1000;
    const overloadUsage0 = processUsage(pid);
    const [h] = await Promise.all([probed, ...Array.from({ length: connections }, (_, w) => worker(w))]);
    const elapsedS = (performance.now() - loadStart) / 1000;
    const overloadUsage1 = processUsage(pid);
    const loadAfterOverload = await serverLoad(port);

    const count = (pred: (o: Outcome) => boolean) => outcomes.filter((x) => pred(x.o)).length;
    const refusals = outcomes.filter((x) => x.o.kind === "status" && (x.o.status === 429 || x.o.status === 503));
    const refusalsWithoutRetryAfter = refusals.filter((x) => x.o.kind === "status" && !x.o.retryAfter).length;
    const acks = summarize(outcomes.filter((x) => x.post && statusIs(201)(x.o)).map((x) => x.o.ms));
    const reads = summarize(outcomes.filter((x) => !x.post && statusIs(200)(x.o)).map((x) => x.o.ms));
    const refusalMs = summarize(refusals.map((x) => x.o.ms));
    const healthFailures = h.failed;
    const other = count((o) => o.kind === "status" && ![200, 201, 429, 503].includes(o.status));

    console.log(`  overload: ${connections} connections, closed loop, 40 % POST /v1/orders, 60 % reads, ${fmt(elapsedS, 1)} s; refused clients wait ${backoffMs === undefined ? "Retry-After" : `${backoffMs} ms`}`);
    console.log(`    responses ${outcomes.length} (${fmt(outcomes.length / elapsedS, 0)}/s): 201 ${count(statusIs(201))}, 200 ${count(statusIs(200))}, 429 ${count(statusIs(429))}, 503 ${count(statusIs(503))}, other status ${other}`);
    console.log(`    timeouts ${count((o) => o.kind === "timeout")}, resets ${count((o) => o.kind === "reset")}, refused ${count((o) => o.kind === "refused")}, other errors ${count((o) => o.kind === "error")}; 429/503 without Retry-After ${refusalsWithoutRetryAfter}`);
    console.log(`    accepted order ack p50 ${fmt(acks.p50, 1)} ms p99 ${fmt(acks.p99, 1)} ms (n=${acks.n}); reads 200 p50 ${fmt(reads.p50, 1)} ms p99 ${fmt(reads.p99, 1)} ms; refusals p50 ${fmt(refusalMs.p50, 1)} ms p99 ${fmt(refusalMs.p99, 1)} ms`);
    console.log(`    refusal reasons: ${reasons(outcomes.map((x) => x.o))}`);
    console.log(`    server's shedding counters after both phases: ${loadAfterOverload}`);
    console.log(`    GET /v1/health meanwhile p50 ${fmt(h.p50, 1)} ms p99 ${fmt(h.p99, 1)} ms max ${fmt(h.max, 1)} ms (n=${h.n}, not 200: ${healthFailures})`);
    console.log(`    server CPU ${fmt(cpuPct(overloadUsage0 && { atS: 0, cpuS: overloadUsage0.cpuS }, overloadUsage1 && { atS: elapsedS, cpuS: overloadUsage1.cpuS }), 0)} %, RSS ${fmt(overloadUsage1?.rssMb ?? Number.NaN, 0)} MB`);
    return {
      steady_ack_p50_ms: steadyAcks.p50,
      steady_ack_p99_ms: steadyAcks.p99,
      steady_rss_start_mb: u0?.rssMb ?? Number.NaN,
      steady_rss_end_mb: uEnd?.rssMb ?? Number.NaN,
      overload_responses_per_s: outcomes.length / elapsedS,
      overload_201: count(statusIs(201)),
      overload_200: count(statusIs(200)),
      overload_429: count(statusIs(429)),
      overload_503: count(statusIs(503)),
      overload_timeouts: count((o) => o.kind === "timeout"),
      overload_resets: count((o) => o.kind === "reset"),
      overload_refusals_without_retry_after: refusalsWithoutRetryAfter,
      overload_ack_p50_ms: acks.p50,
      overload_ack_p99_ms: acks.p99,
      overload_health_p50_ms: h.p50,
      overload_health_p99_ms: h.p99,
    };
  } finally {
    probe.agent.destroy();
    load.agent.destroy();
    server.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** "201 ×400, 503 ×3, timeout ×1": every outcome kind and status seen. */
function mix(outcomes: readonly Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const k = o.kind === "status" ? String(o.status) : o.kind;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(", ");
}

/** The most frequent error messages, with counts (numbers folded so variants group). */
function reasons(outcomes: readonly Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    if (o.kind !== "status" || !o.message) continue;
    const k = `${o.status} ${o.message.replace(/\d+/g, "N")}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${n} × ${k}`).join("; ") || "none";
}

/** The load figures /v1/health reports, as one line. */
async function serverLoad(port: number): Promise<string> {
  try {
    const body = (await (await fetch(`http://127.0.0.1:${port}/v1/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).json()) as { load?: unknown };
    return JSON.stringify(body.load);
  } catch (err) {
    return `unavailable (${String(err)})`;
  }
}

async function waitForHealth(target: HttpTarget): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const o = await send(target, "GET", "/v1/health", {});
    if (o.kind === "status" && o.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become healthy within 30 s (is there a build? run `npm run build`)");
}
