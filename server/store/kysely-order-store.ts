/**
 * OrderStore over Kysely, for both dialects. Every write that must be all-or-nothing
 * (an order and its first events, a graph, an append with its fills and status) is one
 * transaction: when the promise resolves it is committed.
 *
 * What "committed" survives depends on the engine's sync setting, see sqlite-store.ts:
 * with SQLite in WAL mode at synchronous=NORMAL a commit survives the process being
 * killed (kill -9, OOM, a crash) but the last commits can be lost on power loss or an
 * OS crash; durability "full" (synchronous=FULL) closes that gap at one fsync per commit.
 */
import type { Kysely } from "kysely";
import type { OrderEvent, OrderFillEvent } from "@/server/execution/order-events";
import { WORKING_ORDER_STATUSES, deriveOrder, type OrderStatus } from "@/server/execution/order-states";
import { StoreConflictError } from "./port";
import {
  OrderSeqConflictError,
  type ClientKey,
  type FillRecord,
  type NewOrder,
  type NewOrderEvent,
  type OrderEventRecord,
  type OrderListQuery,
  type OrderPage,
  type OrderRecord,
  type OrderStore,
} from "./order-port";
import { decodeOrderCursor, encodeOrderCursor } from "./order-cursor";
import { fillOfEvent, toEventRecord, toEventRow, toFillRecord, toFillRow, toOrderRecord, toOrderRow, wholeMs } from "./order-rows";
import type { Database } from "./schema";
import type { StoreKind } from "./port";
import type { JournalBatch } from "./order-port";
import { passKillSwitchFence } from "./kysely-kill-switch-store";
import { toDecisionRow, writeDecisions } from "./kysely-decision-store";
import { applyTcaDelta, deltaForNewOrders } from "./project-order-tca";
import { appendOrderLogs, recordFills } from "./append-order-logs";
import { isUniqueViolation } from "./unique-violation";

async function translateConflict<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error) && !(error instanceof StoreConflictError)) {
      throw new StoreConflictError(`${what} already exists`, { cause: error });
    }
    throw error;
  }
}

/** Rows with a parent in the same batch go after it, so each level's parent exists. */
function levelsParentsFirst(orders: readonly NewOrder[]): NewOrder[][] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const depthOf = (order: NewOrder): number => {
    let depth = 0;
    for (let p = order.parentId; p !== null && depth <= orders.length; depth += 1) p = byId.get(p)?.parentId ?? null;
    return depth;
  };
  const levels: NewOrder[][] = [];
  for (const order of orders) (levels[depthOf(order)] ??= []).push(order);
  return levels.filter((level) => level.length > 0);
}

/** The status the log reaches, checked by replaying it: a new order's log starts legal. */
function statusAfterFirstEvents(order: NewOrder, events: readonly OrderEvent[]): { status: OrderStatus; updatedAtMs: number } {
  const derived = deriveOrder(events);
  if (derived.qtyE8 !== order.qtyE8) throw new Error(`order ${order.id}: accepted qty ${derived.qtyE8} differs from the row's ${order.qtyE8}`);
  return { status: derived.status, updatedAtMs: Math.max(order.createdAtMs, derived.updatedAtMs) };
}

export class KyselyOrderStore implements OrderStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
  ) {}

  async createOrder(order: NewOrder, firstEvents: readonly OrderEvent[]): Promise<OrderRecord> {
    const [created] = await this.createOrderGraph(
      [order],
      firstEvents.map((event) => ({ orderId: order.id, event })),
    );
    if (!created) throw new Error("createOrder wrote no row");
    return created;
  }

  async createOrderGraph(orders: readonly NewOrder[], events: readonly NewOrderEvent[]): Promise<OrderRecord[]> {
    return (await this.insertOrders(orders, events, undefined)).records;
  }

  async createOrdersFenced(orders: readonly NewOrder[], events: readonly NewOrderEvent[]): Promise<{ records: OrderRecord[]; killSwitchVersion: number }> {
    const deskId = orders[0]?.deskId;
    if (deskId === undefined) throw new Error("createOrdersFenced needs at least one order");
    if (orders.some((o) => o.deskId !== deskId)) throw new Error("createOrdersFenced: every order must belong to one desk");
    return this.insertOrders(orders, events, deskId);
  }

  private async insertOrders(
    orders: readonly NewOrder[],
    events: readonly NewOrderEvent[],
    fenceDeskId: string | undefined,
  ): Promise<{ records: OrderRecord[]; killSwitchVersion: number }> {
    if (orders.length === 0) return { records: [], killSwitchVersion: 0 };
    const logs = new Map<string, OrderEvent[]>(orders.map((o) => [o.id, []]));
    for (const { orderId, event } of events) {
      const log = logs.get(orderId);
      if (!log) throw new Error(`event for order ${orderId}, which is not in this batch`);
      log.push(event);
    }
    // Everything is checked and encoded before the transaction opens, so it stays short.
    const rowLevels = levelsParentsFirst(orders).map((level) =>
      level.map((o) => {
        const { status, updatedAtMs } = statusAfterFirstEvents(o, logs.get(o.id) ?? []);
        return toOrderRow(o, status, updatedAtMs);
      }),
    );
    const eventRows = [...logs].flatMap(([orderId, log]) => log.map((event, i) => toEventRow(orderId, i + 1, event)));
    const fills = [...logs].flatMap(([orderId, log]) => log.filter(isFill).map((f) => fillOfEvent(orderId, f)));
    const tca = await deltaForNewOrders(rowLevels.flat(), logs);

    let killSwitchVersion = 0;
    await translateConflict("order (client key or node_order_id)", () =>
      this.db.transaction().execute(async (trx) => {
        if (fenceDeskId !== undefined) killSwitchVersion = await passKillSwitchFence(trx, this.kind, fenceDeskId);
        for (const level of rowLevels) await trx.insertInto("orders").values(level).execute();
        await trx.insertInto("order_events").values(eventRows).execute();
        await recordFills(trx, fills);
        await applyTcaDelta(trx, this.kind, tca);
      }),
    );
    const byId = new Map(rowLevels.flat().map((row) => [row.id, toOrderRecord(row)]));
    return { records: orders.flatMap((o) => byId.get(o.id) ?? []), killSwitchVersion };
  }

  async findOrderByClientKey(deskId: string, key: ClientKey): Promise<OrderRecord | undefined> {
    let query = this.db.selectFrom("orders").selectAll().where("desk_id", "=", deskId);
    query =
      "clientRequestId" in key
        ? query.where("client_request_id", "=", key.clientRequestId)
        : query.where("graph_id", "=", key.graphId).where("parent_id", "is", null);
    const row = await query.executeTakeFirst();
    return row && toOrderRecord(row);
  }

  async getOrder(deskId: string, id: string): Promise<OrderRecord | undefined> {
    const row = await this.db.selectFrom("orders").selectAll().where("desk_id", "=", deskId).where("id", "=", id).executeTakeFirst();
    return row && toOrderRecord(row);
  }

  async getOrderByNodeOrderId(deskId: string, nodeOrderId: string): Promise<OrderRecord | undefined> {
    const row = await this.db
      .selectFrom("orders")
      .selectAll()
      .where("desk_id", "=", deskId)
      .where("node_order_id", "=", nodeOrderId)
      .executeTakeFirst();
    return row && toOrderRecord(row);
  }

  async listOrders(deskId: string, q: OrderListQuery): Promise<OrderPage> {
    if (!Number.isInteger(q.limit) || q.limit < 1) throw new RangeError(`limit must be a positive integer, got ${q.limit}`);
    let query = this.db.selectFrom("orders").selectAll().where("desk_id", "=", deskId);
    if (q.status !== undefined) {
      const statuses: readonly OrderStatus[] = typeof q.status === "string" ? [q.status] : q.status;
      if (statuses.length === 0) return { orders: [], nextCursor: null };
      query = query.where("status", "in", statuses);
    }
    if (q.symbol !== undefined) query = query.where("symbol", "=", q.symbol);
    if (q.fromMs !== undefined) query = query.where("created_at_ms", ">=", wholeMs(q.fromMs));
    if (q.toMs !== undefined) query = query.where("created_at_ms", "<", Math.ceil(q.toMs));
    if (q.parentId === null) query = query.where("parent_id", "is", null);
    else if (q.parentId !== undefined) query = query.where("parent_id", "=", q.parentId);
    if (q.cursor !== undefined) {
      const after = decodeOrderCursor(q.cursor);
      query = query.where((eb) =>
        eb.or([
          eb("created_at_ms", "<", after.createdAtMs),
          eb.and([eb("created_at_ms", "=", after.createdAtMs), eb("id", "<", after.id)]),
        ]),
      );
    }
    // One extra row tells whether another page exists without a count query.
    const rows = await query.orderBy("created_at_ms", "desc").orderBy("id", "desc").limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit).map(toOrderRecord);
    const last = page.at(-1);
    return { orders: page, nextCursor: rows.length > q.limit && last ? encodeOrderCursor(last) : null };
  }

  async listWorkingOrders(): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom("orders")
      .selectAll()
      .where("status", "in", WORKING_ORDER_STATUSES)
      .orderBy("created_at_ms")
      .orderBy("id")
      .execute();
    return rows.map(toOrderRecord);
  }

  async appendOrderEvents(orderId: string, events: readonly OrderEvent[], expectedSeq?: number): Promise<OrderEventRecord[]> {
    try {
      return await this.db.transaction().execute(async (trx) => (await appendOrderLogs(trx, this.kind, [{ orderId, events }], expectedSeq)).get(orderId) ?? []);
    } catch (error) {
      throw seqConflictOf(error, orderId, expectedSeq);
    }
  }

  async appendJournalBatch(batch: JournalBatch): Promise<void> {
    const decisionRows = batch.decisions.map(toDecisionRow);
    if (batch.appends.length === 0 && decisionRows.length === 0 && batch.decisionRepeats.length === 0) return;
    let appending = false;
    try {
      await this.db.transaction().execute(async (trx) => {
        appending = true;
        await appendOrderLogs(trx, this.kind, batch.appends);
        appending = false;
        await writeDecisions(trx, decisionRows, batch.decisionRepeats);
      });
    } catch (error) {
      if (!appending) throw error;
      // Which order conflicted is known only for a batch of one; the journal writes each
      // order of a refused batch alone to find it (journal-batch-writer.ts).
      const only = batch.appends.length === 1 ? batch.appends[0]?.orderId : undefined;
      throw seqConflictOf(error, only ?? `one of ${batch.appends.length} orders`, undefined);
    }
  }

  async listOrderEvents(orderId: string, afterSeq = 0): Promise<OrderEventRecord[]> {
    const rows = await this.db
      .selectFrom("order_events")
      .selectAll()
      .where("order_id", "=", orderId)
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .execute();
    return rows.map(toEventRecord);
  }

  async insertFills(fills: readonly FillRecord[]): Promise<string[]> {
    const unique = [...new Map(fills.map((f) => [f.fillId, f])).values()];
    if (unique.length === 0) return [];
    const inserted = await this.db
      .insertInto("fills")
      .values(unique.map(toFillRow))
      .onConflict((oc) => oc.column("fill_id").doNothing())
      .returning("fill_id")
      .execute();
    const isNew = new Set(inserted.map((r) => r.fill_id));
    // RETURNING order is not guaranteed; answer in the caller's order.
    return unique.map((f) => f.fillId).filter((id) => isNew.has(id));
  }

  async listFills(orderId: string): Promise<FillRecord[]> {
    const rows = await this.db.selectFrom("fills").selectAll().where("order_id", "=", orderId).orderBy("at_ms").orderBy("fill_id").execute();
    return rows.map(toFillRecord);
  }

  async updateOrderStatus(id: string, status: OrderStatus, atMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable("orders")
      .set({ status, updated_at_ms: wholeMs(atMs) })
      .where("id", "=", id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Projects fill events into `fills`. A fill id already there for this order is the same
   * fill (recorded by insertFills first); one recorded for another order is a conflict.
   */
}

function seqConflictOf(error: unknown, orderId: string, expectedSeq: number | undefined): unknown {
  if (isUniqueViolation(error) && !(error instanceof StoreConflictError)) return new OrderSeqConflictError(orderId, expectedSeq, undefined, { cause: error });
  return error;
}

function isFill(event: OrderEvent): event is OrderFillEvent {
  return event.kind === "fill";
}
