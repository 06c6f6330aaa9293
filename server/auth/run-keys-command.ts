/**
 * The keys CLI's commands over a Store, separate from process wiring (scripts/keys.ts)
 * so they run in tests against a real database. Returns the process exit code.
 */
import { StoreConflictError, type DeskRecord, type Store } from "@/server/store/port";
import { hashApiKey, isWellFormedKey } from "./api-key";
import { formatKeysTable, formatUtcMinute } from "./format-keys-table";
import { issueApiKey } from "./issue-api-key";
import type { KeysCommand } from "./parse-keys-args";
import { demoKeysPath, readDemoKeys } from "./seed-demo";

export interface KeysCommandContext {
  store: Store;
  dataDir: string;
  nowMs: number;
  out: (line: string) => void;
  err: (line: string) => void;
}

type StoreCommand = Exclude<KeysCommand, { cmd: "help" }>;

async function findOrCreateDesk(store: Store, name: string, qps?: number): Promise<{ desk: DeskRecord; created: boolean }> {
  const existing = await store.getDeskByName(name);
  if (existing) {
    const desk = qps !== undefined && qps !== existing.qps ? await store.updateDesk(existing.id, { qps }) : existing;
    return { desk: desk ?? existing, created: false };
  }
  try {
    return { desk: await store.createDesk({ name, ...(qps !== undefined ? { qps } : {}) }), created: true };
  } catch (error) {
    // Another process created it between our read and write: use theirs.
    const raced = error instanceof StoreConflictError ? await store.getDeskByName(name) : undefined;
    if (!raced) throw error;
    return { desk: raced, created: false };
  }
}

async function create(command: Extract<KeysCommand, { cmd: "create" }>, ctx: KeysCommandContext): Promise<number> {
  const { desk, created } = await findOrCreateDesk(ctx.store, command.desk, command.qps);
  if (created) ctx.out(`Created desk "${desk.name}" (${desk.id}, ${desk.qps} requests/s).`);
  else if (command.qps !== undefined) ctx.out(`Desk "${desk.name}" rate limit: ${desk.qps} requests/s.`);
  const { key, record } = await issueApiKey(ctx.store, {
    deskId: desk.id,
    role: command.role,
    sandbox: command.sandbox,
    label: command.label,
  });
  const kind = record.sandbox ? "sandbox" : "live";
  const label = record.label === "" ? "" : ` labelled "${record.label}"`;
  ctx.out(`Created ${kind} ${record.role} key ${record.id} for desk "${desk.name}"${label}.`);
  ctx.out("Store it now: only its hash is kept, it cannot be shown again.");
  ctx.out(key);
  return 0;
}

async function list(command: Extract<KeysCommand, { cmd: "list" }>, ctx: KeysCommandContext): Promise<number> {
  const desks = await ctx.store.listDesks();
  let deskId: string | undefined;
  if (command.desk !== undefined) {
    const desk = desks.find((d) => d.name === command.desk);
    if (!desk) {
      ctx.err(`keys: no desk named "${command.desk}"`);
      return 1;
    }
    deskId = desk.id;
  }
  const names = new Map(desks.map((d) => [d.id, d.name]));
  const keys = await ctx.store.listApiKeys(deskId);
  ctx.out(formatKeysTable(keys.map((key) => ({ key, deskName: names.get(key.deskId) ?? key.deskId }))));
  return 0;
}

async function revoke(command: Extract<KeysCommand, { cmd: "revoke" }>, ctx: KeysCommandContext): Promise<number> {
  const record = isWellFormedKey(command.target)
    ? await ctx.store.findApiKeyByHash(hashApiKey(command.target))
    : await ctx.store.getApiKey(command.target);
  if (!record) {
    ctx.err(`keys: no such key: ${isWellFormedKey(command.target) ? "(the key given)" : command.target}`);
    return 1;
  }
  if (await ctx.store.revokeApiKey(record.id, ctx.nowMs)) {
    ctx.out(`Revoked ${record.id} (${record.role}, ${record.prefix}); requests with it are refused from now on.`);
    return 0;
  }
  // Revoking is idempotent: the goal state holds, so this is not a failure.
  const again = await ctx.store.getApiKey(record.id);
  ctx.out(`${record.id} was already revoked at ${formatUtcMinute(again?.revokedAtMs ?? null)}.`);
  return 0;
}

async function demo(ctx: KeysCommandContext): Promise<number> {
  const keys = readDemoKeys(ctx.dataDir);
  if (keys.length === 0) {
    ctx.err(`keys: no demo keys in ${demoKeysPath(ctx.dataDir)} (the server creates them on its first start)`);
    return 1;
  }
  ctx.out('Demo desk "demo" (sandbox keys):');
  for (const { role, key, keyId } of keys) {
    const record = await ctx.store.getApiKey(keyId);
    const note = !record ? "  (not in this database)" : record.revokedAtMs !== null ? "  (revoked)" : "";
    ctx.out(`${role.padEnd(6)}  ${key}  ${keyId}${note}`);
  }
  return 0;
}

export function runKeysCommand(command: StoreCommand, ctx: KeysCommandContext): Promise<number> {
  switch (command.cmd) {
    case "create":
      return create(command, ctx);
    case "list":
      return list(command, ctx);
    case "revoke":
      return revoke(command, ctx);
    case "demo":
      return demo(ctx);
  }
}
