/**
 * Sandbox throughput: orders per second the runner works to completion against the
 * simulated market, with every event journaled to a real SQLite store (as in production).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { qtyToE8 } from "@/lib/units";
import { issueApiKey } from "@/server/auth/issue-api-key";
import { deriveOrder } from "@/server/execution/order-states";
import { createMatchingEngine } from "@/server/execution/matching-engine";
import { SandboxRunner } from "@/server/execution/sandbox-runner";
import { createSandboxJournal } from "@/server/intelligence/sandbox-journal";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { parentFromRecord } from "@/server/intelligence/parent-from-record";
import { routeParentWith } from "@/server/intelligence/route-parent";
import { createManualClock } from "@/server/shared/clock";
import { createRng } from "@/server/shared/rng";
import { openSqliteStore } from "@/server/store/sqlite-store";
import { fmt } from "./stats";

export async function benchSandbox(orders = 300): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), "ei-bench-sandbox-"));
  const store = openSqliteStore({ dataDir });
  await store.migrate();
  const desk = await store.createDesk({ name: "bench" });
  const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "bench" });
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed: 5, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: ["BTC-USD", "ETH-USD"] });
  source.start();
  const observations = createObservationStore({ source, clock });
  for (let i = 0; i < 300; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  const journal = createSandboxJournal(store, () => {});
  const runner = new SandboxRunner({
    engine: createMatchingEngine({ rng: createRng(1), fillIdPrefix: "b-" }),
    source,
    journal,
    route: routeParentWith(observations),
  });
  runner.attach();

  const t0 = performance.now();
  for (let i = 0; i < orders; i++) {
    const symbol = i % 2 ? "ETH-USD" : "BTC-USD";
    const qty = symbol === "BTC-USD" ? 0.5 : 5;
    const id = `ord_bench_${i}`;
    const now = clock.nowMs();
    const record = await store.createOrder(
      {
        id, deskId: desk.id, keyId: key.id, parentId: null, nodeOrderId: `nod_bench_${i}`, graphId: null, clientRequestId: null,
        bodyHash: "x", bodyJson: "{}", symbol, side: i % 3 ? "buy" : "sell", qtyE8: qtyToE8(qty), limitPriceE9: null, venue: null,
        policy: "sor", urgency: "high", routerVersion: (["v1", "v2", "v3"] as const)[i % 3]!, sandbox: true, createdAtMs: now,
      },
      [{ kind: "accepted", atMs: now, qtyE8: qtyToE8(qty) }],
    );
    journal.track(record.id, deriveOrder([{ kind: "accepted", atMs: now, qtyE8: record.qtyE8 }]).state, desk.id);
    const parent = parentFromRecord(record, undefined, now);
    runner.add(parent);
    runner.start(id, now);
  }
  for (let step = 0; step < 600 && runner.working().length > 0; step++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
    runner.tick(clock.nowMs());
    // Write-ahead: children go to the venue once their child_sent is durable.
    if (runner.hasPendingSends()) await runner.flush();
  }
  await runner.flush();
  const seconds = (performance.now() - t0) / 1000;
  const done = orders - runner.working().length;
  runner.stop();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  const rate = done / seconds;
  console.log("\nSandbox (in-process runner + matching engine + SQLite journal)");
  console.log(`  ${done}/${orders} SOR orders worked to completion in ${fmt(seconds, 2)} s wall: ${fmt(rate)} orders/s`);
  return { sandbox_orders_per_s: rate };
}
