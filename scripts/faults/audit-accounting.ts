/**
 * Per-order accounting from the raw log and fills table: fills unique and matching the
 * log per order and per child, no child or order over-filled, child ids unique, and
 * COMPLETED exactly when the fills and the dust its completed event states add up to the
 * ordered quantity (1e-8 rounding allowed), and that dust is below the smallest order
 * the venues it filled on accept (the registry's lot and minimums: spec data, not the
 * service's arithmetic), so "dust" cannot hide a remainder a venue would have taken.
 */
import { instrumentFor, isVenueId } from "@/server/market-data/venues";
import type { ApiOrderView } from "./audit-acks";
import { sumE8, type LogFacts } from "./derive-log-facts";
import { e8ToText, type DbFill, type StoreSnapshot } from "./store-snapshot";
import type { ViolationSink } from "./violations";

const DUST_E8 = 1n;
const abs = (x: bigint) => (x < 0n ? -x : x);

export function auditAccounting(snap: StoreSnapshot, facts: ReadonlyMap<string, LogFacts>, api: ReadonlyMap<string, ApiOrderView>, out: ViolationSink): void {
  const tableByOrder = new Map<string, DbFill[]>();
  for (const f of snap.fills) tableByOrder.set(f.orderId, [...(tableByOrder.get(f.orderId) ?? []), f]);
  const fillOwner = new Map<string, string>();

  for (const order of snap.orders.values()) {
    const id = order.id;
    const f = facts.get(id);
    if (!f || f.acceptedQtyE8 === undefined) {
      out.add("inconsistent", id, "order row without an accepted event in its log");
      continue;
    }
    if (f.unreadable.length) out.add("inconsistent", id, `unreadable log payloads: ${f.unreadable.join("; ")}`);
    if (f.acceptedQtyE8 !== order.qtyE8) out.add("inconsistent", id, `row qty ${e8ToText(order.qtyE8)} ≠ accepted qty ${e8ToText(f.acceptedQtyE8)}`);
    if (f.terminalCount > 1) out.add("inconsistent", id, `${f.terminalCount} terminal events in one log`);

    for (const fillId of f.repeatedFillIds) out.add("duplicated", id, `fill ${fillId} appears twice in the log`);
    for (const fill of f.fills) {
      const owner = fillOwner.get(fill.fillId);
      if (owner && owner !== id) out.add("duplicated", id, `fill ${fill.fillId} also in order ${owner}'s log`);
      fillOwner.set(fill.fillId, id);
    }
    for (const [childId, c] of f.children) if (c.sentCount > 1) out.add("duplicated", id, `child id ${childId} sent ${c.sentCount} times in one order`);

    const filled = sumE8(f.fills);
    if (filled > order.qtyE8 + DUST_E8) out.add("overfilled", id, `filled ${e8ToText(filled)} > ordered ${e8ToText(order.qtyE8)}`);
    const perChild = new Map<string, bigint>();
    for (const fill of f.fills) perChild.set(fill.childId, (perChild.get(fill.childId) ?? 0n) + fill.qtyE8);
    for (const [childId, q] of perChild) {
      const child = f.children.get(childId);
      if (!child) out.add("inconsistent", id, `fill for child ${childId} that was never sent`);
      else if (q > child.sentE8) out.add("overfilled", id, `child ${childId} filled ${e8ToText(q)} > sent ${e8ToText(child.sentE8)}`);
    }

    const table = tableByOrder.get(id) ?? [];
    const tableSum = sumE8(table);
    if (tableSum !== filled) out.add("inconsistent", id, `fills table ${e8ToText(tableSum)} ≠ log ${e8ToText(filled)}`);
    const tablePerChild = new Map<string, bigint>();
    for (const t of table) tablePerChild.set(t.childId, (tablePerChild.get(t.childId) ?? 0n) + t.qtyE8);
    for (const childId of new Set([...perChild.keys(), ...tablePerChild.keys()])) {
      if ((perChild.get(childId) ?? 0n) !== (tablePerChild.get(childId) ?? 0n)) out.add("inconsistent", id, `child ${childId}: fills table ≠ log`);
    }

    const full = abs(order.qtyE8 - filled) <= DUST_E8;
    const dust = f.terminal?.kind === "completed" ? (f.terminal.dustE8 ?? 0n) : 0n;
    const bound = dust > DUST_E8 ? smallestVenueMinimumE8(order.request, f.fills) : undefined;
    if (f.terminal?.kind === "completed" && abs(order.qtyE8 - filled - dust) > DUST_E8) {
      out.add("short_completed", id, `COMPLETED with ${e8ToText(filled)} of ${e8ToText(order.qtyE8)} filled (stated dust ${e8ToText(dust)})`);
    } else if (bound !== undefined && dust >= bound) {
      out.add("short_completed", id, `COMPLETED with dust ${e8ToText(dust)}, not below the smallest order its venues accept ${e8ToText(bound)}`);
    } else if (f.terminal && f.terminal.kind !== "completed" && full) {
      out.add("short_completed", id, `filled in full (${e8ToText(filled)}) but ended ${f.terminal.kind.toUpperCase()}`);
    }
    const logStatus = f.terminal?.kind.toUpperCase();
    if (logStatus && order.status !== logStatus) out.add("inconsistent", id, `status column ${order.status} ≠ log ${logStatus}`);

    const view = api.get(id);
    if (view?.status === 200) {
      if (view.filledQty !== undefined && Math.abs(view.filledQty - Number(filled) / 1e8) > 1e-8) {
        out.add("inconsistent", id, `API filled_qty ${view.filledQty} ≠ log ${e8ToText(filled)}`);
      }
      if (logStatus && view.orderStatus !== logStatus) out.add("inconsistent", id, `API status ${view.orderStatus} ≠ log ${logStatus}`);
    }
  }
}

/**
 * The smallest order the venues this order filled on accept (registry lot, minimum
 * quantity, minimum notional at the order's average fill price), with 1 % slack for the
 * price having moved: those venues were open to the order, so dust at or above this is
 * a remainder one of them would have taken. Undefined when the stored request names no
 * symbol (graph and slice rows) or nothing filled.
 */
function smallestVenueMinimumE8(request: unknown, fills: readonly { venue: string; qtyE8: bigint; priceE9: bigint }[]): bigint | undefined {
  const symbol = (request as { symbol?: unknown } | null)?.symbol;
  const qtyE8 = sumE8(fills);
  if (typeof symbol !== "string" || qtyE8 === 0n) return undefined;
  const price = Number(fills.reduce((s, x) => s + x.qtyE8 * x.priceE9, 0n) / qtyE8) / 1e9;
  let smallest = Infinity;
  for (const venue of new Set(fills.map((f) => f.venue))) {
    const spec = isVenueId(venue) ? instrumentFor(venue, symbol) : undefined;
    if (spec) smallest = Math.min(smallest, Math.max(spec.lotSize, spec.minQty, price > 0 ? spec.minNotional / price : 0));
  }
  return Number.isFinite(smallest) ? BigInt(Math.ceil(smallest * 1.01 * 1e8)) : undefined;
}
