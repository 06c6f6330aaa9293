/**
 * Per-order accounting from the raw log and fills table: fills unique and matching the
 * log per order and per child, no child or order over-filled, child ids unique, and
 * COMPLETED exactly when the fills add up to the ordered quantity (1e-8 dust allowed).
 */
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
    if (f.terminal?.kind === "completed" && !full) {
      out.add("short_completed", id, `COMPLETED with ${e8ToText(filled)} of ${e8ToText(order.qtyE8)} filled`);
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
