/**
 * API key format and hashing. Keys are `seq_live_` / `seq_test_` + 64 lowercase hex
 * (32 random bytes); the database stores only the SHA-256 hex of the whole key. A plain
 * hash (no salt, no KDF) is enough because the key itself carries 256 bits of entropy,
 * and it keeps lookup a single indexed equality query.
 */
import { createHash, randomBytes } from "node:crypto";

export type ApiKeyKind = "live" | "test";

const KEY_PATTERN = /^seq_(live|test)_[0-9a-f]{64}$/;
/** "seq_test_" plus four hex characters: enough to tell keys apart, useless to an attacker. */
const DISPLAY_PREFIX_LENGTH = 13;

export function generateApiKey(kind: ApiKeyKind): string {
  return `seq_${kind}_${randomBytes(32).toString("hex")}`;
}

export function isWellFormedKey(s: string): boolean {
  return KEY_PATTERN.test(s);
}

/** seq_test_ keys trade in the sandbox; undefined when the key is not well formed. */
export function keyKind(key: string): ApiKeyKind | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? (match[1] as ApiKeyKind) : undefined;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function displayPrefix(key: string): string {
  return `${key.slice(0, DISPLAY_PREFIX_LENGTH)}…`;
}

export type BearerResult = { ok: true; key: string } | { ok: false; reason: "missing" | "malformed" };

/**
 * Reads `Authorization: Bearer <key>`. The scheme is case-insensitive (RFC 9110); the
 * value must be exactly one token and a well-formed key, so junk is refused before any
 * database lookup.
 */
export function parseBearer(headerValue: string | null): BearerResult {
  const value = headerValue?.trim() ?? "";
  if (value === "") return { ok: false, reason: "missing" };
  const parts = value.split(/ +/);
  if (parts.length !== 2) return { ok: false, reason: "malformed" };
  const [scheme, key] = parts as [string, string];
  if (scheme.toLowerCase() !== "bearer" || !isWellFormedKey(key)) return { ok: false, reason: "malformed" };
  return { ok: true, key };
}
