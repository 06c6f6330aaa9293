/**
 * Post-trade at scale: GET /v1/execution/summary over 100,000 orders (target ≤ 200 ms on
 * SQLite) and GET /v1/execution/review/{id} warm (target ≤ 20 ms), service path, on a
 * fresh SQLite database in a temp directory. How the 100k orders are made: see
 * seed-bench-history.ts (a real sample, replicated through the store's write path).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issueApiKey } from "@/server/auth/issue-api-key";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import { getReview } from "@/server/intelligence/get-review";
import { getSummary } from "@/server/intelligence/get-summary";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { summaryCsv } from "@/server/intelligence/summary-csv";
import { createManualClock } from "@/server/shared/clock";
import type { Store } from "@/server/store/port";
import { openSqliteStore } from "@/server/store/sqlite-store";
import { seedBenchHistory } from "./seed-bench-history";
import { fmt, summarize } from "./stats";

const ORDERS = Number(process.env.BENCH_TCA_ORDERS ?? 100_000);
const SAMPLE = Number(process.env.BENCH_TCA_SAMPLE ?? 150);
const SUMMARY_TARGET_MS = 200;
const REVIEW_TARGET_MS = 20;

async function timeMs(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

function verdict(ms: number, target: number): string {
  return ms <= target ? `PASS (≤ ${target} ms)` : `FAIL (> ${target} ms)`;
}

export async function benchTca(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), "ei-bench-tca-"));
  const endMs = Date.UTC(2026, 0, 15);
  let store: Store = openSqliteStore({ dataDir });
  try {
    await store.migrate();
    const desk = await store.createDesk({ name: "bench-tca" });
    const { record: key } = await issueApiKey(store, { deskId: desk.id, role: "trader", sandbox: true, label: "bench" });
    const seeded = await seedBenchHistory(store, desk.id, key.id, ORDERS, SAMPLE, endMs);
    const clock = createManualClock(endMs);
    const lead: Principal = { deskId: desk.id, deskName: "bench-tca", keyId: key.id, keyPrefix: "", role: "lead", sandbox: true, qps: 50, restrictTradersToOwnOrders: false };
    const week = { start_date: "2026-01-08", end_date: "2026-01-15", format: "json" as const };

    // Cold: a new connection (empty SQLite page cache; the OS file cache stays warm).
    await store.close();
    store = openSqliteStore({ dataDir });
    const core = { store, clock } as unknown as Core;
    let answer = await getSummary(core, lead, week);
    const coldMs = await timeMs(async () => {
      await store.close();
      store = openSqliteStore({ dataDir });
      (core as { store: Store }).store = store;
      answer = await getSummary(core, lead, week);
    });
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push(await timeMs(() => getSummary(core, lead, week)));
    const w = summarize(warm);
    const venue: number[] = [];
    for (let i = 0; i < 10; i++) venue.push(await timeMs(() => getSummary(core, lead, { ...week, venue: "binance" })));
    const csvMs = await timeMs(async () => (await summaryCsv(core, lead, week)).text());

    // Review of the sampled orders (real routing decisions and stored market contexts) by a
    // server whose market memory starts now, as after a restart: each first call computes,
    // later calls of a final order are answered from the cache (order id + log position).
    const market = { source: createSimulatedSource({ clock, seed: 1, scheduler: { setInterval: () => 0, clearInterval: () => {} } }), observations: createObservationStore({ clock }) };
    const reviewCore = { store, clock, market } as unknown as Core;
    const reviewIds = seeded.sampleIds.slice(0, 40);
    const first: number[] = [];
    let stored = 0;
    let audited = 0;
    for (const id of reviewIds) {
      first.push(
        await timeMs(async () => {
          const review = await getReview(reviewCore, desk.id, id);
          if (review.note?.includes("context stored")) stored++;
          if (review.decision_audit.length > 0) audited++;
        }),
      );
    }
    const warmReview: number[] = [];
    for (let round = 0; round < 5; round++) for (const id of reviewIds) warmReview.push(await timeMs(() => getReview(reviewCore, desk.id, id)));
    const f = summarize(first);
    const r = summarize(warmReview);

    console.log("\nPost-trade at scale (service path, SQLite in a temp dir)");
    console.log(
      `  seeding: ${SAMPLE} orders executed by the real engine in ${fmt(seeded.sampleSeconds, 1)} s, replicated to ${seeded.orders.toLocaleString("en-US")} ` +
        `(time-shifted copies of their logs through createOrderGraph + roll-up) in ${fmt(seeded.replicateSeconds, 1)} s`,
    );
    console.log(`  summary over ${answer.totals.orders.toLocaleString("en-US")} orders (${answer.totals.fills.toLocaleString("en-US")} fills, ${answer.per_venue.length} venues, ${answer.by_day.length} days):`);
    console.log(`    cold (new connection) ${fmt(coldMs)} ms ${verdict(coldMs, SUMMARY_TARGET_MS)}`);
    console.log(`    warm p50 ${fmt(w.p50)} ms, p99 ${fmt(w.p99)} ms over ${w.n} runs ${verdict(w.p99, SUMMARY_TARGET_MS)}`);
    const v = summarize(venue);
    console.log(`    venue=binance filter p50 ${fmt(v.p50)} ms, max ${fmt(v.max)} ms over ${v.n} runs ${verdict(v.max, SUMMARY_TARGET_MS)}`);
    console.log(`    CSV export of all rows (no target) ${fmt(csvMs)} ms`);
    console.log(`  review of ${reviewIds.length} sampled orders (${stored} on their stored market context, ${audited} with routing decisions audited):`);
    console.log(`    first call (computed) p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms, max ${fmt(f.max)} ms`);
    console.log(`    warm p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms over ${r.n} calls ${verdict(r.p99, REVIEW_TARGET_MS)}`);
    return {
      tca_orders: answer.totals.orders,
      summary_cold_ms: coldMs,
      summary_warm_p50_ms: w.p50,
      summary_warm_p99_ms: w.p99,
      summary_venue_filtered_p50_ms: summarize(venue).p50,
      summary_csv_ms: csvMs,
      review_first_p50_ms: f.p50,
      review_first_p99_ms: f.p99,
      review_warm_p50_ms: r.p50,
      review_warm_p99_ms: r.p99,
      seed_sample_s: seeded.sampleSeconds,
      seed_replicate_s: seeded.replicateSeconds,
    };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
