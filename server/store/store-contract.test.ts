/**
 * One contract suite for the Store port, run against every adapter: SQLite always, and
 * PostgreSQL when TEST_DATABASE_URL is set (each test gets a fresh PG schema, dropped
 * afterwards, so reruns start clean).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreConflictError, type NewApiKey, type Store } from "./port";
import { openPostgresStore } from "./postgres-store";
import { openSqliteStore } from "./sqlite-store";
import { describeOrderStoreContract } from "./testing/order-store-contract";

interface StoreHarness {
  /** Opens another handle on the same database, like a second process would. */
  open(nowMs?: () => number): Store;
  cleanup(): Promise<void>;
}

type HarnessFactory = () => Promise<StoreHarness>;

const T0 = 1_700_000_000_000;

function fakeHash(): string {
  return randomBytes(32).toString("hex");
}

function newKey(deskId: string, overrides: Partial<NewApiKey> = {}): NewApiKey {
  return { deskId, role: "trader", sandbox: true, hash: fakeHash(), prefix: "seq_test_abcd…", label: "bot", ...overrides };
}

function runStoreContract(name: string, factory: HarnessFactory, enabled = true): void {
  describe.skipIf(!enabled)(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const opened: Store[] = [];
    const open = (nowMs?: () => number) => {
      const s = harness.open(nowMs);
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      harness = await factory();
      store = open(() => T0);
      await store.migrate();
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await harness.cleanup();
    });

    it("migrate is idempotent, also from a second handle", async () => {
      expect(await store.migrate()).toEqual([]);
      const other = open();
      expect(await other.migrate()).toEqual([]);
      expect(await other.listDesks()).toEqual([]);
    });

    it("a fresh database applies every migration in order", async () => {
      const fresh = await factory();
      const s = fresh.open();
      try {
        expect(await s.migrate()).toEqual(["0001_init", "0002_orders", "0003_tca_rollup", "0004_tca_touched_venue", "0005_journal_fence", "0006_lookup_indexes"]);
        expect(await s.migrate()).toEqual([]);
      } finally {
        await s.close();
        await fresh.cleanup();
      }
    });

    it("creates and reads desks", async () => {
      const alpha = await store.createDesk({ name: "alpha" });
      expect(alpha).toEqual({
        id: expect.stringMatching(/^desk_[0-9a-f]{32}$/),
        name: "alpha",
        qps: 20,
        restrictTradersToOwnOrders: false,
        createdAtMs: T0,
      });
      const beta = await store.createDesk({ name: "beta", qps: 5, restrictTradersToOwnOrders: true });
      expect(await store.getDesk(beta.id)).toEqual(beta);
      expect(await store.getDeskByName("alpha")).toEqual(alpha);
      expect(await store.getDesk("desk_missing")).toBeUndefined();
      expect(await store.getDeskByName("gamma")).toBeUndefined();
      expect(await store.listDesks()).toEqual([alpha, beta]);
      expect(typeof (await store.getDesk(alpha.id))?.createdAtMs).toBe("number");
    });

    it("updates a desk's settings", async () => {
      const alpha = await store.createDesk({ name: "alpha" });
      const updated = await store.updateDesk(alpha.id, { qps: 3, restrictTradersToOwnOrders: true });
      expect(updated).toEqual({ ...alpha, qps: 3, restrictTradersToOwnOrders: true });
      expect(await store.getDesk(alpha.id)).toEqual(updated);
      expect(await store.updateDesk(alpha.id, {})).toEqual(updated);
      expect(await store.updateDesk("desk_missing", { qps: 1 })).toBeUndefined();
    });

    it("rejects a duplicate desk name with StoreConflictError", async () => {
      await store.createDesk({ name: "alpha" });
      await expect(store.createDesk({ name: "alpha" })).rejects.toBeInstanceOf(StoreConflictError);
    });

    it("creates, finds, lists and revokes API keys", async () => {
      const alpha = await store.createDesk({ name: "alpha" });
      const beta = await store.createDesk({ name: "beta" });
      const k1 = await store.createApiKey(newKey(alpha.id, { role: "lead", sandbox: false, label: "ops" }));
      const k2 = await store.createApiKey(newKey(alpha.id));
      const k3 = await store.createApiKey(newKey(beta.id, { role: "viewer" }));
      expect(k1).toMatchObject({
        id: expect.stringMatching(/^key_[0-9a-f]{32}$/),
        deskId: alpha.id,
        role: "lead",
        sandbox: false,
        label: "ops",
        createdAtMs: T0,
        revokedAtMs: null,
        lastUsedAtMs: null,
      });
      expect(await store.findApiKeyByHash(k2.hash)).toEqual(k2);
      expect(await store.findApiKeyByHash(fakeHash())).toBeUndefined();
      expect(await store.getApiKey(k3.id)).toEqual(k3);
      expect(await store.getApiKey("key_missing")).toBeUndefined();
      expect((await store.listApiKeys()).map((k) => k.id).sort()).toEqual([k1.id, k2.id, k3.id].sort());
      expect((await store.listApiKeys(alpha.id)).map((k) => k.id).sort()).toEqual([k1.id, k2.id].sort());
      expect(await store.listApiKeys("desk_missing")).toEqual([]);

      expect(await store.revokeApiKey(k2.id, T0 + 1000)).toBe(true);
      expect(await store.revokeApiKey(k2.id, T0 + 2000)).toBe(false);
      expect(await store.revokeApiKey("key_missing", T0)).toBe(false);
      expect((await store.findApiKeyByHash(k2.hash))?.revokedAtMs).toBe(T0 + 1000);
      expect((await store.getApiKey(k1.id))?.revokedAtMs).toBeNull();
    });

    it("rejects a duplicate key hash with StoreConflictError", async () => {
      const desk = await store.createDesk({ name: "alpha" });
      const hash = fakeHash();
      await store.createApiKey(newKey(desk.id, { hash }));
      await expect(store.createApiKey(newKey(desk.id, { hash }))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listApiKeys(desk.id)).toHaveLength(1);
    });

    it("refuses a key for a desk that does not exist", async () => {
      await expect(store.createApiKey(newKey("desk_missing"))).rejects.toThrow();
    });

    it("touch records last use, in whole ms, and never moves it backwards", async () => {
      const desk = await store.createDesk({ name: "alpha" });
      const key = await store.createApiKey(newKey(desk.id));
      await store.touchApiKey(key.id, T0 + 5000.75);
      expect((await store.getApiKey(key.id))?.lastUsedAtMs).toBe(T0 + 5000);
      await store.touchApiKey(key.id, T0 + 1000);
      expect((await store.getApiKey(key.id))?.lastUsedAtMs).toBe(T0 + 5000);
      await store.touchApiKey(key.id, T0 + 9000);
      expect((await store.getApiKey(key.id))?.lastUsedAtMs).toBe(T0 + 9000);
      await store.touchApiKey("key_missing", T0);
    });

    it("a second handle sees keys created and revoked by the first at once", async () => {
      const other = open();
      const desk = await store.createDesk({ name: "alpha" });
      const key = await store.createApiKey(newKey(desk.id));
      expect((await other.findApiKeyByHash(key.hash))?.revokedAtMs).toBeNull();
      expect(await other.revokeApiKey(key.id, T0 + 1)).toBe(true);
      expect((await store.findApiKeyByHash(key.hash))?.revokedAtMs).toBe(T0 + 1);
    });

    it("creates, finds, deletes and expires sessions", async () => {
      const desk = await store.createDesk({ name: "alpha" });
      const key = await store.createApiKey(newKey(desk.id));
      const a = { tokenHash: fakeHash(), keyId: key.id, createdAtMs: T0, expiresAtMs: T0 + 1000 };
      const b = { tokenHash: fakeHash(), keyId: key.id, createdAtMs: T0, expiresAtMs: T0 + 5000 };
      const c = { tokenHash: fakeHash(), keyId: key.id, createdAtMs: T0, expiresAtMs: T0 + 9000 };
      for (const s of [a, b, c]) await store.createSession(s);
      expect(await store.findSession(a.tokenHash)).toEqual(a);
      expect(await store.findSession(fakeHash())).toBeUndefined();
      await expect(store.createSession(a)).rejects.toBeInstanceOf(StoreConflictError);

      await store.deleteSession(c.tokenHash);
      expect(await store.findSession(c.tokenHash)).toBeUndefined();
      await store.deleteSession(c.tokenHash);

      expect(await store.deleteExpiredSessions(T0 + 999)).toBe(0);
      // A session is expired at its expiry instant, not one ms later.
      expect(await store.deleteExpiredSessions(T0 + 1000)).toBe(1);
      expect(await store.findSession(a.tokenHash)).toBeUndefined();
      expect(await store.findSession(b.tokenHash)).toEqual(b);
      expect(await store.deleteExpiredSessions(T0 + 60_000)).toBe(1);
    });

    it("gets, sets and overwrites meta values", async () => {
      expect(await store.getMeta("demo_desk_seeded")).toBeUndefined();
      await store.setMeta("demo_desk_seeded", "1");
      expect(await store.getMeta("demo_desk_seeded")).toBe("1");
      await store.setMeta("demo_desk_seeded", "2");
      expect(await store.getMeta("demo_desk_seeded")).toBe("2");
      await store.setMeta("other", "");
      expect(await store.getMeta("other")).toBe("");
    });

    describeOrderStoreContract({ store: () => store, open: () => open() });
  });
}

runStoreContract("sqlite", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "store-contract-"));
  return {
    open: (nowMs) => openSqliteStore({ dataDir, ...(nowMs ? { nowMs } : {}) }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

const pgUrl = process.env.TEST_DATABASE_URL;

runStoreContract(
  "postgres",
  async () => {
    const connectionString = pgUrl ?? "";
    const schema = `store_test_${randomBytes(6).toString("hex")}`;
    const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) });
    await admin.schema.createSchema(schema).execute();
    return {
      open: (nowMs) => openPostgresStore({ connectionString, schema, ...(nowMs ? { nowMs } : {}) }),
      cleanup: async () => {
        await admin.schema.dropSchema(schema).cascade().execute();
        await admin.destroy();
      },
    };
  },
  Boolean(pgUrl),
);
