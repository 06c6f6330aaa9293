/** Polls GET /v1/health in the background and counts its statuses: what a load balancer would see. */
import type { ApiClient } from "./api-client";

export interface HealthProbe {
  /** Counts since the last `take()`, e.g. {"200": 40, "no answer": 2}. */
  take(): Map<string, number>;
  stop(): Promise<void>;
}

export function startHealthProbe(api: ApiClient, everyMs = 250): HealthProbe {
  let counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const ans = await api.call("GET", "/v1/health", undefined, undefined, 2_000);
      const key = ans.status === 0 ? "no answer" : String(ans.status);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    take() {
      const c = counts;
      counts = new Map();
      return c;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
