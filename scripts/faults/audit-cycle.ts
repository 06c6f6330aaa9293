/**
 * One cycle's audit: the ledger (what the client was told), the store read with plain SQL,
 * and the API's order views. Returns every violation found, one per class and subject.
 */
import { auditAccounting } from "./audit-accounting";
import { auditAcks, type ApiOrderView } from "./audit-acks";
import { auditCancels, auditKillSwitch } from "./audit-controls";
import { auditLiveness } from "./audit-liveness";
import { deriveLogFacts, type LogFacts } from "./derive-log-facts";
import type { FaultLedger } from "./fault-ledger";
import type { StoreSnapshot } from "./store-snapshot";
import { createViolationSink, type Violation } from "./violations";

/** Children already at a venue when a cancel lands may still fill within their ack latency. */
export const DEFAULT_GRACE_MS = 1_500;

export interface AuditInput {
  ledger: FaultLedger;
  snapshot: StoreSnapshot;
  api: ReadonlyMap<string, ApiOrderView>;
  nowMs: number;
  graceMs?: number;
}

export function auditCycle(input: AuditInput): Violation[] {
  const out = createViolationSink();
  const facts = new Map<string, LogFacts>();
  for (const id of input.snapshot.orders.keys()) facts.set(id, deriveLogFacts(input.snapshot.events.get(id) ?? []));
  const grace = input.graceMs ?? DEFAULT_GRACE_MS;
  auditAcks(input.ledger, input.snapshot, input.api, out);
  auditAccounting(input.snapshot, facts, input.api, out);
  auditCancels(input.ledger, facts, grace, out);
  auditKillSwitch(input.ledger, input.snapshot, facts, grace, out);
  auditLiveness(input.ledger, input.snapshot, facts, input.nowMs, out);
  return out.list();
}
