/**
 * The storage faults: PostgreSQL stopped under load, a full disk, a store that turns
 * read-only, and the SQLite file deleted while the server runs. Each builds its
 * fault around runStorageFault and cleans up its mounts whatever happens.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openCycleStore } from "./cycle-store";
import type { FaultLedger } from "./fault-ledger";
import type { PostgresServer } from "./postgres-cluster";
import { SQLITE_FILE } from "./read-sqlite-snapshot";
import type { ScenarioResult } from "./scenario-result";
import type { SeededRandom } from "./seeded-random";
import { runStorageFault } from "./run-storage-fault";

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "pipe", encoding: "utf8" });

export async function runPgOutage(server: PostgresServer, port: number, rng: SeededRandom): Promise<ScenarioResult> {
  if (!server.stop || !server.start) return { name: "pg-outage", store: "postgres", violations: [], notes: [], skipped: "needs a PostgreSQL cluster of our own (not FAULTS_DATABASE_URL)" };
  const store = await openCycleStore("postgres", "pg_outage", server);
  const outageMs = Math.round(rng.uniform(10_000, 20_000));
  try {
    return await runStorageFault({
      name: "pg-outage",
      store,
      port,
      rng,
      faultMs: outageMs,
      inject: () => server.stop?.(),
      recover: () => server.start?.(),
      // The server should find its database again by itself: no restart.
      restart: false,
    });
  } finally {
    try {
      server.start?.();
    } catch {
      // already running
    }
    await store.dispose();
  }
}

export async function runDiskFull(port: number, rng: SeededRandom): Promise<ScenarioResult> {
  const mnt = mkdtempSync(join(tmpdir(), "ei-faults-full-"));
  sh("mount", ["-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt]);
  const filler = join(mnt, "filler.bin");
  try {
    const dataDir = join(mnt, "data");
    mkdirSync(dataDir);
    const store = await openCycleStore("sqlite", "disk_full", undefined, dataDir);
    return await runStorageFault({
      name: "disk-full",
      store,
      port,
      rng,
      faultMs: 8_000,
      inject: () => fillDisk(filler),
      recover: () => rmSync(filler, { force: true }),
      restart: true,
    });
  } finally {
    unmount(mnt);
  }
}

/** Writes zeros until the filesystem says ENOSPC. */
function fillDisk(file: string): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // full: that is the point
  } finally {
    closeSync(fd);
  }
}

export async function runReadOnly(port: number, rng: SeededRandom): Promise<ScenarioResult> {
  const root = mkdtempSync(join(tmpdir(), "ei-faults-ro-"));
  const image = join(root, "store.img");
  const mnt = join(root, "mnt");
  mkdirSync(mnt);
  truncateSync(openAndClose(image), 96 * 1024 * 1024);
  sh("mkfs.ext4", ["-q", "-F", image]);
  const loop = sh("losetup", ["-f", "--show", image]).trim();
  try {
    // errors=remount-ro: a filesystem error turns the store read-only under the open database,
    // as a failing disk does. (A plain `mount -o remount,ro` is refused while files are open for writing.)
    sh("mount", ["-o", "errors=remount-ro", loop, mnt]);
    const dataDir = join(mnt, "data");
    mkdirSync(dataDir);
    const store = await openCycleStore("sqlite", "read_only", undefined, dataDir);
    return await runStorageFault({
      name: "read-only",
      store,
      port,
      rng,
      faultMs: 6_000,
      // sync first: the disk fails on a steady system, not seconds after the store was created.
      inject: () => void sh("sh", ["-c", `sync && echo fault > /sys/fs/ext4/${basename(loop)}/trigger_fs_error`]),
      // An operator's repair: stop the server, check the filesystem, mount it writable, start again.
      async recover(app) {
        await app.kill("SIGKILL");
        unmount(mnt, false);
        try {
          sh("e2fsck", ["-fy", loop]);
        } catch {
          // exit 1 = errors corrected
        }
        sh("mount", ["-o", "errors=remount-ro", loop, mnt]);
        await app.restart("SIGKILL");
      },
      restart: false,
    });
  } finally {
    unmount(mnt, false);
    try {
      sh("losetup", ["-d", loop]);
    } catch {
      // already detached
    }
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runSqliteDeleted(port: number, rng: SeededRandom): Promise<ScenarioResult> {
  const store = await openCycleStore("sqlite", "sqlite_deleted");
  try {
    return await runStorageFault({
      name: "sqlite-deleted",
      store,
      port,
      rng,
      faultMs: 4_000,
      inject: () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(join(store.dataDir, `${SQLITE_FILE}${suffix}`), { force: true });
      },
      recover: () => undefined,
      restart: true,
      // Orders acknowledged before the deletion went with the file; every one acknowledged after it must survive.
      scope: (ledger, faultStartMs) => onlyAckedAfter(ledger, faultStartMs),
    });
  } finally {
    await store.dispose();
  }
}

function onlyAckedAfter(ledger: FaultLedger, fromMs: number): FaultLedger {
  const orders = ledger.orders.filter((o) => o.sentAtMs >= fromMs);
  const kept = new Set(orders.map((o) => o.orderId));
  return { ...ledger, orders, cancels: ledger.cancels.filter((c) => kept.has(c.orderId)), resubmits: ledger.resubmits.filter((r) => r.originalOrderId && kept.has(r.originalOrderId)) };
}

function openAndClose(path: string): string {
  closeSync(openSync(path, "w"));
  return path;
}

function unmount(dir: string, removeDir = true): void {
  try {
    sh("umount", [dir]);
  } catch {
    try {
      sh("umount", ["-l", dir]);
    } catch {
      // not mounted
    }
  }
  if (removeDir) rmSync(dir, { recursive: true, force: true });
}
