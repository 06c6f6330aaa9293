/**
 * The fault tools attack a production build. Building takes minutes on two cores, so it
 * happens only when there is none; a stale build is the caller's business (`npx next build`).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./app-server";

export function ensureBuild(log: (line: string) => void = console.log): void {
  if (existsSync(join(REPO_ROOT, ".next", "BUILD_ID"))) return;
  log("no build found (.next/BUILD_ID): running `next build` first…");
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}
