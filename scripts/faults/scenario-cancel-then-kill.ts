/**
 * Regression repro (b): a working order is cancelled (200) and the server is killed -9 at
 * once. After the restart the order must be CANCELLED (the old core resumes it and it
 * stays RUNNING). The order is a chase on a tick-bound book (DOGE), so it nearly always
 * has a resting child and the cancel must wait for the venue; an attempt whose cancel
 * answered CANCELLED already (no child was out) proves nothing and is tried again.
 */
import { orderIdsOf } from "./api-client";
import { auditCycle } from "./audit-cycle";
import type { CycleStore } from "./cycle-store";
import { deriveLogFacts } from "./derive-log-facts";
import { countStatus, createLedger } from "./fault-ledger";
import { fetchApiViews } from "./fetch-api-views";
import { openScenarioApp } from "./scenario-app";
import type { ScenarioResult } from "./scenario-result";
import { dedupeViolations } from "./violations";
import { waitFinal } from "./wait-final";

const ATTEMPTS = 5;

export async function runCancelThenKill(store: CycleStore, port: number): Promise<ScenarioResult> {
  const ledger = createLedger();
  const app = await openScenarioApp(store, port);
  const notes: string[] = [];
  try {
    let orderId: string | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS && !orderId; attempt++) {
      const body = {
        graph_id: `repro-cancel-${Date.now()}-${attempt}`,
        nodes: [{ node_id: "chase", instrument: "DOGE-USD", side: "buy", quantity: 200_000, execution: { policy: "aggressive_chase", urgency: "low" } }],
        edges: [],
      };
      const ans = await app.api.call("POST", "/v1/orders", app.keys.trader, body);
      countStatus(ledger, "POST /v1/orders", ans.status);
      const ids = orderIdsOf(ans.body);
      if (ans.status !== 201 || !ids) throw new Error(`chase submit answered ${ans.status}: ${JSON.stringify(ans.body)}`);
      ledger.orders.push({ orderId: ids.orderId, nodeIds: [ids.orderId], kind: "chase", body, idemKey: body.graph_id, sentAtMs: ans.sentAtMs, ackedAtMs: ans.answeredAtMs });
      await new Promise((r) => setTimeout(r, 1_000));
      const cancel = await app.api.call("POST", `/v1/orders/${ids.orderId}/cancel`, app.keys.trader);
      countStatus(ledger, "POST /cancel", cancel.status);
      if (cancel.status === 409) {
        notes.push(`attempt ${attempt}: the order finished before the cancel (409)`);
        continue;
      }
      if (cancel.status !== 200) throw new Error(`cancel answered ${cancel.status}: ${JSON.stringify(cancel.body)}`);
      await app.restart("SIGKILL");
      ledger.cancels.push({ orderId: ids.orderId, targetIds: [ids.orderId], sentAtMs: cancel.sentAtMs, ackedAtMs: cancel.answeredAtMs });
      const answered = (cancel.body as { order?: { status?: string } }).order?.status;
      notes.push(`attempt ${attempt}: cancel answered 200 with the order ${answered}`);
      if (answered !== "CANCELLED") orderId = ids.orderId;
    }
    if (!orderId) {
      const snapshot = await store.snapshot();
      return { name: "cancel-then-kill", store: store.kind, violations: auditCycle({ ledger, snapshot, api: new Map(), nowMs: Date.now() }), notes, skipped: `no attempt in ${ATTEMPTS} had a cancel waiting on the venue` };
    }
    const final = await waitFinal(store, [orderId], 8_000);
    const snap = await store.snapshot();
    const f = deriveLogFacts(snap.events.get(orderId) ?? []);
    const status = f.terminal?.kind.toUpperCase() ?? snap.orders.get(orderId)?.status ?? "?";
    notes.push(`after the restart the order is ${status} (${f.fills.length} fill(s))`);
    const violations = auditCycle({ ledger, snapshot: snap, api: await fetchApiViews(app.api, app.keys.trader, ledger), nowMs: Date.now() });
    if (!final) violations.push({ cls: "stuck", subject: orderId, message: `still ${status} 8 s after the restart` });
    if (status !== "CANCELLED") violations.push({ cls: "ignored_cancels", subject: orderId, message: `expected CANCELLED after the acknowledged cancel, got ${status}` });
    return { name: "cancel-then-kill", store: store.kind, violations: dedupeViolations(violations), notes };
  } finally {
    await app.close();
  }
}
