import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SQLITE_FILE_NAME } from "@/server/store/sqlite-store";
import { openTempSqliteStore, type TempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { generateApiKey } from "./api-key";
import { authenticateKey, TOUCH_INTERVAL_MS } from "./authenticate";
import { issueApiKey } from "./issue-api-key";

const T0 = 1_700_000_000_000;

describe("authenticateKey", () => {
  let db: TempSqliteStore;
  beforeEach(async () => {
    db = await openTempSqliteStore(() => T0);
  });
  afterEach(() => db.dispose());

  async function deskWithKey() {
    const desk = await db.store.createDesk({ name: "alpha", qps: 7, restrictTradersToOwnOrders: true });
    const issued = await issueApiKey(db.store, { deskId: desk.id, role: "trader", sandbox: true, label: "bot" });
    return { desk, ...issued };
  }

  it("resolves a valid key to its principal", async () => {
    const { desk, key, record } = await deskWithKey();
    expect(await authenticateKey(db.store, key, T0)).toEqual({
      ok: true,
      principal: {
        deskId: desk.id,
        deskName: "alpha",
        keyId: record.id,
        keyPrefix: record.prefix,
        role: "trader",
        sandbox: true,
        qps: 7,
        restrictTradersToOwnOrders: true,
      },
    });
  });

  it("stores the key as hash and prefix only", async () => {
    const { key, record } = await deskWithKey();
    expect(record.sandbox).toBe(true);
    expect(key.startsWith("seq_test_")).toBe(true);
    expect(record.prefix).toBe(`${key.slice(0, 13)}…`);
    expect(JSON.stringify(await db.store.listApiKeys())).not.toContain(key);
  });

  it("refuses an unknown key", async () => {
    await deskWithKey();
    expect(await authenticateKey(db.store, generateApiKey("test"), T0)).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses a revoked key", async () => {
    const { key, record } = await deskWithKey();
    await db.store.revokeApiKey(record.id, T0 + 1);
    expect(await authenticateKey(db.store, key, T0 + 2)).toEqual({ ok: false, reason: "revoked" });
  });

  it("touches last-used at most once per interval", async () => {
    const { key, record } = await deskWithKey();
    const lastUsed = async () => (await db.store.getApiKey(record.id))?.lastUsedAtMs;
    expect(await lastUsed()).toBeNull();
    await authenticateKey(db.store, key, T0 + 10);
    expect(await lastUsed()).toBe(T0 + 10);
    await authenticateKey(db.store, key, T0 + 10 + TOUCH_INTERVAL_MS - 1);
    expect(await lastUsed()).toBe(T0 + 10);
    await authenticateKey(db.store, key, T0 + 10 + TOUCH_INTERVAL_MS);
    expect(await lastUsed()).toBe(T0 + 10 + TOUCH_INTERVAL_MS);
  });

  it("still authenticates (a read) when the store cannot write its last-used touch", async () => {
    const { key } = await deskWithKey();
    rmSync(join(db.dataDir, SQLITE_FILE_NAME));
    const result = await authenticateKey(db.store, key, T0 + TOUCH_INTERVAL_MS);
    expect(result.ok).toBe(true);
  });
});
