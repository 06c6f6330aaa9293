/**
 * Opens the configured store for the server: opened, migrated and written once, so a
 * read-only or unreachable store stops the start with a message naming it; then guarded
 * (store outages become StoreUnavailableError and reach the health watch) and watched by
 * the background write probe.
 */
import type { Env } from "@/server/env";
import type { Clock } from "@/server/shared/clock";
import type { Logger } from "@/server/shared/logger";
import { classifyStoreError } from "@/server/store/classify-store-error";
import { describeStoreLocation, describeStoreStartFailure } from "@/server/store/describe-store-start-failure";
import { guardStore } from "@/server/store/guard-store";
import { openStore } from "@/server/store/open-store";
import type { Store } from "@/server/store/port";
import { StoreUnavailableError } from "@/server/store/store-unavailable-error";
import { watchStoreHealth, type StoreHealthWatch } from "@/server/store/watch-store-health";

/** The meta row the health probe upserts (one row, rewritten about every second). */
const HEARTBEAT_META = "store_heartbeat";

export async function openCheckedStore(env: Env, clock: Clock, log: Logger): Promise<{ store: Store; storeHealth: StoreHealthWatch }> {
  const location = describeStoreLocation(env.DATA_DIR, env.DATABASE_URL);
  let raw: Store | undefined;
  const storeHealth = watchStoreHealth({
    probe: async (atMs) => {
      await raw?.setMeta(HEARTBEAT_META, String(Math.round(atMs)));
    },
    clock,
    log,
  });
  const onPoolError = (err: Error) => {
    log.warn(`PostgreSQL pool: a connection failed (${err.message}); the pool reconnects on the next query`);
    storeHealth.report(classifyStoreError(err) ?? new StoreUnavailableError("unreachable", err.message, { cause: err }), "pool");
  };
  try {
    raw = openStore({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, onPoolError });
    const applied = await raw.migrate();
    if (applied.length) log.info(`store (${raw.kind}): applied migrations ${applied.join(", ")}`);
    await raw.setMeta(HEARTBEAT_META, String(Math.round(clock.nowMs())));
  } catch (err) {
    await raw?.close().catch(() => undefined);
    throw describeStoreStartFailure(err, location);
  }
  await storeHealth.probeNow();
  storeHealth.start();
  return { store: guardStore(raw, (error) => storeHealth.report(error, "request")), storeHealth };
}
