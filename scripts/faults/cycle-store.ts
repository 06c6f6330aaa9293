/**
 * Where one cycle's server keeps its data: a fresh temp DATA_DIR, plus a fresh PostgreSQL
 * database when the store is PostgreSQL. The audit reads it with `snapshot()`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PostgresServer } from "./postgres-cluster";
import { readPostgresSnapshot } from "./read-postgres-snapshot";
import { readSqliteSnapshot } from "./read-sqlite-snapshot";
import type { StoreSnapshot } from "./store-snapshot";

export type StoreKind = "sqlite" | "postgres";

export interface CycleStore {
  kind: StoreKind;
  dataDir: string;
  databaseUrl: string | undefined;
  snapshot(): Promise<StoreSnapshot>;
  dispose(): Promise<void>;
}

export async function openCycleStore(kind: StoreKind, name: string, pgServer?: PostgresServer, dataDir?: string): Promise<CycleStore> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), `ei-faults-${name}-`));
  const ownsDir = dataDir === undefined;
  if (kind === "sqlite") {
    return {
      kind,
      dataDir: dir,
      databaseUrl: undefined,
      snapshot: async () => readSqliteSnapshot(dir),
      dispose: async () => {
        if (ownsDir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!pgServer) throw new Error("a PostgreSQL cycle needs a server");
  const dbName = `faults_${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`;
  const url = await pgServer.createDatabase(dbName);
  return {
    kind,
    dataDir: dir,
    databaseUrl: url,
    snapshot: () => readPostgresSnapshot(url),
    dispose: async () => {
      await pgServer.dropDatabase(dbName).catch(() => undefined);
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
