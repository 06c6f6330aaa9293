import type { z } from "zod";
import type { OrderListQuerySchema, OrderListResponseSchema, OrderResponseSchema } from "@/lib/contracts/orders";
import type { Core } from "@/server/core";
import { ApiError, notFound } from "@/server/http/api-error";
import { dustQtyE8, residualQtyE8, type OrderSummary } from "@/server/execution/order-states";
import type { OrderRecord, OrderTcaRecord } from "@/server/store/port";
import { loadOrderView, toOrderView } from "./order-view";

type OrderResponse = z.input<typeof OrderResponseSchema>;
const DAY_MS = 86_400_000;

/** An order of this desk by order id or node order id; another desk's is simply not found. */
export async function findDeskOrder(core: Core, deskId: string, id: string): Promise<OrderRecord> {
  const record = (await core.store.getOrder(deskId, id)) ?? (await core.store.getOrderByNodeOrderId(deskId, id));
  if (!record) throw notFound(`Order ${id}`);
  return record;
}

export async function getOrder(core: Core, deskId: string, id: string): Promise<OrderResponse> {
  const record = await findDeskOrder(core, deskId, id);
  const order = await loadOrderView(core.store, record);
  const rootId = record.parentId ?? record.id;
  const isGraph = record.graphId !== null || record.parentId !== null;
  if (!isGraph) return { order, nodes: [] };
  const root = record.parentId ? await core.store.getOrder(deskId, rootId) : record;
  const children = (await core.store.listOrders(deskId, { parentId: rootId, limit: 200 })).orders;
  const nodes = await Promise.all([root, ...children].filter((r): r is OrderRecord => r !== undefined).map((r) => loadOrderView(core.store, r)));
  return { order, nodes };
}

export async function listOrders(
  core: Core,
  deskId: string,
  q: z.output<typeof OrderListQuerySchema>,
): Promise<z.input<typeof OrderListResponseSchema>> {
  const fromMs = q.from ? Date.parse(`${q.from}T00:00:00Z`) : undefined;
  const toMs = q.to ? Date.parse(`${q.to}T00:00:00Z`) + DAY_MS : undefined;
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
    throw new ApiError("VALIDATION_ERROR", "to must be on or after from", [{ field: "to", message: "must be on or after from" }]);
  }
  let page;
  try {
    page = await core.store.listOrders(deskId, {
      ...(q.status ? { status: q.status } : {}),
      ...(q.symbol ? { symbol: q.symbol } : {}),
      ...(fromMs !== undefined ? { fromMs } : {}),
      ...(toMs !== undefined ? { toMs } : {}),
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
  } catch (err) {
    if (err instanceof Error && err.name === "InvalidCursorError") {
      throw new ApiError("INVALID_PARAMS", "cursor is not one this API handed out", [{ field: "cursor", message: "use next_cursor from a previous page" }]);
    }
    throw err;
  }
  // One read for the page's figures from the TCA roll-up (kept in step with each log in
  // the same transaction) instead of replaying every order's log.
  const tca = await core.store.getOrderTca(page.orders.map((r) => r.id));
  const orders = await Promise.all(
    page.orders.map((r) => {
      const t = tca.get(r.id);
      // A FAILED row projected before failures carried a code has none: its log has it.
      const usable = t && !(t.status === "FAILED" && t.rejectReason === null);
      return usable ? toOrderView(r, summaryOfTca(r, t)) : loadOrderView(core.store, r);
    }),
  );
  return { orders, next_cursor: page.nextCursor };
}

function summaryOfTca(r: OrderRecord, t: OrderTcaRecord): OrderSummary {
  return {
    status: t.status,
    qtyE8: r.qtyE8,
    filledE8: t.filledE8,
    residualE8: residualQtyE8(t.status, r.qtyE8, t.filledE8),
    dustE8: dustQtyE8(t.status, r.qtyE8, t.filledE8),
    avgPriceE9: t.avgPriceE9,
    feesE9: t.feesE9,
    rejectReason: t.rejectReason as OrderSummary["rejectReason"],
    // Not part of the order view (toOrderView does not read them); the log has them.
    failure: null,
    cancelRequestedAtMs: null,
    acceptedAtMs: t.acceptedAtMs,
    updatedAtMs: t.updatedAtMs,
    workingChildren: 0,
  };
}
