import { defineConfig, devices } from "@playwright/test";
import { join } from "node:path";

const port = process.env.E2E_PORT ?? "3123";
/** A second server replays the recorded Binance files (MARKET_SOURCE=replay) for e2e/replay. */
const replayPort = String(Number(port) + 1);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? join(__dirname, "test-results", "e2e-data");
const REPLAY_DATA_DIR = `${E2E_DATA_DIR}-replay`;
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
  },
};
const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", MARKET_SEED: "7", LOG_LEVEL: "warn", SEED_HISTORY_ORDERS: "0" };

export default defineConfig({
  testDir: "./e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  outputDir: "test-results/artifacts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "api", testDir: "./e2e/api" },
    { name: "ui", testDir: "./e2e/ui", use: chromium },
    { name: "replay", testDir: "./e2e/replay", use: { ...chromium, baseURL: `http://127.0.0.1:${replayPort}` } },
  ],
  webServer: [
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://127.0.0.1:${port}/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...serverEnv, E2E_DATA_DIR, E2E_PORT: port },
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://127.0.0.1:${replayPort}/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...serverEnv, E2E_DATA_DIR: REPLAY_DATA_DIR, E2E_PORT: replayPort, MARKET_SOURCE: "replay", REPLAY_SPEED: "1", REPLAY_LOOP: "1" },
    },
  ],
});
