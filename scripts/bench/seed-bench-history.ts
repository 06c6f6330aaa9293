/**
 * 100k orders for the post-trade benchmarks, quickly: a sample is executed for real
 * (seedHistory: router, matching engine and journal on a simulated market over the past
 * week), then each sampled order is replicated with its whole event log shifted in time
 * (new ids, fill ids and times; same symbol, side, sizes, prices and venues) through the
 * store's own createOrderGraph, so every copy is validated by the order reducer and
 * projected into the TCA roll-up by the production write path. Routing decisions and
 * market contexts are not copied: only the sampled orders have them.
 */
import type { OrderEvent } from "@/server/execution/order-events";
import { seedHistory } from "@/server/intelligence/seed-history";
import { createRng } from "@/server/shared/rng";
import type { NewOrder, NewOrderEvent, Store } from "@/server/store/port";

const DAY_MS = 86_400_000;

export interface BenchHistory {
  sampleIds: string[];
  sampleSeconds: number;
  replicateSeconds: number;
  orders: number;
}

export async function seedBenchHistory(store: Store, deskId: string, keyId: string, total: number, sample: number, endMs: number, days = 7): Promise<BenchHistory> {
  const t0 = performance.now();
  await seedHistory({ store, deskId, keyId, orders: sample, days, endMs, seed: 21 });
  const sampleSeconds = (performance.now() - t0) / 1000;
  const sampled = (await store.listOrders(deskId, { limit: sample + 1 })).orders;
  const logs = new Map<string, OrderEvent[]>();
  for (const o of sampled) logs.set(o.id, (await store.listOrderEvents(o.id)).map((e) => e.event));

  const t1 = performance.now();
  const rng = createRng(99);
  const windowStart = endMs - days * DAY_MS + 60_000;
  const span = days * DAY_MS - 10 * 60_000;
  let written = sampled.length;
  const BATCH = 500;
  for (let copy = 0; written < total; copy++) {
    const orders: NewOrder[] = [];
    const events: NewOrderEvent[] = [];
    for (let i = 0; i < BATCH && written < total; i++, written++) {
      const src = sampled[(copy * BATCH + i) % sampled.length]!;
      const at = windowStart + Math.floor(rng.next() * span);
      const shift = at - src.createdAtMs;
      const id = `ord_bench_${written}`;
      orders.push({ ...src, id, nodeOrderId: `nod_bench_${written}`, bodyHash: id, createdAtMs: src.createdAtMs + shift });
      for (const e of logs.get(src.id) ?? []) {
        const moved = { ...e, atMs: e.atMs + shift } as OrderEvent;
        events.push({ orderId: id, event: moved.kind === "fill" ? { ...moved, fillId: `${moved.fillId}~${written}` } : moved });
      }
    }
    await store.createOrderGraph(orders, events);
  }
  return { sampleIds: sampled.map((o) => o.id), sampleSeconds, replicateSeconds: (performance.now() - t1) / 1000, orders: written };
}
