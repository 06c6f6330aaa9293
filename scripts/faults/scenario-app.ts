/** The app for a named scenario: started on a store, killed and restarted on demand, always cleaned up. */
import { createApiClient, type ApiClient } from "./api-client";
import { readDemoKeys, spawnApp, waitHealthy, type DemoKeys, type RunningApp } from "./app-server";
import type { CycleStore } from "./cycle-store";

export interface ScenarioApp {
  api: ApiClient;
  /** Re-read after every restart: a server that lost its database seeds a new demo desk. */
  keys: DemoKeys;
  pid(): number;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same data (after `kill`, or kills it first). */
  restart(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

export async function openScenarioApp(store: CycleStore, port: number, marketSeed = 42): Promise<ScenarioApp> {
  const options = { port, dataDir: store.dataDir, databaseUrl: store.databaseUrl, marketSeed };
  let app: RunningApp = spawnApp(options);
  try {
    await waitHealthy(app);
  } catch (err) {
    await app.kill("SIGKILL");
    throw err;
  }
  const self: ScenarioApp = {
    api: createApiClient(app.base),
    keys: readDemoKeys(store.dataDir),
    pid: () => app.pid,
    kill: (signal) => app.kill(signal),
    async restart(signal = "SIGKILL") {
      await app.kill(signal);
      app = spawnApp(options);
      await waitHealthy(app);
      // A fault may have taken the key file with it; the database's keys still work then.
      try {
        self.keys = readDemoKeys(store.dataDir);
      } catch {
        // keep the keys we had
      }
    },
    close: () => app.kill("SIGKILL"),
  };
  return self;
}
