/**
 * The SQLite file is deleted under a running server: from then on every order is refused
 * with 503 and Retry-After (none is acknowledged into a file that is gone), health reports
 * the store down with the reason, every order acknowledged before stays readable, and a
 * copy of the lost file beside it holds them all (so they survive the restart).
 * Its own server and data directory (the shared test server must keep its store), on
 * E2E_STORE_PORT (default E2E_PORT + 7).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import SQLite from "better-sqlite3";
import { ErrorEnvelopeSchema } from "@/lib/contracts/errors";
import { HealthResponseSchema } from "@/lib/contracts/health";
import { OrderResponseSchema } from "@/lib/contracts/orders";

const root = join(__dirname, "..", "..");
const PORT = Number(process.env.E2E_STORE_PORT ?? Number(process.env.E2E_PORT ?? 3123) + 7);
const base = `http://127.0.0.1:${PORT}`;

function startServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "error", SEED_HISTORY_ORDERS: "0" },
    stdio: "ignore",
  });
}

/** Order ids in the copy the server made of the lost file (before its first refusal). */
function rescuedOrderIds(dataDir: string): string[] {
  const copy = readdirSync(dataDir).find((f) => f.startsWith("execution.sqlite.rescued-"));
  if (!copy) throw new Error("no rescue copy beside the lost file");
  const db = new SQLite(join(dataDir, copy), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select id from orders").all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

async function waitHealthy(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

test("deleting the SQLite file while running: orders 503 with Retry-After, health down, acknowledged orders kept and rescued", async () => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), "ei-store-lost-"));
  const server = startServer(dataDir);
  try {
    await waitHealthy();
    const key = (JSON.parse(readFileSync(join(dataDir, "demo-keys.json"), "utf8")) as { keys: { role: string; key: string }[] }).keys.find((k) => k.role === "trader")!.key;
    const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
    const place = (i: number) =>
      fetch(`${base}/v1/orders`, { method: "POST", headers, body: JSON.stringify({ symbol: "BTC-USD", side: "buy", qty: 0.1 + i / 100, client_request_id: `lost-${i}` }) });

    const healthy = HealthResponseSchema.parse(await (await fetch(`${base}/v1/health`)).json());
    expect(healthy.status).toBe("ok");
    expect(healthy.store_health).toMatchObject({ state: "ok", reason: null });
    expect(healthy.store_health.last_write_ok_at_ns).not.toBeNull();

    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await place(i);
      expect(res.status).toBe(201);
      acknowledged.push(OrderResponseSchema.parse(await res.json()).order.order_id);
    }

    const file = join(dataDir, "execution.sqlite");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });

    for (let i = 5; i < 15; i++) {
      const res = await place(i);
      expect(res.status, `order ${i} after the deletion`).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const { error } = ErrorEnvelopeSchema.parse(await res.json());
      expect(error.code).toBe("SERVICE_UNAVAILABLE");
      expect(error.message).toBe(`The SQLite store ${file} was deleted while running; restart the service`);
    }

    const down = await fetch(`${base}/v1/health`);
    expect(down.status).toBe(503);
    const health = HealthResponseSchema.parse(await down.json());
    expect(health.status).toBe("down");
    expect(health.store_health).toMatchObject({ state: "down", reason: "file_deleted" });
    expect(health.store_health.message).toContain("was deleted while running");

    // Nothing was acknowledged after the deletion, and everything acknowledged before is still served.
    for (const id of acknowledged) {
      const res = await fetch(`${base}/v1/orders/${id}`, { headers });
      expect(res.status, id).toBe(200);
      expect(OrderResponseSchema.parse(await res.json()).order.order_id).toBe(id);
    }
    const retried = await place(5);
    expect(retried.status).toBe(503);
    expect(rescuedOrderIds(dataDir)).toEqual(expect.arrayContaining(acknowledged));
  } finally {
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
