/**
 * The server's resident memory and CPU time from /proc, for the process that really
 * serves (comm "next-server"), not a wrapper that spawned it.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux this runs on. */
const CLK_TCK = 100;

export interface ProcSample {
  atMs: number;
  rssBytes: number;
  /** utime + stime, seconds. */
  cpuSeconds: number;
}

export function readProcSample(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return { atMs: Date.now(), rssBytes: rssKb * 1024, cpuSeconds: (utime + stime) / CLK_TCK };
}

/** CPU use between two samples, in % of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  const wall = (b.atMs - a.atMs) / 1000;
  return wall > 0 ? (100 * (b.cpuSeconds - a.cpuSeconds)) / wall : Number.NaN;
}

/** `pid` itself if it is the Next server, else its first descendant that is. */
export function findServerPid(pid: number): number {
  const comm = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/comm`, "utf8").trim();
    } catch {
      return "";
    }
  };
  if (comm(pid).startsWith("next-server")) return pid;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.shift() as number;
    if (comm(p).startsWith("next-server")) return p;
    queue.push(...(children.get(p) ?? []));
  }
  return pid;
}
