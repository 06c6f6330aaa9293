/**
 * A throwaway PostgreSQL 15 cluster for the fault suite (as .ci/run makes one): initdb as
 * the postgres user in a temp directory, trust auth, its own port. It can be stopped and
 * started again under load (the outage scenario). FAULTS_DATABASE_URL skips all this and
 * uses an existing server (one database per cycle is created on it).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PostgresServer {
  /** A URL for this database name on the server. */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Only for a cluster this process owns. */
  stop?(): void;
  start?(): void;
  dispose(): void;
}

function asPostgres(cmd: string): void {
  execFileSync("su", ["postgres", "-c", cmd], { stdio: "pipe" });
}

export function startPostgresCluster(port: number): PostgresServer {
  const root = mkdtempSync(join(tmpdir(), "ei-faults-pg-"));
  chmodSync(root, 0o755);
  const dataDir = join(root, "pgdata");
  mkdirSync(dataDir);
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  chownSync(dataDir, uid, gid);
  asPostgres(`${PG_BIN}/initdb -D ${dataDir} -U postgres --auth-local=trust --auth-host=trust -E UTF8`);
  const start = () => asPostgres(`${PG_BIN}/pg_ctl -D ${dataDir} -o '-p ${port} -k /tmp' -l ${dataDir}/log -w start`);
  // Immediate: the database vanishes as in a crash, not after a polite checkpoint.
  const stop = () => asPostgres(`${PG_BIN}/pg_ctl -D ${dataDir} -m immediate -w stop`);
  start();
  const server = urlServer(`postgres://postgres@127.0.0.1:${port}/postgres`);
  return {
    ...server,
    stop,
    start,
    dispose() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** An existing server: databases are created next to the one in the URL. */
export function urlServer(adminUrl: string): PostgresServer {
  const url = (database: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    async createDatabase(name) {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${name}`);
      return url(name);
    },
    async dropDatabase(name) {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    dispose() {},
  };
}
