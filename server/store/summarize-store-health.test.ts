import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "./store-unavailable-error";
import {
  INITIAL_STORE_HEALTH,
  recordFailure,
  recordProbeOk,
  REQUEST_FAILURE_HOLD_MS,
  STALE_AFTER_MS,
  summarizeStoreHealth,
} from "./summarize-store-health";

const T = 1_700_000_000_000;
const err = (reason: ConstructorParameters<typeof StoreUnavailableError>[0]) => new StoreUnavailableError(reason, `driver says ${reason}`);

describe("summarizeStoreHealth", () => {
  it("ok after a probe write, with when it was written", () => {
    const r = recordProbeOk(INITIAL_STORE_HEALTH, T);
    expect(summarizeStoreHealth(r, T + 500)).toEqual({ state: "ok", reason: null, message: null, lastWriteOkAtMs: T, checkedAtMs: T });
  });

  it("a failure that stops writes is down, with the client-safe message (never the driver's)", () => {
    const r = recordFailure(recordProbeOk(INITIAL_STORE_HEALTH, T), err("disk_full"), "probe", T + 1000);
    const s = summarizeStoreHealth(r, T + 1000);
    expect(s).toMatchObject({ state: "down", reason: "disk_full", lastWriteOkAtMs: T, checkedAtMs: T + 1000 });
    expect(s.message).toBe("The order store is unavailable (disk full); retry shortly");
  });

  it("busy, timeout and pool errors are degraded until nothing has been written for STALE_AFTER_MS", () => {
    const ok = recordProbeOk(INITIAL_STORE_HEALTH, T);
    for (const [e, source] of [
      [err("busy"), "request"],
      [err("timeout"), "probe"],
      [err("unreachable"), "pool"],
    ] as const) {
      const r = recordFailure(ok, e, source, T + 100);
      expect(summarizeStoreHealth(r, T + 100).state, `${e.reason}/${source}`).toBe("degraded");
      expect(summarizeStoreHealth(r, T + STALE_AFTER_MS + 1).state, `${e.reason}/${source}`).toBe("down");
    }
  });

  it("a probe success clears a probe failure at once, but a request's failure only after the hold", () => {
    const ok = recordProbeOk(INITIAL_STORE_HEALTH, T);
    expect(summarizeStoreHealth(recordProbeOk(recordFailure(ok, err("disk_full"), "probe", T + 1), T + 2), T + 2).state).toBe("ok");
    const failedRequest = recordFailure(ok, err("disk_full"), "request", T + 1000);
    const soon = recordProbeOk(failedRequest, T + 1000 + REQUEST_FAILURE_HOLD_MS - 1);
    expect(summarizeStoreHealth(soon, soon.checkedAtMs!).state).toBe("down");
    expect(soon.lastWriteOkAtMs).toBe(T + 1000 + REQUEST_FAILURE_HOLD_MS - 1);
    const later = recordProbeOk(failedRequest, T + 1000 + REQUEST_FAILURE_HOLD_MS);
    expect(summarizeStoreHealth(later, later.checkedAtMs!).state).toBe("ok");
  });

  it("a lost file is permanent: no probe clears it and a lesser failure does not replace it", () => {
    const lost = recordFailure(recordProbeOk(INITIAL_STORE_HEALTH, T), err("file_deleted"), "request", T + 1);
    const afterProbe = recordProbeOk(lost, T + 60_000);
    const afterBusy = recordFailure(afterProbe, err("busy"), "probe", T + 60_001);
    expect(summarizeStoreHealth(afterBusy, T + 60_001)).toMatchObject({ state: "down", reason: "file_deleted", checkedAtMs: T + 60_001 });
  });

  it("never written at all is down, not degraded", () => {
    expect(summarizeStoreHealth(recordFailure(INITIAL_STORE_HEALTH, err("busy"), "request", T), T).state).toBe("down");
  });

  it("a dropped pooled connection does not soften a failed write to degraded", () => {
    const down = recordFailure(recordProbeOk(INITIAL_STORE_HEALTH, T), err("unreachable"), "request", T + 1);
    const afterPool = recordFailure(down, err("unreachable"), "pool", T + 2);
    expect(summarizeStoreHealth(afterPool, T + 2).state).toBe("down");
  });
});
