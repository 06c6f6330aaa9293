/**
 * Dashboard sessions: the browser holds a random opaque token in an httpOnly cookie; the
 * database holds only its SHA-256, so a leaked database cannot be replayed as cookies.
 * A session acts with its key's desk and role, and dies with the key.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Store } from "@/server/store/port";
import { loadPrincipal, type Principal } from "./principal";

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** 32 random bytes in base64url, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Returns the token for the cookie; its lifetime is ttlMs from nowMs. */
export async function createSession(
  store: Store,
  keyId: string,
  nowMs: number,
  ttlMs: number = DEFAULT_SESSION_TTL_MS,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // Sessions expire lazily; sweeping here, at sign-in, keeps the table bounded without a timer.
  await store.deleteExpiredSessions(nowMs);
  await store.createSession({ tokenHash: hashToken(token), keyId, createdAtMs: nowMs, expiresAtMs: nowMs + ttlMs });
  return token;
}

export async function resolveSession(store: Store, token: string, nowMs: number): Promise<Principal | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const tokenHash = hashToken(token);
  const session = await store.findSession(tokenHash);
  if (!session) return undefined;
  if (session.expiresAtMs <= nowMs) {
    await store.deleteSession(tokenHash);
    return undefined;
  }
  const key = await store.getApiKey(session.keyId);
  if (!key || key.revokedAtMs !== null) return undefined;
  return loadPrincipal(store, key);
}

export async function endSession(store: Store, token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  await store.deleteSession(hashToken(token));
}
