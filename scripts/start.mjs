#!/usr/bin/env node
// `npm start`: build if there is no (current) build, then run `next start`. The server's
// instrumentation hook validates configuration, migrates the store, seeds the demo desk on
// first run, starts the market source and prints the dashboard URL and demo keys.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: this app needs Node >= 20.19.`);
  process.exit(1);
}
if (!existsSync(join(root, "node_modules", "next"))) {
  console.error("Dependencies are missing: run `npm ci` first.");
  process.exit(1);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT ?? "3000";
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`Invalid configuration:\n  PORT: "${port}" is not a port number (1-65535)`);
  process.exit(1);
}
const next = join(root, "node_modules", "next", "dist", "bin", "next");

if (needsBuild()) {
  console.log("Building the app (first start or sources changed)…");
  const build = spawnSync(process.execPath, [next, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [next, "start", "-p", port, ...(env.HOST ? ["-H", env.HOST] : [])], {
  cwd: root,
  env: { ...env, PORT: port },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** A build is current when its BUILD_ID is newer than every source file. */
function needsBuild() {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "server", "instrumentation.ts", "next.config.js", "package.json"];
  return sources.some((s) => newestMtime(join(root, s)) > builtAt);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
