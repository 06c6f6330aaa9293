/**
 * The health watch over a real SQLite store: probes write a real heartbeat row, a deleted
 * file is seen by the probe, a request's failure triggers a probe, a hung probe times out.
 * Time is a manual clock and the timeout an injected promise: nothing sleeps.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { createLogger } from "@/server/shared/logger";
import { guardStore } from "./guard-store";
import { StoreConflictError } from "./port";
import { SQLITE_FILE_NAME } from "./sqlite-store";
import { isStoreUnavailableError, StoreUnavailableError } from "./store-unavailable-error";
import { STALE_AFTER_MS } from "./summarize-store-health";
import { openTempSqliteStore, type TempSqliteStore } from "./testing/open-temp-sqlite-store";
import { watchStoreHealth } from "./watch-store-health";

let temp: TempSqliteStore | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

function setup() {
  const clock = createManualClock();
  const lines: string[] = [];
  const log = createLogger("debug", (l) => lines.push(l));
  return { clock, lines, log };
}

describe("watchStoreHealth", () => {
  it("probes with a real heartbeat write; a deleted file turns it down once (logged once) and for good", async () => {
    temp = await openTempSqliteStore();
    const { store, dataDir } = temp;
    const { clock, lines, log } = setup();
    const watch = watchStoreHealth({ probe: (atMs) => store.setMeta("store_heartbeat", String(atMs)), clock, log });
    await watch.probeNow();
    expect(watch.snapshot()).toMatchObject({ state: "ok", lastWriteOkAtMs: clock.nowMs(), checkedAtMs: clock.nowMs() });
    expect(await store.getMeta("store_heartbeat")).toBe(String(clock.nowMs()));

    const okAt = clock.nowMs();
    rmSync(join(dataDir, SQLITE_FILE_NAME));
    clock.advance(1000);
    await watch.probeNow();
    clock.advance(1000);
    await watch.probeNow();
    const s = watch.snapshot();
    expect(s).toMatchObject({ state: "down", reason: "file_deleted", lastWriteOkAtMs: okAt, checkedAtMs: clock.nowMs() });
    expect(s.message).toContain("was deleted while running; restart the service");
    expect(lines.filter((l) => l.includes("store down (file_deleted)"))).toHaveLength(1);
  });

  it("a request's failure shows at once and triggers a probe; the probe's success clears it after the hold", async () => {
    const { clock, log, lines } = setup();
    let probes = 0;
    const watch = watchStoreHealth({ probe: async () => void probes++, clock, log });
    await watch.probeNow();
    clock.advance(500);
    watch.report(new StoreUnavailableError("disk_full", "SQLITE_FULL database or disk is full"), "request");
    expect(watch.snapshot()).toMatchObject({ state: "down", reason: "disk_full" });
    await new Promise((r) => setImmediate(r));
    expect(probes).toBe(2); // the report started one
    // The heartbeat fits where the order did not: health keeps saying what requests saw.
    expect(watch.snapshot().state).toBe("down");
    // A burst of failures is one probe, not one each.
    watch.report(new StoreUnavailableError("disk_full", "again"), "request");
    await new Promise((r) => setImmediate(r));
    expect(probes).toBe(2);
    clock.advance(6000);
    await watch.probeNow();
    expect(watch.snapshot().state).toBe("ok");
    expect(lines.some((l) => l.includes("store: writing again (was down: disk_full)"))).toBe(true);
  });

  it("a probe that does not answer in time is degraded (timeout), then down once stale; no second probe is stacked on it", async () => {
    const { clock, log } = setup();
    let probes = 0;
    let fireTimeout!: () => void;
    let finishWrite!: () => void;
    let hang = false;
    const watch = watchStoreHealth({
      probe: () => {
        probes++;
        return hang ? new Promise<void>((resolve) => (finishWrite = resolve)) : Promise.resolve();
      },
      clock,
      log,
      after: () => new Promise<void>((resolve) => (fireTimeout = resolve)),
    });
    await watch.probeNow();
    hang = true;
    clock.advance(1000);
    const probing = watch.probeNow();
    await new Promise((r) => setImmediate(r));
    fireTimeout();
    await new Promise((r) => setImmediate(r));
    expect(watch.snapshot()).toMatchObject({ state: "degraded", reason: "timeout" });
    void watch.probeNow();
    expect(probes).toBe(2);
    clock.advance(STALE_AFTER_MS);
    expect(watch.snapshot()).toMatchObject({ state: "down", reason: "timeout" });
    finishWrite();
    await probing;
    hang = false;
    await watch.probeNow();
    expect(watch.snapshot().state).toBe("ok");
  });
});

describe("guardStore", () => {
  it("turns driver failures into StoreUnavailableError and reports them; conflicts pass through unreported", async () => {
    temp = await openTempSqliteStore();
    const reported: StoreUnavailableError[] = [];
    const store = guardStore(temp.store, (e) => reported.push(e));
    expect(store.kind).toBe("sqlite");
    await store.createDesk({ name: "alpha" });
    await expect(store.createDesk({ name: "alpha" })).rejects.toBeInstanceOf(StoreConflictError);
    expect(reported).toHaveLength(0);

    rmSync(join(temp.dataDir, SQLITE_FILE_NAME));
    const err = await store.createDesk({ name: "beta" }).catch((e: unknown) => e);
    expect(isStoreUnavailableError(err) && err.reason).toBe("file_deleted");
    expect(reported.map((e) => e.reason)).toEqual(["file_deleted"]);
    expect((await store.listDesks()).map((d) => d.name)).toEqual(["alpha"]);
  });
});
