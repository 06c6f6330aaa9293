import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type APIResponse } from "@playwright/test";
import { ErrorEnvelopeSchema, type ErrorCode } from "@/lib/contracts/errors";

const root = join(__dirname, "..", "..");
export const dataDir = process.env.E2E_DATA_DIR ?? join(root, "test-results", "e2e-data");
/** The second test server's data (MARKET_SOURCE=replay; see playwright.config.ts). */
export const replayDataDir = `${dataDir}-replay`;

interface DemoKeysFile {
  keys: { role: "trader" | "lead" | "viewer"; key: string }[];
}

/** The demo desk's keys as a new user would read them (the server wrote them on first start). */
export function demoKey(role: "trader" | "lead" | "viewer" = "trader", dir = dataDir): string {
  const file = JSON.parse(readFileSync(join(dir, "demo-keys.json"), "utf8")) as DemoKeysFile;
  const found = file.keys.find((k) => k.role === role);
  if (!found) throw new Error(`no demo ${role} key`);
  return found.key;
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Runs the keys CLI against the test server's data directory, as an operator would. */
export function keysCli(args: string[]): string {
  return execFileSync(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "scripts", "keys.ts"), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: "utf8",
  });
}

/** Creates a key through the CLI and returns it (the CLI prints the key alone on its last line). */
export function createKey(args: string[]): string {
  const out = keysCli(["create", ...args]).trim().split("\n");
  const key = out.at(-1) ?? "";
  expect(key).toMatch(/^seq_(live|test)_[0-9a-f]{64}$/);
  return key;
}

/** Asserts the response is the error envelope with this code and status, and returns it. */
export async function expectEnvelope(res: APIResponse, code: ErrorCode, status: number) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = ErrorEnvelopeSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.request_id).toBe(res.headers()["x-request-id"]);
  return body.error;
}
