import type { HealthResponse } from "@/lib/contracts/health";
import type { Core } from "@/server/core";
import { msToNs } from "@/server/shared/clock";

export function describeHealth(core: Core): HealthResponse {
  const now = core.clock.nowMs();
  const load = core.admission.stats();
  return {
    status: "ok",
    version: core.version,
    uptime_s: Math.round((now - core.startedAtMs) / 100) / 10,
    started_at_ns: msToNs(core.startedAtMs).toString(),
    market_source: core.market.source.kind,
    store: core.store.kind,
    symbols: [...core.market.source.symbols()],
    load: {
      in_flight: load.inFlight,
      loop_delay_ms: Math.round(load.loopDelayMs * 10) / 10,
      shed_total: { in_flight: load.shedInFlight, loop_delay: load.shedLoopDelay, stall: load.shedStall },
      desk_concurrency_refused_total: load.deskRefused,
      working_orders: core.sandbox.runner.working().length,
    },
  };
}
