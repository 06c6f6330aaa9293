/**
 * Notices that the SQLite file this process holds open is no longer the file at its path
 * (deleted, or replaced by a restore or another process's fresh database). SQLite keeps
 * writing to an unlinked file without complaint in WAL mode, so without this every later
 * "committed" order would vanish at the next restart.
 *
 * The file's device and inode are recorded at open and compared before each write (one
 * stat, a few microseconds). Once lost, always lost: the process cannot get its file back,
 * so every later check refuses at once.
 */
import { statSync } from "node:fs";
import { storeFileLost, type StoreUnavailableError } from "./store-unavailable-error";

export interface FileIdentityGuard {
  readonly path: string;
  /** Throws StoreUnavailableError (file_deleted / file_replaced) when the file is not the one opened. */
  check(): void;
}

/** `onLost` runs once, when the loss is first seen; what it returns is added to the operator's message. */
export function guardFileIdentity(path: string, onLost?: (how: "deleted" | "replaced") => string | undefined): FileIdentityGuard {
  const opened = statSync(path, { bigint: true });
  let lost: StoreUnavailableError | undefined;
  return {
    path,
    check() {
      if (lost) throw lost;
      let now;
      try {
        now = statSync(path, { bigint: true });
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code !== "ENOENT" && code !== "ENOTDIR") throw err;
        lost = storeFileLost(path, "deleted", onLost?.("deleted"));
        throw lost;
      }
      if (now.dev !== opened.dev || now.ino !== opened.ino) {
        lost = storeFileLost(path, "replaced", onLost?.("replaced"));
        throw lost;
      }
    },
  };
}
