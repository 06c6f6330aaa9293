/**
 * Over-HTTP figures against a real `next start` on a scratch data directory: warm
 * GET /v1/quotes vs GET /v1/health on the same server, interleaved so drift hits both.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, summarize } from "./stats";

const root = join(__dirname, "..", "..");

export async function benchHttp(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), "ei-bench-"));
  const port = 3390 + Math.floor(Math.random() * 50);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", SEED_HISTORY_ORDERS: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(base);
    const keys = JSON.parse(readFileSync(join(dataDir, "demo-keys.json"), "utf8")) as { keys: { role: string; key: string }[] };
    const key = keys.keys.find((k) => k.role === "trader")?.key ?? "";
    const auth = { Authorization: `Bearer ${key}` };

    // Cold: the first call for a symbol nobody has asked for since start (cold chain).
    const coldTimed = async (url: string) => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: auth });
      const body = (await res.json()) as { source?: { path?: string }; quotes?: { source?: { path?: string } }[] };
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      return { ms: performance.now() - t0, path: body.source?.path ?? body.quotes?.[0]?.source?.path ?? "?" };
    };
    const firstQuotes = await coldTimed(`${base}/v1/quotes?symbols=BTC-USD`);
    const firstForecast = await coldTimed(`${base}/v1/execution/forecast?symbol=ETH-USD&side=buy&qty=10`);
    const firstMs = firstQuotes.ms;

    const health: number[] = [];
    const quotes: number[] = [];
    const forecast: number[] = [];
    const simulate: number[] = [];
    const timed = async (url: string, headers: Record<string, string>, into: number[]) => {
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      into.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    };
    // Demo desk: 50 qps, burst 100. Pace calls under that so the limiter never answers.
    for (let i = 0; i < 40; i++) {
      await timed(`${base}/v1/health`, {}, []);
      await timed(`${base}/v1/quotes?symbols=BTC-USD`, auth, []);
    }
    for (let i = 0; i < 600; i++) {
      await timed(`${base}/v1/health`, {}, health);
      await timed(`${base}/v1/quotes?symbols=BTC-USD`, auth, quotes);
      await timed(`${base}/v1/execution/forecast?symbol=BTC-USD&side=buy&qty=${[0.1, 5, 50][i % 3]}`, auth, forecast);
      if (i % 30 === 29) await new Promise((r) => setTimeout(r, 1300)); // stay under the demo desk's 50 qps
    }
    // Orders: submit → durable ack over HTTP, then the decision log at its largest page.
    const submit: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/orders`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ symbol: i % 2 ? "ETH-USD" : "BTC-USD", side: i % 3 ? "buy" : "sell", qty: i % 2 ? 2 : 0.2 }),
      });
      await res.arrayBuffer();
      submit.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`order answered ${res.status}`);
      if (i % 40 === 39) await new Promise((r) => setTimeout(r, 1300));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const decisions: number[] = [];
    for (let i = 0; i < 20; i++) await timed(`${base}/v1/execution/decisions?last_n=1000`, auth, decisions);
    for (let i = 0; i < 10; i++) {
      await timed(`${base}/v1/execution/simulate?symbol=BTC-USD&side=buy&qty=2&urgency=medium&paths=200&seed=${i}`, auth, simulate);
    }
    const h = summarize(health);
    const q = summarize(quotes);
    const f = summarize(forecast);
    const sim = summarize(simulate);
    const sub = summarize(submit);
    const dec = summarize(decisions);
    console.log("\nHTTP (next start, loopback, sequential)");
    console.log(`  first /v1/quotes after start: ${fmt(firstMs)} ms (path ${firstQuotes.path})`);
    console.log(`  GET /v1/health          p50 ${fmt(h.p50, 2)} ms  p99 ${fmt(h.p99, 2)} ms  (n=${h.n})`);
    console.log(`  GET /v1/quotes BTC-USD  p50 ${fmt(q.p50, 2)} ms  p99 ${fmt(q.p99, 2)} ms  (n=${q.n})`);
    console.log(`  ratio quotes/health     p50 ×${fmt(q.p50 / h.p50, 2)}  p99 ×${fmt(q.p99 / h.p99, 2)}`);
    console.log(`  GET /v1/execution/forecast BTC-USD (0.1/5/50 BTC)  p50 ${fmt(f.p50, 2)} ms  p99 ${fmt(f.p99, 2)} ms  ratio to health p50 ×${fmt(f.p50 / h.p50, 2)}`);
    console.log(`  cold first forecast (ETH-USD, first call since start, path ${firstForecast.path}): ${fmt(firstForecast.ms)} ms`);
    console.log(`  POST /v1/orders (submit → durable ack)  p50 ${fmt(sub.p50, 2)} ms  p99 ${fmt(sub.p99, 2)} ms  (n=${sub.n})`);
    console.log(`  GET /v1/execution/decisions?last_n=1000  p50 ${fmt(dec.p50, 2)} ms  p99 ${fmt(dec.p99, 2)} ms  (n=${dec.n})`);
    console.log(`  GET /v1/execution/simulate 2 BTC, 200 paths × 3 strategies  p50 ${fmt(sim.p50)} ms  max ${fmt(sim.max)} ms (n=${sim.n})`);
    return {
      health_p50_ms: h.p50,
      health_p99_ms: h.p99,
      quotes_p50_ms: q.p50,
      quotes_p99_ms: q.p99,
      quotes_to_health_p50: q.p50 / h.p50,
      first_quotes_ms: firstMs,
      forecast_p50_ms: f.p50,
      forecast_p99_ms: f.p99,
      forecast_to_health_p50: f.p50 / h.p50,
      cold_forecast_ms: firstForecast.ms,
      simulate_p50_ms: sim.p50,
      order_ack_p50_ms: sub.p50,
      order_ack_p99_ms: sub.p99,
      decisions_1000_p50_ms: dec.p50,
    };
  } finally {
    server.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Shared by the bench parts that start their own `next start`. */
export async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become healthy within 30 s (is there a build? run `npm run build`)");
}
