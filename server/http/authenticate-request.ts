import { authenticateKey } from "@/server/auth/authenticate";
import type { Principal } from "@/server/auth/principal";
import { parseBearer } from "@/server/auth/api-key";
import { resolveSession } from "@/server/auth/sessions";
import type { Core } from "@/server/core";
import { unauthorized } from "./api-error";
import { readSessionCookie } from "./session-cookie";

/** A Bearer key wins; without an Authorization header the dashboard's session cookie is accepted. */
export async function authenticateRequest(core: Core, request: Request): Promise<Principal> {
  const now = core.clock.nowMs();
  const header = request.headers.get("authorization");
  if (header === null) {
    const token = readSessionCookie(request);
    if (token) {
      const principal = await resolveSession(core.store, token, now);
      if (principal) return principal;
      throw unauthorized("Session expired or signed out; sign in again");
    }
  }
  const parsed = parseBearer(header);
  if (!parsed.ok) {
    throw unauthorized(
      parsed.reason === "missing"
        ? "Missing Authorization header; send 'Authorization: Bearer <key>'"
        : "Malformed Authorization header; expected 'Bearer seq_live_…' or 'Bearer seq_test_…' with 64 hex characters",
    );
  }
  const result = await authenticateKey(core.store, parsed.key, now);
  if (!result.ok) throw unauthorized(result.reason === "revoked" ? "API key has been revoked" : "Unknown API key");
  return result.principal;
}
