import type { HealthResponse } from "@/lib/contracts/health";
import type { Core } from "@/server/core";
import { msToNs } from "@/server/shared/clock";

/** Reads only cached state (the store probe's last result): health never waits on the store. */
export function describeHealth(core: Core): HealthResponse {
  const now = core.clock.nowMs();
  const store = core.storeHealth.snapshot();
  const ns = (ms: number | null) => (ms === null ? null : msToNs(ms).toString());
  const load = core.admission.stats();
  return {
    status: store.state,
    version: core.version,
    uptime_s: Math.round((now - core.startedAtMs) / 100) / 10,
    started_at_ns: msToNs(core.startedAtMs).toString(),
    market_source: core.market.source.kind,
    store: core.store.kind,
    store_health: {
      state: store.state,
      reason: store.reason,
      message: store.message,
      last_write_ok_at_ns: ns(store.lastWriteOkAtMs),
      checked_at_ns: ns(store.checkedAtMs),
    },
    symbols: [...core.market.source.symbols()],
    load: {
      in_flight: load.inFlight,
      loop_delay_ms: Math.round(load.loopDelayMs * 10) / 10,
      shed_total: { in_flight: load.shedInFlight, loop_delay: load.shedLoopDelay, stall: load.shedStall },
      desk_concurrency_refused_total: load.deskRefused,
      working_orders: core.sandbox.runner.working().length,
      memory: memory(),
    },
  };
}

/** 503 when the store cannot write (orders would be refused), so a load balancer routes around it; the body is the same. */
export function healthStatusCode(health: HealthResponse): number {
  return health.status === "down" ? 503 : 200;
}

function memory() {
  const m = process.memoryUsage();
  return { rss_bytes: m.rss, heap_used_bytes: m.heapUsed, heap_total_bytes: m.heapTotal, external_bytes: m.external };
}
