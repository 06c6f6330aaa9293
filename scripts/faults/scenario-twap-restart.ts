/**
 * Regression repro (a): a graph TWAP of 1 BTC in 10 × 1 s slices, kill -9 after 3.5 s,
 * restart. It must end COMPLETED with exactly 1 BTC filled (the old core completes it
 * with what the slices before the kill filled, e.g. 0.4).
 */
import { orderIdsOf } from "./api-client";
import { auditCycle } from "./audit-cycle";
import type { CycleStore } from "./cycle-store";
import { deriveLogFacts, sumE8 } from "./derive-log-facts";
import { countStatus, createLedger } from "./fault-ledger";
import { fetchApiViews } from "./fetch-api-views";
import { openScenarioApp } from "./scenario-app";
import type { ScenarioResult } from "./scenario-result";
import { e8ToText } from "./store-snapshot";
import { dedupeViolations } from "./violations";
import { waitFinal } from "./wait-final";

export async function runTwapRestart(store: CycleStore, port: number): Promise<ScenarioResult> {
  const ledger = createLedger();
  const app = await openScenarioApp(store, port);
  const notes: string[] = [];
  try {
    const body = {
      graph_id: `repro-twap-${Date.now()}`,
      nodes: [{ node_id: "twap", instrument: "BTC-USD", side: "buy", quantity: 1, execution: { policy: "sor", urgency: "medium", pacing: { num_slices: 10, interval_ms: 1000 } } }],
      edges: [],
    };
    const ans = await app.api.call("POST", "/v1/orders", app.keys.trader, body);
    countStatus(ledger, "POST /v1/orders", ans.status);
    const ids = orderIdsOf(ans.body);
    if (ans.status !== 201 || !ids) throw new Error(`TWAP submit answered ${ans.status}: ${JSON.stringify(ans.body)}`);
    ledger.orders.push({ orderId: ids.orderId, nodeIds: [ids.orderId], kind: "twap", body, idemKey: body.graph_id, sentAtMs: ans.sentAtMs, ackedAtMs: ans.answeredAtMs });
    await new Promise((r) => setTimeout(r, 3_500 - (Date.now() - ans.answeredAtMs)));
    const before = sumE8(deriveLogFacts((await store.snapshot()).events.get(ids.orderId) ?? []).fills);
    await app.restart("SIGKILL");
    const final = await waitFinal(store, [ids.orderId], 20_000);
    const snap = await store.snapshot();
    const f = deriveLogFacts(snap.events.get(ids.orderId) ?? []);
    const filled = sumE8(f.fills);
    notes.push(`filled ${e8ToText(before)} BTC before the kill; ended ${f.terminal?.kind.toUpperCase() ?? snap.orders.get(ids.orderId)?.status ?? "?"} with ${e8ToText(filled)} BTC`);
    const violations = auditCycle({ ledger, snapshot: snap, api: await fetchApiViews(app.api, app.keys.trader, ledger), nowMs: Date.now() });
    if (!final) violations.push({ cls: "stuck", subject: ids.orderId, message: "TWAP not final 20 s after the restart" });
    else if (f.terminal?.kind !== "completed" || filled !== 100_000_000n) {
      violations.push({ cls: "short_completed", subject: ids.orderId, message: `expected COMPLETED with exactly 1 BTC, got ${f.terminal?.kind.toUpperCase()} with ${e8ToText(filled)}` });
    }
    return { name: "twap-restart", store: store.kind, violations: dedupeViolations(violations), notes };
  } finally {
    await app.close();
  }
}

