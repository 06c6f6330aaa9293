/**
 * Keeps the store's health current without ever making /v1/health wait on the store:
 * a background probe upserts a heartbeat row about every second (and at once after a
 * request sees a store failure), and health reads the cached result.
 *
 * The probe races a timeout: a PostgreSQL that stops answering shows as `timeout` (then
 * `down` once stale) instead of a probe that never returns. One probe runs at a time; a
 * hung one is not stacked on. State changes are logged once each, with the driver's error.
 */
import type { Clock } from "@/server/shared/clock";
import type { Logger } from "@/server/shared/logger";
import { classifyStoreError } from "./classify-store-error";
import { StoreUnavailableError } from "./store-unavailable-error";
import {
  INITIAL_STORE_HEALTH,
  recordFailure,
  recordProbeOk,
  summarizeStoreHealth,
  type FailureSource,
  type StoreHealthRecord,
  type StoreHealthSnapshot,
} from "./summarize-store-health";

export const PROBE_INTERVAL_MS = 1_000;
export const PROBE_TIMEOUT_MS = 2_000;
/** A failing request triggers a probe at most this often (a burst of failures is one probe). */
const TRIGGER_GAP_MS = 250;

export interface StoreHealthWatch {
  snapshot(): StoreHealthSnapshot;
  /** A request (or background write) saw the store fail; `pool` for pg's idle-client errors. */
  report(error: StoreUnavailableError, source: Exclude<FailureSource, "probe">): void;
  /** Runs one probe now (or joins the one running) and resolves when it is recorded. */
  probeNow(): Promise<void>;
  start(): void;
  stop(): void;
}

export interface WatchStoreHealthOptions {
  /** One small write, e.g. upserting a heartbeat row. */
  probe: (atMs: number) => Promise<void>;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
  timeoutMs?: number;
  /** Resolves after `ms`; injected so tests decide when a probe times out. */
  after?: (ms: number) => Promise<void>;
}

export function watchStoreHealth(options: WatchStoreHealthOptions): StoreHealthWatch {
  const { clock, log } = options;
  const intervalMs = options.intervalMs ?? PROBE_INTERVAL_MS;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const after = options.after ?? unrefDelay;
  let record: StoreHealthRecord = INITIAL_STORE_HEALTH;
  let running: Promise<void> | undefined;
  let lastProbeStartMs = -Infinity;
  let timer: ReturnType<typeof setInterval> | undefined;

  function update(next: StoreHealthRecord, cause?: unknown): void {
    const before = summarizeStoreHealth(record, clock.nowMs());
    record = next;
    const now = summarizeStoreHealth(record, clock.nowMs());
    if (before.state === now.state && before.reason === now.reason) return;
    if (now.state === "ok") log.info(`store: writing again (was ${before.state}${before.reason ? `: ${before.reason}` : ""})`);
    else if (now.state === "degraded") log.warn(`store degraded (${now.reason}): ${describe(cause)}`);
    else log.error(`store down (${now.reason})`, cause);
  }

  async function runProbe(): Promise<void> {
    const startedMs = clock.nowMs();
    lastProbeStartMs = startedMs;
    let timedOut = false;
    try {
      const write = Promise.resolve().then(() => options.probe(startedMs));
      const deadline = after(timeoutMs).then(() => {
        timedOut = true;
      });
      await Promise.race([write, deadline]);
      if (!timedOut) {
        update(recordProbeOk(record, clock.nowMs()));
        return;
      }
      const timeout = new StoreUnavailableError("timeout", `store did not confirm a heartbeat write within ${timeoutMs} ms`);
      update(recordFailure(record, timeout, "probe", clock.nowMs()), timeout);
      // The slow write is still pending: no new probe starts until it settles.
      await write.then(
        () => undefined,
        () => undefined,
      );
    } catch (err) {
      const classified = classifyStoreError(err);
      if (classified) update(recordFailure(record, classified, "probe", clock.nowMs()), err);
      else log.error("store health probe failed with an unexpected error", err);
    }
  }

  function probeNow(): Promise<void> {
    running ??= runProbe().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    snapshot: () => summarizeStoreHealth(record, clock.nowMs()),
    report(error, source) {
      update(recordFailure(record, error, source, clock.nowMs()), error.cause ?? error);
      if (clock.nowMs() - lastProbeStartMs >= TRIGGER_GAP_MS) void probeNow();
    },
    probeNow,
    start() {
      timer ??= setInterval(() => void probeNow(), intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

function unrefDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
