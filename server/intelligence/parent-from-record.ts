import { e8ToQty, e9ToPrice } from "@/lib/units";
import { expandPacing } from "@/server/execution/expand-pacing";
import type { OrderState } from "@/server/execution/order-states";
import type { ParentOrder, ParentPolicy } from "@/server/execution/parent-order";
import type { Urgency } from "@/server/execution/types";
import type { VenueId } from "@/server/market-data/types";
import type { OrderRecord } from "@/server/store/port";
import { readStoredBody } from "./stored-order-body";

/**
 * The runner's working view of a stored order (new, or recovered after a restart): what
 * its log says so far (filled, notional, fees, children sent, a cancel asked for) is where
 * the runner picks up, so a recovered order continues its log instead of restarting it.
 */
export function parentFromRecord(record: OrderRecord, state: OrderState | undefined, nowMs: number): ParentOrder {
  const body = readStoredBody(record.bodyJson);
  const qty = e8ToQty(record.qtyE8);
  const pacing = body.pacing;
  const startMs = state?.acceptedAtMs ?? record.createdAtMs;
  return {
    orderId: record.id,
    nodeOrderId: record.nodeOrderId,
    deskId: record.deskId,
    symbol: record.symbol,
    side: record.side,
    qty,
    limitPrice: record.limitPriceE9 === null ? undefined : e9ToPrice(record.limitPriceE9),
    venue: (record.venue ?? undefined) as VenueId | undefined,
    excludeVenues: body.excludeVenues,
    policy: (record.policy === "aggressive_chase" ? "aggressive_chase" : "sor") as ParentPolicy,
    urgency: record.urgency as Urgency,
    routerVersion: (record.routerVersion ?? "v1") as ParentOrder["routerVersion"],
    slices: pacing ? expandPacing(qty, pacing.numSlices, pacing.intervalMs, startMs) : undefined,
    waiting: true,
    startedAtMs: undefined,
    arrivalMid: undefined,
    filled: state ? e8ToQty(state.filledE8) : 0,
    // Σ qtyE8 × priceE9 is scaled 1e17.
    notional: state ? Number(state.notionalE17) / 1e17 : 0,
    feesUsd: state ? e9ToPrice(state.feesE9) : 0,
    open: new Map(),
    childSeq: state ? state.children.size : 0,
    nextActionAtMs: nowMs,
    decisions: 0,
    emptyRoutes: 0,
    cancelRequested: state ? state.cancelRequestedAtMs !== null : false,
    final: false,
  };
}
