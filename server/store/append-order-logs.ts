/**
 * Appends events to many orders' logs inside one transaction with a fixed number of
 * statements per table, whatever the number of orders: the journal writes every order
 * that moved in one turn of the event loop as one batch, and per-order statements (ten
 * each: log end, events, fills, status, roll-up reads and upserts) made a batch of a
 * hundred orders a thousand statements, the largest CPU cost under load. Only the status
 * update stays per order (each row gets its own status and time).
 */
import { CompiledQuery, type Transaction } from "kysely";
import type { OrderEvent, OrderFillEvent } from "@/server/execution/order-events";
import { targetStatusOf } from "@/server/execution/order-states";
import { StoreConflictError, type StoreKind } from "./port";
import { OrderSeqConflictError, type FillRecord, type OrderEventRecord } from "./order-port";
import { fillOfEvent, toEventRecord, toEventRow, toFillRow, wholeMs } from "./order-rows";
import { applyTcaDelta, deltaForAppends } from "./project-order-tca";
import { chunked } from "./chunk-rows";
import type { Database } from "./schema";

type Trx = Transaction<Database>;

export interface OrderAppend {
  orderId: string;
  events: readonly OrderEvent[];
}

/**
 * Appends each order's events after its log's end. `expectedSeq` (one order only) makes
 * the append conditional on the log's end. A concurrent append to the same order fails on
 * the events' primary key; the caller maps that to OrderSeqConflictError.
 */
export async function appendOrderLogs(trx: Trx, kind: StoreKind, appends: readonly OrderAppend[], expectedSeq?: number): Promise<Map<string, OrderEventRecord[]>> {
  const merged = mergeByOrder(appends);
  if (expectedSeq !== undefined && merged.length !== 1) throw new Error("expectedSeq applies to a single order's append");
  const lastSeqs = await lastSeqsOf(
    trx,
    merged.map((a) => a.orderId),
  );
  const items = merged.map((a) => {
    const lastSeq = lastSeqs.get(a.orderId) ?? 0;
    if (lastSeq === 0) throw new Error(`no order ${a.orderId}`);
    if (expectedSeq !== undefined && lastSeq !== expectedSeq) throw new OrderSeqConflictError(a.orderId, expectedSeq, lastSeq);
    return { ...a, lastSeq };
  });
  const written = items.filter((i) => i.events.length > 0);
  const out = new Map<string, OrderEventRecord[]>();
  if (written.length === 0) return out;

  const rows = written.flatMap((i) => i.events.map((event, k) => toEventRow(i.orderId, i.lastSeq + 1 + k, event)));
  // Two appenders that read the same end both try seq n+1: the primary key lets one win.
  for (const part of chunked(rows, 500)) await trx.insertInto("order_events").values(part).execute();
  await recordFills(
    trx,
    written.flatMap((i) => i.events.filter(isFill).map((f) => fillOfEvent(i.orderId, f))),
  );
  for (const part of chunked(written, 200)) await projectStatuses(trx, kind, part);
  // The TCA roll-up moves with the log, in the same transaction (project-order-tca.ts).
  await applyTcaDelta(trx, kind, await deltaForAppends(trx, written));
  for (const r of rows) {
    const list = out.get(r.order_id);
    if (list) list.push(toEventRecord(r));
    else out.set(r.order_id, [toEventRecord(r)]);
  }
  return out;
}

/** Fills are unique by id; one already recorded for another order is a conflict of logs. */
export async function recordFills(trx: Trx, fills: readonly FillRecord[]): Promise<void> {
  if (fills.length === 0) return;
  for (const part of chunked(fills, 500)) {
    await trx
      .insertInto("fills")
      .values(part.map(toFillRow))
      .onConflict((oc) => oc.column("fill_id").doNothing())
      .execute();
  }
  const expected = new Map(fills.map((f) => [f.fillId, f.orderId]));
  for (const part of chunked([...expected.keys()], 500)) {
    const owners = await trx.selectFrom("fills").select(["fill_id", "order_id"]).where("fill_id", "in", part).execute();
    const foreign = owners.find((o) => expected.get(o.fill_id) !== o.order_id);
    if (foreign) throw new StoreConflictError(`fill ${foreign.fill_id} is already recorded for order ${foreign.order_id}`);
  }
}

/** Each order once, its events in the order given. */
function mergeByOrder(appends: readonly OrderAppend[]): OrderAppend[] {
  const byOrder = new Map<string, OrderEvent[]>();
  for (const { orderId, events } of appends) {
    const list = byOrder.get(orderId);
    if (list) list.push(...events);
    else byOrder.set(orderId, [...events]);
  }
  return [...byOrder].map(([orderId, events]) => ({ orderId, events }));
}

async function lastSeqsOf(trx: Trx, orderIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunked(orderIds, 500)) {
    const rows = await trx
      .selectFrom("order_events")
      .select((eb) => ["order_id", eb.fn.max("seq").as("last")])
      .where("order_id", "in", part)
      .groupBy("order_id")
      .execute();
    for (const r of rows) out.set(r.order_id, Number(r.last ?? 0));
  }
  return out;
}

/**
 * Each order's row takes the status its events lead to and their latest time, in one
 * statement for the batch. The time never goes backwards: venue-stamped events may be
 * older than the row's last change.
 */
async function projectStatuses(trx: Trx, kind: StoreKind, items: readonly OrderAppend[]): Promise<void> {
  const statusParams: unknown[] = [];
  const timeParams: unknown[] = [];
  for (const { orderId, events } of items) {
    const status = events.map((e) => targetStatusOf(e.kind)).findLast((s) => s !== undefined);
    if (status) statusParams.push(orderId, status);
    const atMs = wholeMs(Math.max(...events.map((e) => e.atMs)));
    timeParams.push(orderId, atMs, atMs);
  }
  const ids = items.map((i) => i.orderId);
  const sqlText = statusUpdateSql(kind, statusParams.length / 2, ids.length);
  await trx.executeQuery(CompiledQuery.raw(sqlText, [...statusParams, ...timeParams, ...ids]));
}

const statusSqlCache = new Map<string, string>();

function statusUpdateSql(kind: StoreKind, withStatus: number, orders: number): string {
  const key = `${kind}|${withStatus}|${orders}`;
  const hit = statusSqlCache.get(key);
  if (hit) return hit;
  let n = 0;
  const p = kind === "postgres" ? () => `$${++n}` : () => "?";
  const statusCase = withStatus > 0 ? `case "id" ${Array.from({ length: withStatus }, () => `when ${p()} then ${p()}`).join(" ")} else "status" end` : `"status"`;
  const timeCase = `case "id" ${Array.from({ length: orders }, () => `when ${p()} then (case when "updated_at_ms" < ${p()} then ${p()} else "updated_at_ms" end)`).join(" ")} else "updated_at_ms" end`;
  const text = `update "orders" set "status" = ${statusCase}, "updated_at_ms" = ${timeCase} where "id" in (${Array.from({ length: orders }, p).join(", ")})`;
  if (statusSqlCache.size >= 256) statusSqlCache.delete(statusSqlCache.keys().next().value as string);
  statusSqlCache.set(key, text);
  return text;
}

function isFill(event: OrderEvent): event is OrderFillEvent {
  return event.kind === "fill";
}
