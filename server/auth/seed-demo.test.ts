import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempSqliteStore, type TempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { authenticateKey } from "./authenticate";
import { DEMO_SEEDED_META_KEY, demoKeysPath, ensureDemoDesk, readDemoKeys } from "./seed-demo";

const T0 = 1_700_000_000_000;

describe("ensureDemoDesk", () => {
  let db: TempSqliteStore;
  beforeEach(async () => {
    db = await openTempSqliteStore(() => T0);
  });
  afterEach(() => db.dispose());

  it("creates the demo desk with trader, lead and viewer sandbox keys on first run", async () => {
    const result = await ensureDemoDesk(db.store, db.dataDir);
    expect(result.created).toBe(true);
    expect(result.keys.map((k) => k.role)).toEqual(["trader", "lead", "viewer"]);

    const desk = await db.store.getDeskByName("demo");
    expect(desk?.qps).toBe(50);
    expect(await db.store.getMeta(DEMO_SEEDED_META_KEY)).toBe(desk?.id);
    for (const { role, key, keyId } of result.keys) {
      expect(key).toMatch(/^seq_test_[0-9a-f]{64}$/);
      const auth = await authenticateKey(db.store, key, T0);
      expect(auth).toEqual({ ok: true, principal: expect.objectContaining({ keyId, role, sandbox: true, deskName: "demo" }) });
    }
  });

  it("writes the plaintext keys to demo-keys.json with mode 0600", async () => {
    const result = await ensureDemoDesk(db.store, db.dataDir);
    const path = demoKeysPath(db.dataDir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8")).keys).toEqual(result.keys);
  });

  it("does not seed again and returns the keys from the file", async () => {
    const first = await ensureDemoDesk(db.store, db.dataDir);
    const again = await ensureDemoDesk(db.store, db.dataDir);
    expect(again).toEqual({ created: false, keys: first.keys });
    expect(await db.store.listDesks()).toHaveLength(1);
    expect(await db.store.listApiKeys()).toHaveLength(3);
  });

  it("returns no keys once the file is gone or unreadable", async () => {
    await ensureDemoDesk(db.store, db.dataDir);
    writeFileSync(demoKeysPath(db.dataDir), "{not json");
    expect(await ensureDemoDesk(db.store, db.dataDir)).toEqual({ created: false, keys: [] });
    rmSync(demoKeysPath(db.dataDir));
    expect(await ensureDemoDesk(db.store, db.dataDir)).toEqual({ created: false, keys: [] });
    expect(readDemoKeys(db.dataDir)).toEqual([]);
  });

  it("reuses an existing desk named demo", async () => {
    const desk = await db.store.createDesk({ name: "demo", qps: 3 });
    const result = await ensureDemoDesk(db.store, db.dataDir);
    expect(result.created).toBe(true);
    expect((await db.store.listApiKeys(desk.id)).map((k) => k.id).sort()).toEqual(result.keys.map((k) => k.keyId).sort());
  });
});
