import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { openTempSqliteStore, type TempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { issueApiKey } from "./issue-api-key";
import { createSession, DEFAULT_SESSION_TTL_MS, endSession, resolveSession } from "./sessions";

const T0 = 1_700_000_000_000;

describe("dashboard sessions", () => {
  let db: TempSqliteStore;
  let keyId: string;
  beforeEach(async () => {
    db = await openTempSqliteStore(() => T0);
    const desk = await db.store.createDesk({ name: "alpha" });
    keyId = (await issueApiKey(db.store, { deskId: desk.id, role: "lead", sandbox: false })).record.id;
  });
  afterEach(() => db.dispose());

  it("issues an opaque base64url token and stores only its hash", async () => {
    const token = await createSession(db.store, keyId, T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hash = createHash("sha256").update(token).digest("hex");
    expect(await db.store.findSession(hash)).toEqual({
      tokenHash: hash,
      keyId,
      createdAtMs: T0,
      expiresAtMs: T0 + DEFAULT_SESSION_TTL_MS,
    });
    expect(await createSession(db.store, keyId, T0)).not.toBe(token);
  });

  it("resolves to the key's principal until it expires", async () => {
    const token = await createSession(db.store, keyId, T0, 1000);
    expect(await resolveSession(db.store, token, T0 + 999)).toMatchObject({ keyId, role: "lead", deskName: "alpha" });
    expect(await resolveSession(db.store, token, T0 + 1000)).toBeUndefined();
    // The expired row is gone, not just ignored.
    expect(await db.store.deleteExpiredSessions(T0 + 10_000)).toBe(0);
  });

  it("ends when its key is revoked", async () => {
    const token = await createSession(db.store, keyId, T0);
    await db.store.revokeApiKey(keyId, T0 + 1);
    expect(await resolveSession(db.store, token, T0 + 2)).toBeUndefined();
  });

  it("ends on sign-out", async () => {
    const token = await createSession(db.store, keyId, T0);
    await endSession(db.store, token);
    expect(await resolveSession(db.store, token, T0 + 1)).toBeUndefined();
    await endSession(db.store, token);
  });

  it("ignores unknown and malformed tokens", async () => {
    expect(await resolveSession(db.store, "A".repeat(43), T0)).toBeUndefined();
    expect(await resolveSession(db.store, "not a token", T0)).toBeUndefined();
    expect(await resolveSession(db.store, "", T0)).toBeUndefined();
    await endSession(db.store, "not a token");
  });

  it("sweeps expired sessions when a new one is created", async () => {
    await createSession(db.store, keyId, T0, 1000);
    await createSession(db.store, keyId, T0 + 5000);
    expect(await db.store.deleteExpiredSessions(T0 + 5000)).toBe(0);
  });
});
