#!/usr/bin/env node
// `npm test`: every suite in one command — type check + lint, unit (vitest), production
// build, API + browser (Playwright against `next start`). Each stage runs even if an
// earlier one failed (except the browser stage, which needs the build), and the last line
// is the total over all suites: `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const results = [];
mkdirSync(join(root, "test-results"), { recursive: true });

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd.replace(root, "")} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  return r.status === 0;
}

// 1. Static checks count as one test each: they either hold or they do not.
results.push({ suite: "typecheck", passed: run("typecheck", bin("tsc"), ["--noEmit"]) ? 1 : 0, failed: 0 });
if (results.at(-1).passed === 0) results.at(-1).failed = 1;
const lintOk = run("lint", bin("eslint"), ["--max-warnings", "0", "."]);
results.push({ suite: "lint", passed: lintOk ? 1 : 0, failed: lintOk ? 0 : 1 });

// 2. Unit tests (vitest), counted from its JSON report.
const vitestJson = join(root, "test-results", "vitest.json");
rmSync(vitestJson, { force: true });
const unitOk = run("unit", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`]);
results.push(countVitest(vitestJson, unitOk));

// 3. Build, then API + browser tests (Playwright), counted from its JSON report.
const buildOk = run("build", bin("next"), ["build"]);
if (!buildOk) {
  results.push({ suite: "build", passed: 0, failed: 1 });
} else {
  const pwJson = join(root, "test-results", "playwright.json");
  rmSync(pwJson, { force: true });
  const e2eOk = run("api + browser", bin("playwright"), ["test"]);
  results.push(countPlaywright(pwJson, e2eOk));
}

console.log("\n=== totals");
for (const r of results) console.log(`${r.suite.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const skipped = results.reduce((s, r) => s + (r.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);

function countVitest(file, ok) {
  if (!existsSync(file)) return { suite: "unit", passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  const failed = report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1);
  return { suite: "unit", passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
}

function countPlaywright(file, ok) {
  if (!existsSync(file)) return { suite: "e2e", passed: 0, failed: 1 };
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  const failed = stats.unexpected + (ok || stats.unexpected > 0 ? 0 : 1);
  return { suite: "e2e", passed: stats.expected + stats.flaky, failed, skipped: stats.skipped };
}
