/**
 * A small tmpfs mounted on a fresh directory, for tests of a read-only or full file
 * system. Needs root (CI runs as root); `mountScratch` returns undefined where mounting
 * is not allowed, and the caller skips.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ScratchMount {
  dir: string;
  readOnly(): void;
  /** Bind-mounts one file over itself read-only (the directory stays writable). */
  freezeFile(path: string): void;
  dispose(): void;
}

export function mountScratch(sizeKb = 4096): ScratchMount | undefined {
  const dir = mkdtempSync(join(tmpdir(), "store-mount-"));
  const frozen: string[] = [];
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    readOnly: () => execFileSync("mount", ["-o", "remount,ro", dir], { stdio: "ignore" }),
    freezeFile(path) {
      execFileSync("mount", ["--bind", path, path], { stdio: "ignore" });
      frozen.push(path);
      execFileSync("mount", ["-o", "remount,ro,bind", path], { stdio: "ignore" });
    },
    dispose() {
      for (const path of frozen.reverse()) execFileSync("umount", ["-l", path], { stdio: "ignore" });
      execFileSync("umount", ["-l", dir], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
