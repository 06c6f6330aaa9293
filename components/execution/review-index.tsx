"use client";

import Link from "next/link";
import { useOrders } from "@/lib/queries/orders";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import { formatDateTimeNs, formatPrice, formatQty, formatTimeNs } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { OpenByIdForm } from "./open-by-id-form";
import { baseAsset } from "./order-form-state";
import { formatPct, isWorking, mergeOrderPages, orderFilledPct, shortId } from "./orders-math";
import { OrderStatusBadge } from "./orders-status";
import { TH, TD } from "@/components/ui/table-cells";

const PAGE_SIZE = 50;

/**
 * The Review page without an order: the desk's recent orders (newest first, refreshed every
 * 2 s), each linking to its post-trade review, and a box to open any order or node order id.
 */
export function ReviewIndex() {
  const orders = useOrders({ limit: PAGE_SIZE });
  const rows = orders.data ? mergeOrderPages(orders.data.pages) : [];
  const error = useStickyError(orders.error, orders.data !== undefined);

  return (
    <div className="space-y-3" data-testid="review-index">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-slate-900">Review</h1>
          <span className="text-xs text-slate-500">pick an order to see where its cost came from and why the router chose what it chose</span>
        </div>
        <OpenByIdForm basePath="/review" label="Order id" placeholder="order or node order id" testId="review-open-by-id" />
      </div>

      {error && <ErrorState error={error} title={orders.data ? "The list is not updating — showing the last good one" : "Could not load orders"} onRetry={() => void orders.refetch()} compact scope="review-index" />}

      <Panel title="Recent orders" subtitle="newest first · refreshes every 2 s" testId="review-orders">
        {!orders.data ? (
          error ? null : <SkeletonRows rows={5} cols={9} label="Loading orders" />
        ) : rows.length === 0 ? (
          <EmptyState title="No orders yet">
            Place one from the{" "}
            <Link href="/orders" className="font-medium text-sky-700 hover:underline">
              order ticket
            </Link>
            ; its review appears here as it executes.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="num w-full border-collapse text-xs" data-testid="review-orders-table">
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th className={cx(TH, "text-left")}>Started (UTC)</th>
                  <th className={cx(TH, "text-left")}>Order</th>
                  <th className={cx(TH, "text-left")}>Symbol</th>
                  <th className={cx(TH, "text-left")}>Side</th>
                  <th className={cx(TH, "text-right")}>Qty</th>
                  <th className={cx(TH, "text-right")}>Filled</th>
                  <th className={cx(TH, "text-right")}>Avg price</th>
                  <th className={cx(TH, "text-left")}>Status</th>
                  <th className={cx(TH, "text-left")}>Router</th>
                  <th className={cx(TH, "text-left")}>
                    <span className="sr-only">Review</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => {
                  const href = `/review/${encodeURIComponent(o.node_order_id)}`;
                  return (
                    <tr key={o.order_id} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50/70" data-testid={`review-pick-${o.order_id}`} data-status={o.status}>
                      <td className={cx(TD, "text-slate-600")} title={formatDateTimeNs(o.created_at_ns)}>
                        {formatTimeNs(o.created_at_ns).replace(" UTC", "")}
                      </td>
                      <td className={TD}>
                        <Link href={href} className="font-mono font-medium text-sky-700 hover:underline" title={o.node_order_id}>
                          {shortId(o.order_id)}
                        </Link>
                        {o.node_id && <span className="ml-1 text-[10px] text-slate-400">node {o.node_id}</span>}
                      </td>
                      <td className={cx(TD, "font-medium text-slate-800")}>{o.symbol}</td>
                      <td className={cx(TD, "font-semibold uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</td>
                      <td className={cx(TD, "text-right text-slate-800")}>
                        {formatQty(o.qty)} <span className="text-slate-400">{baseAsset(o.symbol)}</span>
                      </td>
                      <td className={cx(TD, "text-right text-slate-700")}>{formatPct(orderFilledPct(o))}</td>
                      <td className={cx(TD, "text-right text-slate-800")}>{formatPrice(o.avg_price)}</td>
                      <td className={TD}>
                        <OrderStatusBadge status={o.status} title={o.reason_message ?? undefined} />
                        {isWorking(o.status) && <span className="ml-1 text-[10px] text-slate-400">partial review</span>}
                      </td>
                      <td className={TD}>{o.router_version ? <Badge>{o.router_version}</Badge> : <span className="text-slate-300">—</span>}</td>
                      <td className={TD}>
                        <Link href={href} className="font-medium text-sky-700 hover:underline" data-testid="review-link">
                          Review →
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {orders.data && (
          <div className="flex items-center justify-between gap-3 border-t border-slate-100 px-3 py-2 text-xs text-slate-500">
            <span>
              {rows.length} order{rows.length === 1 ? "" : "s"} shown
            </span>
            {orders.hasNextPage ? (
              <button
                type="button"
                onClick={() => void orders.fetchNextPage()}
                disabled={orders.isFetchingNextPage}
                className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-50"
              >
                {orders.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : (
              rows.length > 0 && <span>end of list</span>
            )}
          </div>
        )}
      </Panel>
    </div>
  );
}
