/**
 * Composition root: the only place that wires concrete parts together. Built once per
 * process and kept on globalThis, so every route bundle and page shares one instance
 * (Next.js may load a module more than once across bundles).
 */
import pkg from "@/package.json";
import { ensureDemoDesk, type DemoSeedResult } from "@/server/auth/seed-demo";
import { parseEnv, type Env } from "@/server/env";
import { createAdmissionController, DEFAULT_ADMISSION_LIMITS, type AdmissionController } from "@/server/http/create-admission-controller";
import { createTokenBucketLimiter, type RateLimiter } from "@/server/http/rate-limiter";
import { startLoopDelaySampler } from "@/server/http/start-loop-delay-sampler";
import { loadCalibrationRecord, type CalibrationRecord } from "@/server/intelligence/calibration-record";
import { seedDemoHistory } from "@/server/intelligence/seed-demo-history";
import { startSandbox, type Sandbox } from "@/server/intelligence/start-sandbox";
import { createTapeStatsCache, type TapeStatsCache } from "@/server/intelligence/tape-stats-cache";
import { createMarketHub, type MarketHub } from "@/server/market-data/hub";
import { createObservationStore, type ObservationStore } from "@/server/market-data/observation-store";
import type { MarketSource } from "@/server/market-data/types";
import { openMarketSource } from "@/server/open-market-source";
import { createSystemClock, type Clock } from "@/server/shared/clock";
import { createLogger, type Logger } from "@/server/shared/logger";
import type { Store } from "@/server/store/port";
import type { StoreHealthWatch } from "@/server/store/watch-store-health";
import { openCheckedStore } from "@/server/open-checked-store";

export interface Core {
  env: Env;
  version: string;
  startedAtMs: number;
  clock: Clock;
  log: Logger;
  /** Every method classifies store outages (StoreUnavailableError) and reports them to storeHealth. */
  store: Store;
  /** The background write probe's cached view; /v1/health reads it and never waits on the store. */
  storeHealth: StoreHealthWatch;
  limiter: RateLimiter;
  /** Load shedding: global in-flight and loop-delay gate, per-desk concurrency. */
  admission: AdmissionController;
  market: { source: MarketSource; hub: MarketHub; observations: ObservationStore };
  demo: DemoSeedResult;
  /** Forecast-vs-realized record the forecasts are corrected by. */
  calibration: CalibrationRecord;
  tapeStats: TapeStatsCache;
  /** Sandbox execution for seq_test_ keys: matching engine + runner over the market. */
  sandbox: Sandbox;
  stop(): Promise<void>;
}

const holder = globalThis as typeof globalThis & { __executionIntelligenceCore?: Promise<Core> };

export function getCore(): Promise<Core> {
  if (!holder.__executionIntelligenceCore) {
    const building = buildCore(process.env);
    holder.__executionIntelligenceCore = building;
    // A failed start (e.g. PostgreSQL unreachable) is retried by the next caller.
    building.catch(() => {
      if (holder.__executionIntelligenceCore === building) delete holder.__executionIntelligenceCore;
    });
  }
  return holder.__executionIntelligenceCore;
}

export async function buildCore(rawEnv: Record<string, string | undefined>): Promise<Core> {
  const env = parseEnv(rawEnv);
  const clock = createSystemClock();
  const log = createLogger(env.LOG_LEVEL);
  const { store, storeHealth } = await openCheckedStore(env, clock, log);
  const demo = await ensureDemoDesk(store, env.DATA_DIR);

  const { source, publicApi } = await openMarketSource(env, clock, log);
  const observations = createObservationStore({ source, clock });
  const hub = createMarketHub({ source, clock, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), ...(publicApi ? { publicApi } : {}) });
  source.start();
  // Reloaded from the TCA roll-up, so the forecast correction survives a restart.
  const calibration = await loadCalibrationRecord(store, clock.nowMs());
  const sandbox = await startSandbox({ store, source, observations, clock, log, seed: env.MARKET_SEED, calibration });
  const admission = createAdmissionController(clock, {
    maxInFlight: env.ADMISSION_MAX_IN_FLIGHT,
    maxLoopDelayMs: env.ADMISSION_MAX_LOOP_DELAY_MS,
    maxStallMs: 4 * env.ADMISSION_MAX_LOOP_DELAY_MS,
    maxPerDesk: env.ADMISSION_MAX_PER_DESK,
  });
  const stopSampler = startLoopDelaySampler(clock, DEFAULT_ADMISSION_LIMITS.sampleEveryMs, admission.noteTick);
  if (demo.created && env.SEED_HISTORY_ORDERS > 0) void seedDemoHistory(store, demo, env.SEED_HISTORY_ORDERS, clock.nowMs(), env.MARKET_SEED, calibration, log);

  return {
    env,
    version: pkg.version,
    startedAtMs: clock.nowMs(),
    clock,
    log,
    store,
    storeHealth,
    limiter: createTokenBucketLimiter(clock),
    admission,
    market: { source, hub, observations },
    demo,
    calibration,
    tapeStats: createTapeStatsCache(),
    sandbox,
    async stop() {
      stopSampler();
      sandbox.stop();
      await sandbox.runner.flush();
      source.stop();
      hub.close();
      storeHealth.stop();
      await store.close();
    },
  };
}
