/**
 * First-run demo desk, so a new install can be tried without creating keys by hand.
 * The database holds only hashes; the plaintext demo keys are kept in
 * `${dataDir}/demo-keys.json` (mode 0600) so `npm run keys -- demo` can show them again.
 * They are sandbox keys only: they can never trade live.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { RoleSchema, type Role } from "@/lib/contracts/common";
import type { Store } from "@/server/store/port";
import { issueApiKey } from "./issue-api-key";

export const DEMO_DESK_NAME = "demo";
export const DEMO_DESK_QPS = 50;
export const DEMO_SEEDED_META_KEY = "demo_desk_seeded";
export const DEMO_KEYS_FILE_NAME = "demo-keys.json";
const DEMO_ROLES: readonly Role[] = ["trader", "lead", "viewer"];

const DemoKeySchema = z.object({ role: RoleSchema, key: z.string(), keyId: z.string() });
const DemoKeysFileSchema = z.object({ desk: z.string(), deskId: z.string(), keys: z.array(DemoKeySchema) });

export type DemoKey = z.infer<typeof DemoKeySchema>;

export interface DemoSeedResult {
  created: boolean;
  keys: DemoKey[];
}

export function demoKeysPath(dataDir: string): string {
  return join(dataDir, DEMO_KEYS_FILE_NAME);
}

/** Keys from demo-keys.json; [] when the file is missing or unreadable. */
export function readDemoKeys(dataDir: string): DemoKey[] {
  let text: string;
  try {
    text = readFileSync(demoKeysPath(dataDir), "utf8");
  } catch {
    return [];
  }
  try {
    const parsed = DemoKeysFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.keys : [];
  } catch {
    return [];
  }
}

function writeDemoKeys(dataDir: string, deskId: string, keys: DemoKey[]): void {
  mkdirSync(dataDir, { recursive: true });
  const path = demoKeysPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  const body = JSON.stringify({ desk: DEMO_DESK_NAME, deskId, keys }, null, 2);
  // Created 0600 from the first byte (never briefly world-readable), then renamed into
  // place so a reader never sees half a file.
  writeFileSync(temp, `${body}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export async function ensureDemoDesk(store: Store, dataDir: string): Promise<DemoSeedResult> {
  if ((await store.getMeta(DEMO_SEEDED_META_KEY)) !== undefined) {
    return { created: false, keys: readDemoKeys(dataDir) };
  }
  const desk =
    (await store.getDeskByName(DEMO_DESK_NAME)) ?? (await store.createDesk({ name: DEMO_DESK_NAME, qps: DEMO_DESK_QPS }));
  const keys: DemoKey[] = [];
  for (const role of DEMO_ROLES) {
    const { key, record } = await issueApiKey(store, { deskId: desk.id, role, sandbox: true, label: `demo ${role}` });
    keys.push({ role, key, keyId: record.id });
  }
  writeDemoKeys(dataDir, desk.id, keys);
  // Marked last: if seeding dies half-way it runs again next start. Keys from the failed
  // run are harmless, since their plaintext was never kept anywhere.
  await store.setMeta(DEMO_SEEDED_META_KEY, desk.id);
  return { created: true, keys };
}
