/**
 * No order works forever: after the settle period every order is final except a resting
 * limit, one a client paused, and a graph node whose trigger has not happened (its
 * trigger is checked against the source node's own log, so a node left waiting after its
 * trigger fired is caught).
 */
import type { FaultLedger } from "./fault-ledger";
import type { LogFacts } from "./derive-log-facts";
import type { DbOrder, StoreSnapshot } from "./store-snapshot";
import type { ViolationSink } from "./violations";

/** Slack on on_timeout edges: the runner checks them on its 100 ms tick. */
const TIMEOUT_SLACK_MS = 1_000;

interface GraphEdge {
  from: string;
  to: string;
  trigger: string;
  timeout_ms?: number;
}

export function auditLiveness(ledger: FaultLedger, snap: StoreSnapshot, facts: ReadonlyMap<string, LogFacts>, nowMs: number, out: ViolationSink): void {
  const pausedRoots = ledger.pausedIds;
  for (const order of snap.orders.values()) {
    const f = facts.get(order.id);
    if (!f || f.terminal) continue;
    const rootId = order.parentId ?? order.id;
    if (isRestingLimit(order) || f.clientPaused || pausedRoots.has(rootId)) continue;
    if (f.startedAtMs === undefined && order.parentId !== null) {
      const trigger = firedTrigger(order, snap, facts, nowMs);
      if (trigger) out.add("stuck", order.id, `graph node still ${order.status}: its ${trigger} trigger fired but it never started`);
      continue;
    }
    out.add("stuck", order.id, `still ${order.status} after the settle period (created ${nowMs - order.createdAtMs} ms ago)`);
  }
}

/** A simple order with a limit price: it may rest on the book for as long as the market stays away. */
function isRestingLimit(order: DbOrder): boolean {
  return order.limitPrice !== null && order.graphId === null && order.parentId === null;
}

function nodeIdOf(order: DbOrder): string | undefined {
  const req = order.request as { node_id?: unknown; nodes?: { node_id?: unknown }[] } | null;
  const id = order.parentId === null ? req?.nodes?.[0]?.node_id : req?.node_id;
  return typeof id === "string" ? id : undefined;
}

/** The edge into this node whose condition the source's log shows as met, if any. */
function firedTrigger(node: DbOrder, snap: StoreSnapshot, facts: ReadonlyMap<string, LogFacts>, nowMs: number): string | undefined {
  const root = node.parentId ? snap.orders.get(node.parentId) : undefined;
  const edges = ((root?.request as { edges?: GraphEdge[] } | null)?.edges ?? []) as GraphEdge[];
  const members = [...snap.orders.values()].filter((o) => o.id === root?.id || o.parentId === root?.id);
  const byNodeId = new Map(members.map((o) => [nodeIdOf(o), o]));
  const me = nodeIdOf(node);
  for (const e of edges) {
    if (e.to !== me) continue;
    const src = byNodeId.get(e.from);
    const sf = src ? facts.get(src.id) : undefined;
    if (!sf || sf.startedAtMs === undefined) continue;
    const end = sf.terminal?.atMs ?? nowMs;
    // The runner's on_timeout clock stands still while the source is paused (sandbox-runner.ts).
    const paused = sf.pausedMs + (sf.pausedSinceMs !== undefined ? Math.max(0, end - sf.pausedSinceMs) : 0);
    const met =
      e.trigger === "on_accepted" ||
      ((e.trigger === "on_fill" || e.trigger === "on_first_fill") && sf.fills.length > 0) ||
      (e.trigger === "on_full_fill" && sf.terminal?.kind === "completed") ||
      (e.trigger === "on_cancel" && sf.terminal?.kind === "cancelled") ||
      (e.trigger === "on_done" && sf.terminal !== undefined) ||
      (e.trigger === "on_timeout" && e.timeout_ms !== undefined && end - sf.startedAtMs - paused >= e.timeout_ms + TIMEOUT_SLACK_MS);
    if (met) return e.trigger;
  }
  return undefined;
}
