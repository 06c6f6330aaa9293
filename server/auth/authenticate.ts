/**
 * Resolves a presented API key to its principal. Every call reads the database (no
 * cache), so a key revoked by the keys CLI is refused by the running server at once.
 */
import type { Store } from "@/server/store/port";
import { isStoreUnavailableError } from "@/server/store/store-unavailable-error";
import { hashApiKey } from "./api-key";
import { loadPrincipal, type Principal } from "./principal";

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: "unknown" | "revoked" };

/** last_used is informational; one write a minute per key is plenty. */
export const TOUCH_INTERVAL_MS = 60_000;

export async function authenticateKey(store: Store, key: string, nowMs: number): Promise<AuthResult> {
  const record = await store.findApiKeyByHash(hashApiKey(key));
  if (!record) return { ok: false, reason: "unknown" };
  if (record.revokedAtMs !== null) return { ok: false, reason: "revoked" };
  const principal = await loadPrincipal(store, record);
  if (!principal) return { ok: false, reason: "unknown" };
  // The throttle reads last_used from the row just fetched, so it needs no memory and
  // holds across processes and instances.
  if (record.lastUsedAtMs === null || nowMs - record.lastUsedAtMs >= TOUCH_INTERVAL_MS) {
    // Informational: a store that cannot write (disk full, file lost) must not also refuse
    // reads; the write that matters to the request reports the outage itself.
    await store.touchApiKey(record.id, nowMs).catch((err: unknown) => {
      if (!isStoreUnavailableError(err)) throw err;
    });
  }
  return { ok: true, principal };
}
