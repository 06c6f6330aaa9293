/**
 * After the restart: lets working orders run on until nothing is left working (or the
 * settle period ends), then reads the store and the API and audits. Settling polls the
 * audit itself: the cycle is settled when no order is "stuck" any more.
 */
import type { ApiClient } from "./api-client";
import { auditCycle } from "./audit-cycle";
import type { CycleStore } from "./cycle-store";
import type { FaultLedger } from "./fault-ledger";
import { fetchApiViews } from "./fetch-api-views";
import type { Violation } from "./violations";

export interface SettleOptions {
  api: ApiClient;
  key: string;
  ledger: FaultLedger;
  store: CycleStore;
  settleMs: number;
  graceMs?: number;
}

export async function settleAndAudit(o: SettleOptions): Promise<{ violations: Violation[]; settledInMs: number; orders: number }> {
  const t0 = Date.now();
  while (Date.now() - t0 < o.settleMs) {
    const snapshot = await o.store.snapshot();
    const stuck = auditCycle({ ledger: o.ledger, snapshot, api: new Map(), nowMs: Date.now(), ...(o.graceMs ? { graceMs: o.graceMs } : {}) }).filter((v) => v.cls === "stuck");
    if (stuck.length === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const settledInMs = Date.now() - t0;
  // Final events' follow-up writes land a moment after the status; let them.
  await new Promise((r) => setTimeout(r, 300));
  const api = await fetchApiViews(o.api, o.key, o.ledger);
  const snapshot = await o.store.snapshot();
  const violations = auditCycle({ ledger: o.ledger, snapshot, api, nowMs: Date.now(), ...(o.graceMs ? { graceMs: o.graceMs } : {}) });
  return { violations, settledInMs, orders: snapshot.orders.size };
}
