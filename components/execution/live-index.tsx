"use client";

import Link from "next/link";
import type { OrderView } from "@/lib/contracts/orders";
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

function newestFirst(orders: readonly OrderView[]): OrderView[] {
  return [...orders].sort((a, b) => {
    const x = BigInt(a.created_at_ns);
    const y = BigInt(b.created_at_ns);
    return x === y ? 0 : x > y ? -1 : 1;
  });
}

/**
 * The Live page without an order: the desk's working orders to pick from (refreshed every
 * 2 s), the most recently finished ones, and a box to open any node order id.
 */
export function LiveIndex() {
  const running = useOrders({ status: "RUNNING", limit: 100 });
  const accepted = useOrders({ status: "ACCEPTED", limit: 100 });
  const paused = useOrders({ status: "PAUSED", limit: 100 });
  const recent = useOrders({ limit: 30 });

  const queries = [running, accepted, paused];
  const loaded = queries.every((q) => q.data !== undefined);
  const working = newestFirst(mergeOrderPages(queries.flatMap((q) => q.data?.pages ?? [])));
  const finished = mergeOrderPages(recent.data?.pages ?? [])
    .filter((o) => !isWorking(o.status))
    .slice(0, 15);
  const firstError = queries.find((q) => q.error)?.error ?? null;
  const error = useStickyError(firstError, loaded);

  return (
    <div className="space-y-3" data-testid="live-index">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-slate-900">Live</h1>
          <span className="text-xs text-slate-500">pick a working order to follow its fills, schedule and venue health as they stream in</span>
        </div>
        <OpenByIdForm basePath="/live" label="Node order id" placeholder="paste an id" testId="live-open-by-id" />
      </div>

      {error && <ErrorState error={error} title="Could not load working orders" onRetry={() => queries.forEach((q) => void q.refetch())} compact={loaded} scope="live-index" />}

      <Panel title="Working orders" subtitle="accepted, running or paused · refreshes every 2 s" testId="live-working">
        {!loaded ? (
          error ? null : <SkeletonRows rows={3} cols={8} label="Loading working orders" />
        ) : working.length === 0 ? (
          <EmptyState title="No working orders">
            Place one from the{" "}
            <Link href="/orders" className="font-medium text-sky-700 hover:underline">
              order ticket
            </Link>
            ; recently finished orders are below.
          </EmptyState>
        ) : (
          <OrderPickTable orders={working} testId="live-working-table" />
        )}
      </Panel>

      <Panel title="Recently finished" subtitle="their final state stays viewable" testId="live-recent">
        {!recent.data ? (
          recent.error ? (
            <div className="p-3">
              <ErrorState error={recent.error} title="Could not load recent orders" compact scope="live-recent" />
            </div>
          ) : (
            <SkeletonRows rows={3} cols={8} label="Loading recent orders" />
          )
        ) : finished.length === 0 ? (
          <EmptyState title="No finished orders yet" />
        ) : (
          <OrderPickTable orders={finished} testId="live-recent-table" />
        )}
      </Panel>
    </div>
  );
}

function OrderPickTable({ orders, testId }: { orders: readonly OrderView[]; testId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="num w-full border-collapse text-xs" data-testid={testId}>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th className={cx(TH, "text-left")}>Started (UTC)</th>
            <th className={cx(TH, "text-left")}>Node order</th>
            <th className={cx(TH, "text-left")}>Symbol</th>
            <th className={cx(TH, "text-left")}>Side</th>
            <th className={cx(TH, "text-right")}>Qty</th>
            <th className={cx(TH, "text-right")}>Filled</th>
            <th className={cx(TH, "text-right")}>Avg price</th>
            <th className={cx(TH, "text-left")}>Status</th>
            <th className={cx(TH, "text-left")}>Router</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.order_id} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50/70" data-testid={`live-pick-${o.node_order_id}`} data-status={o.status}>
              <td className={cx(TD, "text-slate-600")} title={formatDateTimeNs(o.created_at_ns)}>
                {formatTimeNs(o.created_at_ns).replace(" UTC", "")}
              </td>
              <td className={TD}>
                <Link href={`/live/${encodeURIComponent(o.node_order_id)}`} className="font-mono font-medium text-sky-700 hover:underline" title={o.node_order_id}>
                  {shortId(o.node_order_id)}
                </Link>
              </td>
              <td className={cx(TD, "font-medium text-slate-800")}>
                {o.symbol}
                {o.node_id && <span className="ml-1 text-[10px] font-normal text-slate-400">node {o.node_id}</span>}
              </td>
              <td className={cx(TD, "font-semibold uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</td>
              <td className={cx(TD, "text-right text-slate-800")}>
                {formatQty(o.qty)} <span className="text-slate-400">{baseAsset(o.symbol)}</span>
              </td>
              <td className={cx(TD, "text-right text-slate-700")}>{formatPct(orderFilledPct(o))}</td>
              <td className={cx(TD, "text-right text-slate-800")}>{formatPrice(o.avg_price)}</td>
              <td className={TD}>
                <OrderStatusBadge status={o.status} title={o.reason_message ?? undefined} />
              </td>
              <td className={TD}>{o.router_version ? <Badge>{o.router_version}</Badge> : <span className="text-slate-300">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
