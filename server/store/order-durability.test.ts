/**
 * An acknowledged order survives the process being killed: a child process writes orders
 * and fills into SQLite and prints each one after its commit; we SIGKILL it mid-stream,
 * reopen the database and check every acknowledged order and fill is there and every
 * stored log replays to a legal state that agrees with the fills table and status column.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { deriveOrder } from "@/server/execution/order-states";
import { openSqliteStore } from "./sqlite-store";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const WRITER = join(import.meta.dirname, "testing", "write-orders-until-killed.ts");
/** Enough acknowledged orders that the kill lands in the middle of steady writing. */
const KILL_AFTER_ORDERS = 150;

/** Process group of a writer still running, so a failing test never leaves it behind. */
let writerGroup: number | undefined;

function killWriter(): void {
  if (writerGroup === undefined) return;
  try {
    process.kill(-writerGroup, "SIGKILL");
  } catch {
    // Already gone.
  }
}

interface WriterOutput {
  deskId: string;
  orders: string[];
  fills: Map<string, string[]>;
  signal: NodeJS.Signals | null;
}

/**
 * Runs the writer until it has acknowledged enough orders, then SIGKILLs it. tsx runs the
 * script in a node child of its own, so the writer gets its own process group and the
 * signal goes to the group: killing only tsx would leave the real writer running.
 */
function runAndKill(dataDir: string): Promise<WriterOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [WRITER, dataDir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
    writerGroup = child.pid;
    const out: WriterOutput = { deskId: "", orders: [], fills: new Map(), signal: null };
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const [what, a, b] = line.split(" ");
      if (what === "desk" && a) out.deskId = a;
      if (what === "order" && a) out.orders.push(a);
      if (what === "fill" && a && b) out.fills.set(a, [...(out.fills.get(a) ?? []), b]);
      if (out.orders.length === KILL_AFTER_ORDERS) killWriter();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      writerGroup = undefined;
      out.signal = signal;
      if (signal === "SIGKILL") resolve(out);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe("order durability across kill -9", () => {
  let dataDir: string | undefined;

  afterEach(() => {
    killWriter();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("every acknowledged order and fill is present and every log replays legally", { timeout: 60_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), "order-durability-"));
    const out = await runAndKill(dataDir);
    expect(out.signal).toBe("SIGKILL");
    expect(out.orders.length).toBeGreaterThanOrEqual(KILL_AFTER_ORDERS);

    const store = openSqliteStore({ dataDir });
    try {
      // Reopening runs WAL recovery; migrate must find nothing to do.
      expect(await store.migrate()).toEqual([]);
      for (const id of out.orders) {
        const order = await store.getOrder(out.deskId, id);
        expect(order, `acknowledged order ${id}`).toBeDefined();
        const stored = (await store.listOrderEvents(id)).map((e) => e.event);
        const derived = deriveOrder(stored);
        expect(order?.status).toBe(derived.status);
        const fills = await store.listFills(id);
        const fillIds = fills.map((f) => f.fillId).sort();
        // The fills table and the log's fill events are written together: same ids, same sum.
        const logged = [...new Set(stored.flatMap((e) => (e.kind === "fill" ? [e.fillId] : [])))].sort();
        expect(fillIds).toEqual(logged);
        expect(fills.reduce((s, f) => s + f.qtyE8, 0n)).toBe(derived.filledE8);
        expect(derived.filledE8 <= derived.qtyE8).toBe(true);
        for (const fillId of out.fills.get(id) ?? []) expect(fillIds).toContain(fillId);
      }
      // Whatever else committed before the kill (an order not yet printed) is consistent too.
      const all = (await store.listOrders(out.deskId, { limit: 10_000 })).orders;
      expect(all.length).toBeGreaterThanOrEqual(out.orders.length);
      for (const order of all) expect(deriveOrder((await store.listOrderEvents(order.id)).map((e) => e.event)).status).toBe(order.status);
    } finally {
      await store.close();
    }
  });
});
