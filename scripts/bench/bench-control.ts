/**
 * Control actions under load, over HTTP against a real `next start` (issue 11): while
 * another desk submits orders at a steady rate (default 200/s, open loop), the demo desk
 * engages and releases its kill switch and pauses, resumes and cancels TWAPs. Figures:
 * engage and control latency (p50/p99/max), whether any of the desk's orders still runs
 * after an engage, and what the load generator got (status mix, ack p50/p99).
 * Run alone: `npx tsx scripts/bench/bench-control.ts [--rate 200] [--seconds 30]`.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitForHealth } from "./bench-http";
import { serverNodeArgs } from "../server-node-args";
import { fmt, summarize } from "./stats";

const root = join(__dirname, "..", "..");

interface Options {
  rate: number;
  seconds: number;
}

export async function benchControl(opts: Options = { rate: 200, seconds: 30 }): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), "ei-bench-control-"));
  const port = 3440 + Math.floor(Math.random() * 40);
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", SEED_HISTORY_ORDERS: "0" };
  const server = spawn(process.execPath, [...serverNodeArgs(), join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? "inherit" : "ignore", "inherit"] });
  try {
    await waitForHealth(base);
    const demo = JSON.parse(readFileSync(join(dataDir, "demo-keys.json"), "utf8")) as { keys: { role: string; key: string }[] };
    const trader = { Authorization: `Bearer ${demo.keys.find((k) => k.role === "trader")?.key ?? ""}`, "Content-Type": "application/json" };
    const lead = { Authorization: `Bearer ${demo.keys.find((k) => k.role === "lead")?.key ?? ""}`, "Content-Type": "application/json" };
    const created = spawnSync(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "scripts/keys.ts"), "create", "--desk", "loadgen", "--role", "trader", "--sandbox", "--qps", "2000"], { cwd: root, env, encoding: "utf8" });
    const loadKey = created.stdout.trim().split("\n").at(-1) ?? "";
    if (!loadKey.startsWith("seq_test_")) throw new Error(`could not create the load desk's key: ${created.stderr}`);

    // Another desk's traffic, open loop at `rate`, from its own process (generate-order-load.ts).
    const loadGen = spawn(
      process.execPath,
      [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "scripts/bench/generate-order-load.ts"), "--base", base, "--key", loadKey, "--rate", String(opts.rate), "--seconds", String(opts.seconds + 2)],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let loadOut = "";
    loadGen.stdout.on("data", (chunk: Buffer) => (loadOut += chunk.toString()));
    const loadDone = new Promise<void>((resolve) => loadGen.on("exit", () => resolve()));

    const engage: number[] = [];
    const control: number[] = [];
    let stillRunning = 0;
    let acceptedWhileEngaged = 0;
    let engageRefused = 0;
    let checkedOrders = 0;
    let placeRefused = 0;
    const post = async (path: string, headers: Record<string, string>, body?: unknown) => {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, { method: "POST", headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      const json = (await res.json()) as Record<string, unknown>;
      return { ms: performance.now() - t, status: res.status, json };
    };
    const deadline = performance.now() + opts.seconds * 1000;
    await new Promise((r) => setTimeout(r, 2_000)); // the load reaches its rate first
    while (performance.now() < deadline) {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const twap = await post("/v1/orders", trader, { graph_id: `ctl-${Date.now()}-${i}`, nodes: [{ node_id: "t", instrument: "BTC-USD", side: "buy", quantity: 0.3, execution: { policy: "sor", urgency: "low", pacing: { num_slices: 20, interval_ms: 1000 } } }], edges: [] });
        const resting = await post("/v1/orders", trader, { symbol: "ETH-USD", side: "buy", qty: 1, limit_price: 10 });
        for (const r of [twap, resting]) {
          if (r.status === 201) ids.push(String((r.json.order as { order_id: string }).order_id));
          else placeRefused++;
        }
      }
      const twapId = ids[0];
      if (twapId) {
        for (const action of ["pause", "resume"]) {
          const r = await post(`/v1/orders/${twapId}/${action}`, trader);
          if (r.status === 200) control.push(r.ms);
        }
      }
      if (ids[1]) {
        const r = await post(`/v1/orders/${ids[1]}/cancel`, trader);
        if (r.status === 200) control.push(r.ms);
      }
      const e = await post("/v1/kill_switch", lead, { action: "engage" });
      if (e.status !== 200) {
        engageRefused++;
        continue;
      }
      engage.push(e.ms);
      const refused = await post("/v1/orders", trader, { symbol: "BTC-USD", side: "buy", qty: 0.01 });
      if (refused.status === 201) acceptedWhileEngaged++;
      await new Promise((r) => setTimeout(r, 1_000));
      checkedOrders += ids.length;
      for (const id of ids) {
        const res = await fetch(`${base}/v1/orders/${id}`, { headers: trader });
        const status = ((await res.json()) as { order?: { status?: string } }).order?.status;
        if (status === "RUNNING" || status === "ACCEPTED" || status === "PAUSED") stillRunning++;
      }
      await post("/v1/kill_switch", lead, { action: "release" });
    }
    await loadDone;
    const load = JSON.parse(loadOut.trim().split("\n").at(-1) ?? "{}") as { sent: number; statuses: Record<string, number>; ackP50: number; ackP99: number };
    const engageStats = summarize(engage);
    const controlStats = summarize(control);
    const mix = Object.entries(load.statuses).map(([k, v]) => `${k}: ${v}`).join(", ");
    console.log(`\nControl actions while another desk submits ${opts.rate} orders/s (open loop, ${opts.seconds} s, HTTP, next start)`);
    console.log(`  kill switch engage: p50 ${fmt(engageStats.p50)} ms, p99 ${fmt(engageStats.p99)} ms, max ${fmt(engageStats.max)} ms over ${engageStats.n}`);
    console.log(`  pause / resume / cancel: p50 ${fmt(controlStats.p50)} ms, p99 ${fmt(controlStats.p99)} ms, max ${fmt(controlStats.max)} ms over ${controlStats.n}`);
    console.log(`  engages refused: ${engageRefused}; desk orders placed ${checkedOrders} (refused ${placeRefused}), still working 1 s after an engage: ${stillRunning}; orders accepted while engaged: ${acceptedWhileEngaged}`);
    console.log(`  load desk: ${load.sent} sent; ${mix}; ack p50 ${fmt(load.ackP50)} ms, p99 ${fmt(load.ackP99)} ms`);
    return {
      control_engage_p50_ms: engageStats.p50,
      control_engage_p99_ms: engageStats.p99,
      control_action_p99_ms: controlStats.p99,
      control_still_running_after_engage: stillRunning,
      control_load_ack_p99_ms: load.ackP99,
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("bench-control.ts")) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  benchControl({ rate: arg("rate", 200), seconds: arg("seconds", 30) }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
