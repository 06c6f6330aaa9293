/**
 * Child process for order-durability.test.ts: writes orders and fills into a SQLite store
 * as fast as it can, the way the order service will (validate with applyOrderEvent, then
 * append at the expected seq), and prints each write only after its transaction has
 * committed. It never stops on its own; the test kills it with SIGKILL mid-stream.
 *
 * Output lines: `desk <deskId>`, `order <orderId>`, `fill <orderId> <fillId>`.
 * Usage: tsx write-orders-until-killed.ts <dataDir>
 */
import { applyOrderEvent, type OrderState } from "@/server/execution/order-states";
import type { OrderEvent, OrderFillEvent } from "@/server/execution/order-events";
import { openSqliteStore } from "../sqlite-store";
import type { Store } from "../port";
import { E8, acceptedEvent, buildOrder, childSentEvent, fillEvent } from "./order-fixtures";

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Validates like the service will, then appends at the seq the log was read at. */
async function append(store: Store, orderId: string, state: OrderState, seq: number, events: readonly OrderEvent[]): Promise<[OrderState, number]> {
  let next = state;
  const fresh: OrderEvent[] = [];
  for (const event of events) {
    const applied = applyOrderEvent(next, event);
    if (applied !== next) fresh.push(event);
    next = applied;
  }
  await store.appendOrderEvents(orderId, fresh, seq);
  return [next, seq + fresh.length];
}

async function writeOneOrder(store: Store, deskId: string, keyId: string, n: number): Promise<void> {
  const order = buildOrder(deskId, keyId, { createdAtMs: 1_700_000_000_000 + n, clientRequestId: `req-${n}` });
  const first: OrderEvent[] = [acceptedEvent(order), { kind: "started", atMs: order.createdAtMs }, childSentEvent("c1", (E8 * 6n) / 5n, order.createdAtMs), childSentEvent("c2", (E8 * 4n) / 5n, order.createdAtMs, "okx")];
  await store.createOrder(order, first);
  say(`order ${order.id}`);

  let state = first.reduce<OrderState | null>((s, e) => applyOrderEvent(s, e), null)!;
  let seq = first.length;
  const at = order.createdAtMs + 1;
  const batches: OrderFillEvent[][] = [
    [fillEvent(`${order.id}-f1`, "c1", E8 / 2n, at)],
    // A venue re-reporting f1 alongside the next fill: the reducer drops the repeat.
    [fillEvent(`${order.id}-f1`, "c1", E8 / 2n, at), fillEvent(`${order.id}-f2`, "c1", (E8 * 7n) / 10n, at)],
    [fillEvent(`${order.id}-f3`, "c2", (E8 * 4n) / 5n, at, "okx")],
  ];
  for (const batch of batches) {
    [state, seq] = await append(store, order.id, state, seq, batch);
    for (const f of batch) say(`fill ${order.id} ${f.fillId}`);
  }
  await append(store, order.id, state, seq, [{ kind: "completed", atMs: at + 1 }]);
}

async function main(dataDir: string | undefined): Promise<void> {
  if (!dataDir) throw new Error("usage: write-orders-until-killed.ts <dataDir>");
  const store = openSqliteStore({ dataDir });
  await store.migrate();
  const desk = await store.createDesk({ name: "crash" });
  const key = await store.createApiKey({ deskId: desk.id, role: "trader", sandbox: true, hash: "0".repeat(64), prefix: "seq_test_0", label: "" });
  say(`desk ${desk.id}`);
  for (let n = 0; ; n += 1) await writeOneOrder(store, desk.id, key.id, n);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
