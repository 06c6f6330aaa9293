import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTempSqliteStore, type TempSqliteStore } from "@/server/store/testing/open-temp-sqlite-store";
import { authenticateKey } from "./authenticate";
import type { KeysCommand } from "./parse-keys-args";
import { runKeysCommand } from "./run-keys-command";
import { ensureDemoDesk } from "./seed-demo";

const T0 = 1_700_000_000_000;

describe("runKeysCommand", () => {
  let db: TempSqliteStore;
  let out: string[];
  let err: string[];
  const run = (command: Exclude<KeysCommand, { cmd: "help" }>) =>
    runKeysCommand(command, {
      store: db.store,
      dataDir: db.dataDir,
      nowMs: T0,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });

  beforeEach(async () => {
    db = await openTempSqliteStore(() => T0);
    out = [];
    err = [];
  });
  afterEach(() => db.dispose());

  it("create makes the desk once and prints a usable key alone on the last line", async () => {
    expect(await run({ cmd: "create", desk: "alpha", role: "lead", sandbox: false, label: "ops" })).toBe(0);
    const key = out.at(-1) ?? "";
    expect(key).toMatch(/^seq_live_[0-9a-f]{64}$/);
    expect(out[0]).toMatch(/^Created desk "alpha"/);
    const auth = await authenticateKey(db.store, key, T0);
    expect(auth).toMatchObject({ ok: true, principal: { role: "lead", sandbox: false, deskName: "alpha" } });

    out = [];
    expect(await run({ cmd: "create", desk: "alpha", role: "trader", sandbox: true, label: "" })).toBe(0);
    expect(out.some((l) => l.startsWith("Created desk"))).toBe(false);
    expect(out.at(-1)).toMatch(/^seq_test_[0-9a-f]{64}$/);
    expect(await db.store.listDesks()).toHaveLength(1);
  });

  it("list shows every key or one desk's, and refuses an unknown desk", async () => {
    await run({ cmd: "create", desk: "alpha", role: "lead", sandbox: false, label: "" });
    await run({ cmd: "create", desk: "beta", role: "viewer", sandbox: true, label: "" });
    out = [];
    expect(await run({ cmd: "list" })).toBe(0);
    expect(out.join("\n").split("\n")).toHaveLength(3);
    out = [];
    expect(await run({ cmd: "list", desk: "beta" })).toBe(0);
    const lines = out.join("\n").split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("viewer");
    expect(await run({ cmd: "list", desk: "gamma" })).toBe(1);
    expect(err).toEqual(['keys: no desk named "gamma"']);
  });

  it("revoke works by id or full key, is idempotent, and refuses unknown keys", async () => {
    await run({ cmd: "create", desk: "alpha", role: "trader", sandbox: true, label: "" });
    const key = out.at(-1) ?? "";
    const [record] = await db.store.listApiKeys();
    expect(await run({ cmd: "revoke", target: key })).toBe(0);
    expect(await authenticateKey(db.store, key, T0)).toEqual({ ok: false, reason: "revoked" });
    out = [];
    expect(await run({ cmd: "revoke", target: record?.id ?? "" })).toBe(0);
    expect(out[0]).toMatch(/already revoked/);
    expect(await run({ cmd: "revoke", target: "key_missing" })).toBe(1);
    expect(err).toEqual(["keys: no such key: key_missing"]);
  });

  it("demo prints the seeded keys, or fails when there are none", async () => {
    expect(await run({ cmd: "demo" })).toBe(1);
    expect(err[0]).toMatch(/no demo keys/);
    const { keys } = await ensureDemoDesk(db.store, db.dataDir);
    out = [];
    expect(await run({ cmd: "demo" })).toBe(0);
    for (const { key } of keys) expect(out.join("\n")).toContain(key);
  });
});
