"use client";

import Link from "next/link";
import { formatQty } from "@/lib/format";
import type { OrderResponse } from "@/lib/queries/orders";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { baseAsset } from "./order-form-state";
import { liveTargetOf, pacingSummary, type TicketOrder } from "./order-ticket-state";
import { OrderStatusBadge } from "./orders-status";

/** What happened to the order just sent, with links to watch it and to its routing decisions. */
export function TicketResult({ response, order }: { response: OrderResponse; order: TicketOrder | null }) {
  const o = response.order;
  const target = liveTargetOf(response);
  const refused = o.status === "REJECTED" || o.status === "FAILED";
  return (
    <div
      className={cx("border-t border-slate-100 p-3 text-sm", refused ? "bg-rose-50/60" : "bg-emerald-50/50")}
      data-testid="ticket-result"
      data-order-id={o.order_id}
      data-node-order-id={target}
      data-status={o.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={cx("text-xs font-semibold uppercase tracking-wide", refused ? "text-rose-800" : "text-emerald-800")}>
          {refused ? `Order ${o.status.toLowerCase()}${o.reject_reason ? `: ${o.reject_reason.replace(/_/g, " ").toLowerCase()}` : ""}` : "Order accepted"}
        </span>
        <OrderStatusBadge status={o.status} title={o.reason_message ?? undefined} />
        {o.sandbox && <Badge tone="amber">sandbox</Badge>}
      </div>
      <p className="num mt-1 text-xs text-slate-600">
        <span className={cx("font-semibold uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</span> {formatQty(o.qty)} {baseAsset(o.symbol)}
        {order?.pacing ? ` · ${pacingSummary(order.pacing)}` : ""} · order <code className="font-mono text-slate-800">{o.order_id}</code>
        {response.nodes.length > 0 && ` · ${response.nodes.length} node order${response.nodes.length === 1 ? "" : "s"}`}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Link
          href={`/live/${encodeURIComponent(target)}`}
          data-testid="ticket-live-link"
          className="inline-flex items-center rounded-md bg-slate-900 px-3 py-1 text-xs font-semibold text-white hover:bg-slate-800"
        >
          Watch live →
        </Link>
        <Link
          href={`/decisions?node_order_id=${encodeURIComponent(target)}`}
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          Routing decisions
        </Link>
      </div>
    </div>
  );
}
