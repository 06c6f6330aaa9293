/**
 * Blotter helpers: which orders are working, status colours, and merging the pages of the
 * order list. Pure, unit-tested in orders-math.test.ts.
 */
import type { OrderStatus, OrderView } from "@/lib/contracts/orders";
import { OrderStatusSchema } from "@/lib/contracts/orders";

export const ORDER_STATUSES = OrderStatusSchema.options;

export const WORKING_STATUSES: readonly OrderStatus[] = ["ACCEPTED", "RUNNING", "PAUSED"];

export function isWorking(status: OrderStatus): boolean {
  return WORKING_STATUSES.includes(status);
}

export const STATUS_TONE: Record<OrderStatus, "neutral" | "green" | "red" | "amber" | "blue"> = {
  ACCEPTED: "neutral",
  RUNNING: "blue",
  PAUSED: "amber",
  COMPLETED: "green",
  CANCELLED: "neutral",
  REJECTED: "red",
  FAILED: "red",
};

/** Every order of every loaded page once (a poll can shift an order onto the next page), in page order. */
export function mergeOrderPages(pages: readonly { orders: readonly OrderView[] }[]): OrderView[] {
  const seen = new Set<string>();
  const out: OrderView[] = [];
  for (const page of pages) {
    for (const o of page.orders) {
      if (seen.has(o.order_id)) continue;
      seen.add(o.order_id);
      out.push(o);
    }
  }
  return out;
}

/** Filled share in percent (0–100) from the quantities. */
export function orderFilledPct(order: Pick<OrderView, "qty" | "filled_qty">): number {
  return order.qty > 0 ? Math.min(100, Math.max(0, (order.filled_qty / order.qty) * 100)) : 0;
}

/** "12.5%" with one decimal, "100%" when done, "0%" when nothing filled. */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return "—";
  if (pct >= 99.995) return "100%";
  if (pct === 0) return "0%";
  return `${pct.toFixed(1)}%`;
}

/** A long id shortened for a table cell, keeping its distinctive tail: "ord_…3f9a2c". */
export function shortId(id: string, keep = 8): string {
  if (id.length <= keep + 4) return id;
  const sep = id.search(/[_-]/);
  const head = sep > 0 && sep <= 6 ? id.slice(0, sep + 1) : "";
  return `${head}…${id.slice(-keep)}`;
}
