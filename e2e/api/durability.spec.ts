import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { LiveResponseSchema } from "@/lib/contracts/live";
import { OrderResponseSchema } from "@/lib/contracts/orders";

const root = join(__dirname, "..", "..");
const PORT = 3129;
const base = `http://127.0.0.1:${PORT}`;

function startServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", SEED_HISTORY_ORDERS: "0" },
    stdio: "ignore",
  });
}

async function waitHealthy(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

test("kill -9 mid-trading: every acknowledged order survives the restart with consistent fills", async () => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), "ei-kill9-"));
  let server = startServer(dataDir);
  try {
    await waitHealthy();
    const key = (JSON.parse(readFileSync(join(dataDir, "demo-keys.json"), "utf8")) as { keys: { role: string; key: string }[] }).keys.find((k) => k.role === "trader")!.key;
    const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
    const acknowledged: { id: string; qty: number }[] = [];
    // TWAP orders keep working for seconds, so the kill lands while children are live.
    for (let i = 0; i < 12; i++) {
      const qty = 0.5 + i * 0.1;
      const body =
        i % 2 === 0
          ? { symbol: "BTC-USD", side: i % 4 === 0 ? "buy" : "sell", qty }
          : { graph_id: `k9-${i}`, nodes: [{ node_id: "t", instrument: "ETH-USD", side: "buy", quantity: qty * 10, execution: { policy: "sor", urgency: "low", pacing: { num_slices: 6, interval_ms: 1000 } } }], edges: [] };
      const res = await fetch(`${base}/v1/orders`, { method: "POST", headers, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      const o = OrderResponseSchema.parse(await res.json()).order;
      acknowledged.push({ id: o.order_id, qty: o.qty });
    }
    await new Promise((r) => setTimeout(r, 1500));
    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));

    server = startServer(dataDir);
    await waitHealthy();
    // Every acknowledged order is there after the restart, never over-filled.
    for (const a of acknowledged) {
      const res = await fetch(`${base}/v1/orders/${a.id}`, { headers });
      expect(res.status, a.id).toBe(200);
      const { order } = OrderResponseSchema.parse(await res.json());
      expect(order.qty).toBeCloseTo(a.qty, 8);
      expect(order.filled_qty).toBeLessThanOrEqual(order.qty);
    }
    // Recovered working orders resume and finish.
    const deadline = Date.now() + 20_000;
    let open = acknowledged.length;
    while (open > 0 && Date.now() < deadline) {
      open = 0;
      for (const a of acknowledged) {
        const { order } = OrderResponseSchema.parse(await (await fetch(`${base}/v1/orders/${a.id}`, { headers })).json());
        if (!["COMPLETED", "CANCELLED", "REJECTED", "FAILED"].includes(order.status)) open++;
      }
      if (open) await new Promise((r) => setTimeout(r, 500));
    }
    expect(open).toBe(0);
    // Once nothing moves any more, each order's fills add up to its filled quantity exactly.
    for (const a of acknowledged) {
      const live = LiveResponseSchema.parse(await (await fetch(`${base}/v1/execution/live/${a.id}`, { headers })).json());
      expect(live.fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(live.totals.filled_qty, 8);
      expect(live.totals.filled_qty).toBeLessThanOrEqual(live.totals.ordered_qty);
      expect(new Set(live.fills.map((f) => f.fill_id)).size).toBe(live.fills.length);
    }
  } finally {
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
