import { SessionResponseSchema, type SessionResponse } from "@/lib/contracts/session";
import { isWellFormedKey } from "@/server/auth/api-key";
import { authenticateKey } from "@/server/auth/authenticate";
import type { Principal } from "@/server/auth/principal";
import { createSession, endSession } from "@/server/auth/sessions";
import type { Core } from "@/server/core";
import { unauthorized, validationError } from "./api-error";
import { respond } from "./respond";
import { clearedSessionCookie, readSessionCookie, sessionCookie } from "./session-cookie";

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Key → httpOnly session cookie: from here on the browser never handles the key. */
export async function signIn(core: Core, request: Request, key: string): Promise<Response> {
  const trimmed = key.trim();
  if (!isWellFormedKey(trimmed)) {
    throw validationError("key", "expected seq_live_ or seq_test_ followed by 64 hex characters");
  }
  const now = core.clock.nowMs();
  const result = await authenticateKey(core.store, trimmed, now);
  if (!result.ok) throw unauthorized(result.reason === "revoked" ? "API key has been revoked" : "Unknown API key");
  const token = await createSession(core.store, result.principal.keyId, now, SESSION_TTL_MS);
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return respond(SessionResponseSchema, describeSession(result.principal), {
    headers: { "Set-Cookie": sessionCookie(token, SESSION_TTL_MS / 1000, secure) },
  });
}

export async function signOut(core: Core, request: Request): Promise<Response> {
  const token = readSessionCookie(request);
  if (token) await endSession(core.store, token);
  return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(), "Cache-Control": "no-store" } });
}

export function describeSession(principal: Principal): SessionResponse {
  return {
    desk: { id: principal.deskId, name: principal.deskName },
    role: principal.role,
    sandbox: principal.sandbox,
    key_prefix: principal.keyPrefix,
  };
}
