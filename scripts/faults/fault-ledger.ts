/**
 * What the client was told, and when (client wall clock, which the server shares on this
 * machine). The audit holds the store to these acknowledgements: an answer the client
 * never received promises nothing, a 2xx promises everything.
 */
export type FlowKind = "sor" | "direct" | "resting" | "twap" | "graph" | "chase";

export interface AckedOrder {
  orderId: string;
  /** Every node order id of a graph (root first); [orderId] for a simple order. */
  nodeIds: string[];
  kind: FlowKind;
  body: Record<string, unknown>;
  /** client_request_id or graph_id, when the body has one. */
  idemKey: string | undefined;
  sentAtMs: number;
  ackedAtMs: number;
}

export interface AckedCancel {
  orderId: string;
  /** The orders the cancel covers (a graph's cancel covers every node). */
  targetIds: string[];
  sentAtMs: number;
  ackedAtMs: number;
}

export interface KillSwitchCall {
  action: "engage" | "release";
  /** 0 when no answer came. */
  status: number;
  sentAtMs: number;
  answeredAtMs: number;
}

export interface Resubmit {
  idemKey: string;
  /** The order the key was first acknowledged with; undefined when that answer was lost. */
  originalOrderId: string | undefined;
  status: number;
  answeredOrderId: string | undefined;
}

export interface FaultLedger {
  orders: AckedOrder[];
  cancels: AckedCancel[];
  killSwitch: KillSwitchCall[];
  resubmits: Resubmit[];
  /** Client-paused orders whose last acknowledged control was a pause. */
  pausedIds: Set<string>;
  /** Keyed submissions that got no answer: a client retries these after a restart. */
  unanswered: { body: Record<string, unknown>; kind: FlowKind; idemKey: string }[];
  /** "POST /v1/orders → 201" style counts, for the report. */
  statuses: Map<string, number>;
}

export function createLedger(): FaultLedger {
  return { orders: [], cancels: [], killSwitch: [], resubmits: [], pausedIds: new Set(), unanswered: [], statuses: new Map() };
}

export function countStatus(ledger: FaultLedger, label: string, status: number): void {
  const key = `${label} → ${status === 0 ? "no answer" : status}`;
  ledger.statuses.set(key, (ledger.statuses.get(key) ?? 0) + 1);
}
