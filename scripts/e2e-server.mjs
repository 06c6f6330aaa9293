#!/usr/bin/env node
// Server for the Playwright suites: `next start` over a fresh data directory, so every run
// begins as a new user would (first-run migrate + demo seed). Tests read the demo keys from
// E2E_DATA_DIR/demo-keys.json.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dataDir = process.env.E2E_DATA_DIR ?? join(root, "test-results", "e2e-data");
const port = process.env.E2E_PORT ?? "3123";
rmSync(dataDir, { recursive: true, force: true });
const server = spawn(
  process.execPath,
  [join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", port, "-H", "127.0.0.1"],
  { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: port, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
