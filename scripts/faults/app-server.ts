/**
 * The app under attack: a real `next start` on a data directory (and optionally a
 * PostgreSQL URL), started and killed the way an operator's supervisor would. The node
 * process renames itself `next-server`, so its pid is the server's own (no npm wrapper).
 */
import { serverNodeArgs } from "../server-node-args";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const REPO_ROOT = join(__dirname, "..", "..");

export interface AppOptions {
  port: number;
  dataDir: string;
  databaseUrl?: string | undefined;
  marketSeed?: number;
  /** Extra environment (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
  /** Where the server's stdout/stderr go; "ignore" unless debugging. */
  output?: "ignore" | "inherit";
}

export interface RunningApp {
  readonly pid: number;
  readonly base: string;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function spawnApp(o: AppOptions): RunningApp {
  const child: ChildProcess = spawn(process.execPath, [...serverNodeArgs(), join(REPO_ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(o.port), "-H", "127.0.0.1"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATA_DIR: o.dataDir,
      PORT: String(o.port),
      DATABASE_URL: o.databaseUrl ?? "",
      NEXT_TELEMETRY_DISABLED: "1",
      SEED_HISTORY_ORDERS: "0",
      LOG_LEVEL: "warn",
      MARKET_SEED: String(o.marketSeed ?? 42),
      ...o.env,
    },
    stdio: ["ignore", o.output ?? "ignore", o.output ?? "ignore"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  if (child.pid === undefined) throw new Error("could not spawn next start");
  return {
    pid: child.pid,
    base: `http://127.0.0.1:${o.port}`,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      // SIGTERM gets a graceful window; a server that ignores it is killed like any other.
      const timer = signal === "SIGKILL" ? undefined : setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      if (timer) clearTimeout(timer);
    },
  };
}

/** Polls /v1/health until it answers 200; throws if the process exits or time runs out. */
export async function waitHealthy(app: RunningApp, timeoutMs = 60_000): Promise<void> {
  let dead = false;
  void app.exited.then(() => (dead = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`the server (pid ${app.pid}) exited during start-up`);
    try {
      const res = await fetch(`${app.base}/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs} ms`);
}

export interface DemoKeys {
  trader: string;
  lead: string;
  viewer: string;
}

/** The demo desk's keys as the server wrote them on its first start. */
export function readDemoKeys(dataDir: string): DemoKeys {
  const file = JSON.parse(readFileSync(join(dataDir, "demo-keys.json"), "utf8")) as { keys: { role: string; key: string }[] };
  const get = (role: string) => {
    const k = file.keys.find((x) => x.role === role)?.key;
    if (!k) throw new Error(`demo-keys.json has no ${role} key`);
    return k;
  };
  return { trader: get("trader"), lead: get("lead"), viewer: get("viewer") };
}
