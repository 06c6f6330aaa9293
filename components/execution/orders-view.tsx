"use client";

import { useSession } from "@/lib/queries/session";
import { KillSwitchControl } from "./orders-kill-switch";
import { OrdersBlotter } from "./orders-blotter";
import { OrderTicket } from "./order-ticket";

/**
 * Orders: the ticket (with the forecast and pre-trade checks before sending), the desk
 * kill switch, and the blotter of the desk's orders.
 */
export function OrdersView() {
  const session = useSession();
  // The shell only renders pages once the session is known; viewers may look but not trade.
  const canTrade = session.data ? session.data.role !== "viewer" : false;
  return (
    <div className="space-y-3" data-testid="orders-page">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-slate-900">Orders</h1>
          <span className="text-xs text-slate-500">
            send through the smart order router and follow each order{session.data?.sandbox ? " · sandbox: filled by simulation" : ""}
          </span>
        </div>
        <KillSwitchControl canTrade={canTrade} />
      </div>
      <OrderTicket canTrade={canTrade} />
      <OrdersBlotter canTrade={canTrade} />
    </div>
  );
}
