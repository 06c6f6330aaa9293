/**
 * Cancels and the kill switch, held to what the client was told. An acknowledged cancel
 * ends the order (CANCELLED, or done already) with no fill after the answer plus a grace
 * for children already at a venue. An acknowledged engage ends every order of the desk
 * created before the next release, with no fill after the answer plus the same grace;
 * an order accepted while the switch was engaged is a violation by itself.
 */
import type { FaultLedger } from "./fault-ledger";
import type { LogFacts } from "./derive-log-facts";
import type { StoreSnapshot } from "./store-snapshot";
import type { ViolationSink } from "./violations";

export function auditCancels(ledger: FaultLedger, facts: ReadonlyMap<string, LogFacts>, graceMs: number, out: ViolationSink): void {
  for (const c of ledger.cancels) {
    const deadline = c.ackedAtMs + graceMs;
    for (const id of c.targetIds) {
      const f = facts.get(id);
      if (!f) continue; // a lost order is counted as lost
      const late = f.fills.filter((x) => x.atMs > deadline);
      if (!f.terminal) out.add("ignored_cancels", id, `cancel acknowledged at ${c.ackedAtMs} but the order never ended`);
      else if (late.length) out.add("ignored_cancels", id, `${late.length} fill(s) up to ${Math.max(...late.map((x) => x.atMs)) - c.ackedAtMs} ms after the acknowledged cancel; ended ${f.terminal.kind}`);
      else if (f.terminal.kind === "completed" && f.terminal.atMs > deadline) {
        out.add("ignored_cancels", id, `completed ${f.terminal.atMs - c.ackedAtMs} ms after the acknowledged cancel`);
      }
    }
  }
}

export function auditKillSwitch(ledger: FaultLedger, snap: StoreSnapshot, facts: ReadonlyMap<string, LogFacts>, graceMs: number, out: ViolationSink): void {
  const calls = ledger.killSwitch;
  calls.forEach((call, i) => {
    if (call.action !== "engage" || call.status !== 200) return;
    // A release that was sent may have applied even if its answer was lost.
    const release = calls.slice(i + 1).find((c) => c.action === "release");
    const windowEnd = release?.sentAtMs ?? Number.POSITIVE_INFINITY;
    const deadline = call.answeredAtMs + graceMs;
    for (const order of snap.orders.values()) {
      if (order.createdAtMs >= windowEnd) continue;
      const f = facts.get(order.id);
      if (!f) continue;
      if (order.createdAtMs > call.answeredAtMs && order.parentId === null) {
        out.add("ignored_kill_switch", order.id, `accepted at ${order.createdAtMs}, ${order.createdAtMs - call.answeredAtMs} ms after the switch was engaged`);
      }
      const late = f.fills.filter((x) => x.atMs > deadline);
      if (!f.terminal) out.add("ignored_kill_switch", order.id, `still ${order.status} after the kill switch was engaged at ${call.answeredAtMs}`);
      else if (late.length) out.add("ignored_kill_switch", order.id, `${late.length} fill(s) up to ${Math.max(...late.map((x) => x.atMs)) - call.answeredAtMs} ms after the engage`);
    }
  });
}
