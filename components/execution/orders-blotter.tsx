"use client";

import Link from "next/link";
import { useState } from "react";
import type { OrderStatus, OrderView } from "@/lib/contracts/orders";
import { useCancelOrder, useOrders, type OrderFilters } from "@/lib/queries/orders";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import { formatDateTimeNs, formatPrice, formatQty, formatTimeNs } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { ORDER_SYMBOLS, baseAsset } from "./order-form-state";
import { formatPct, isWorking, mergeOrderPages, ORDER_STATUSES, orderFilledPct, shortId } from "./orders-math";
import { OrderStatusBadge } from "./orders-status";
import { TH, TD } from "@/components/ui/table-cells";

const SELECT = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-700 shadow-sm focus:border-slate-500 focus:outline-none";
const PAGE_SIZE = 50;

/**
 * The desk's orders, newest first, refreshed every 2 s: fill progress, average price,
 * status and router version, with links to the Live, Decisions and Review pages and a cancel
 * button for working orders. Filters by status and symbol; "Load more" follows next_cursor.
 */
export function OrdersBlotter({ canTrade }: { canTrade: boolean }) {
  const [status, setStatus] = useState<OrderStatus | "">("");
  const [symbol, setSymbol] = useState("");
  const filters: OrderFilters = { status: status || undefined, symbol: symbol || undefined, limit: PAGE_SIZE };
  const scope = `${status}|${symbol}`;
  const orders = useOrders(filters);
  const cancel = useCancelOrder();

  const rows = orders.data ? mergeOrderPages(orders.data.pages) : [];
  const error = useStickyError(orders.error, orders.data !== undefined, scope);
  const filtering = orders.isPlaceholderData;

  return (
    <Panel
      title="Blotter"
      subtitle="desk orders, newest first · refreshes every 2 s"
      testId="blotter"
      actions={
        <div className="flex items-center gap-2 text-xs">
          <label className="flex items-center gap-1 text-slate-500">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | "")} className={SELECT} data-testid="blotter-status-filter">
              <option value="">All</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1 text-slate-500">
            Symbol
            <select value={symbol} onChange={(e) => setSymbol(e.target.value)} className={SELECT} data-testid="blotter-symbol-filter">
              <option value="">All</option>
              {ORDER_SYMBOLS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      {error && (
        <div className="p-3">
          <ErrorState
            error={error}
            title={orders.data ? "The blotter is not updating — showing the last good list" : "Could not load orders"}
            onRetry={() => void orders.refetch()}
            compact
            scope="blotter"
          />
        </div>
      )}
      {cancel.isError && (
        <div className="px-3 pt-3">
          <ErrorState error={cancel.error} title="Could not cancel the order" compact scope="cancel" />
        </div>
      )}
      {!orders.data ? (
        error ? null : <SkeletonRows rows={5} cols={10} label="Loading orders" />
      ) : rows.length === 0 ? (
        <EmptyState title={status || symbol ? "No orders match these filters" : "No orders yet"}>
          {status || symbol ? "Clear the filters to see every order of the desk." : "Orders placed from the ticket above (or the API) appear here."}
        </EmptyState>
      ) : (
        <div className={cx("overflow-x-auto transition-opacity", filtering && "opacity-60")}>
          <table className="num w-full border-collapse text-xs" data-testid="blotter-table">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={cx(TH, "text-left")}>Time (UTC)</th>
                <th className={cx(TH, "text-left")}>Order</th>
                <th className={cx(TH, "text-left")}>Symbol</th>
                <th className={cx(TH, "text-left")}>Side</th>
                <th className={cx(TH, "text-right")}>Qty</th>
                <th className={cx(TH, "text-left")}>Filled</th>
                <th className={cx(TH, "text-right")}>Avg price</th>
                <th className={cx(TH, "text-left")}>Status</th>
                <th className={cx(TH, "text-left")}>Router</th>
                <th className={cx(TH, "text-left")}>Open</th>
                <th className={cx(TH, "text-right")}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <BlotterRow
                  key={o.order_id}
                  order={o}
                  canCancel={canTrade}
                  cancelling={cancel.isPending && cancel.variables.orderId === o.order_id}
                  onCancel={() => cancel.mutate({ orderId: o.order_id })}
                />
              ))}
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
              data-testid="blotter-load-more"
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
  );
}

function BlotterRow({ order: o, canCancel, cancelling, onCancel }: { order: OrderView; canCancel: boolean; cancelling: boolean; onCancel: () => void }) {
  const pct = orderFilledPct(o);
  const working = isWorking(o.status);
  const base = baseAsset(o.symbol);
  return (
    <tr data-testid={`blotter-row-${o.order_id}`} data-status={o.status} data-node-order-id={o.node_order_id} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50/70">
      <td className={cx(TD, "text-slate-600")} title={formatDateTimeNs(o.created_at_ns)}>
        {formatTimeNs(o.created_at_ns).replace(" UTC", "")}
      </td>
      <td className={TD}>
        <code className="font-mono text-[11px] text-slate-700" title={o.order_id}>
          {shortId(o.order_id)}
        </code>
        {(o.node_id || o.parent_id || o.graph_id) && (
          <span className="block text-[10px] text-slate-400" title={[o.graph_id && `graph ${o.graph_id}`, o.parent_id && `parent ${o.parent_id}`].filter(Boolean).join(" · ")}>
            {o.node_id ? `node ${o.node_id}` : o.parent_id ? "child order" : "graph"}
          </span>
        )}
      </td>
      <td className={cx(TD, "font-medium text-slate-800")}>{o.symbol}</td>
      <td className={cx(TD, "font-semibold uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</td>
      <td className={cx(TD, "text-right text-slate-800")}>
        {formatQty(o.qty)} <span className="text-slate-400">{base}</span>
      </td>
      <td className={TD}>
        <div className="flex items-center gap-2" title={`${formatQty(o.filled_qty)} of ${formatQty(o.qty)} ${base}`}>
          <span className="h-1.5 w-16 rounded-full bg-slate-100">
            <span className={cx("block h-1.5 rounded-full", pct >= 99.995 ? "bg-emerald-500" : "bg-sky-500")} style={{ width: `${pct}%` }} />
          </span>
          <span className="w-11 text-right text-slate-700">{formatPct(pct)}</span>
        </div>
      </td>
      <td className={cx(TD, "text-right text-slate-800")}>{formatPrice(o.avg_price)}</td>
      <td className={TD}>
        <OrderStatusBadge status={o.status} title={o.reason_message ?? undefined} />
        {o.reject_reason && (
          <span className={cx("ml-1 text-[10px]", o.status === "CANCELLED" ? "text-slate-500" : "text-rose-700")} title={o.reason_message ?? undefined} data-testid="blotter-reason">
            {o.reject_reason.replace(/_/g, " ")}
          </span>
        )}
      </td>
      <td className={cx(TD, "text-slate-600")}>
        {o.router_version ? <Badge tone="neutral">{o.router_version}</Badge> : <span className="text-slate-300">—</span>}
        {o.venue && <span className="ml-1 text-[10px] text-slate-500">→ {o.venue}</span>}
      </td>
      <td className={TD}>
        <Link href={`/live/${encodeURIComponent(o.node_order_id)}`} className="font-medium text-sky-700 hover:underline" data-testid="blotter-live-link">
          Live
        </Link>
        <span className="mx-1 text-slate-300">·</span>
        <Link href={`/decisions?node_order_id=${encodeURIComponent(o.node_order_id)}`} className="font-medium text-sky-700 hover:underline" data-testid="blotter-decisions-link">
          Decisions
        </Link>
        <span className="mx-1 text-slate-300">·</span>
        <Link href={`/review/${encodeURIComponent(o.node_order_id)}`} className="font-medium text-sky-700 hover:underline" data-testid="blotter-review-link">
          Review
        </Link>
      </td>
      <td className={cx(TD, "text-right")}>
        {working && canCancel && (
          <button
            type="button"
            onClick={onCancel}
            disabled={cancelling}
            data-testid="blotter-cancel"
            className="rounded border border-rose-300 bg-white px-2 py-0.5 text-[11px] font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-50"
          >
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        )}
      </td>
    </tr>
  );
}
