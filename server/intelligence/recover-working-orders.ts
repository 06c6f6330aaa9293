/**
 * Restart recovery: every order that was working when the process stopped is rebuilt from
 * its event log, and nothing is sent until all of them are (the runner's ticks start after
 * this returns).
 *
 * - Children that were on the venue died with the process: they are closed in the log.
 * - The order continues where its log ends: filled, fees, the child-id counter.
 * - A cancel that was asked for (and acknowledged) finishes as CANCELLED.
 * - A desk whose kill switch is engaged has its orders cancelled (KILL_SWITCH), not resumed.
 * - A paused order stays paused.
 * - A graph node still waiting for its trigger gets its edges back; a trigger that already
 *   happened (read from the source node's log) starts it now; one whose sources all ended
 *   without firing it is cancelled (GRAPH_TRIGGER_UNMET).
 */
import type { EdgeTrigger, SandboxRunner } from "@/server/execution/sandbox-runner";
import { deriveOrder, isTerminalStatus, type OrderState, type OrderStatus } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import type { Logger } from "@/server/shared/logger";
import type { OrderRecord, Store } from "@/server/store/port";
import { parentFromRecord } from "./parent-from-record";
import type { SandboxJournal } from "./sandbox-journal";
import { readStoredBody } from "./stored-order-body";

interface NodeLog {
  record: OrderRecord;
  state: OrderState;
  status: OrderStatus;
  startedAtMs: number | undefined;
}

export interface RecoveryReport {
  resumed: number;
  cancelled: number;
  started: number;
  failed: number;
}

export async function recoverWorkingOrders(store: Store, runner: SandboxRunner, journal: SandboxJournal, nowMs: number, log: Logger): Promise<RecoveryReport> {
  const report: RecoveryReport = { resumed: 0, cancelled: 0, started: 0, failed: 0 };
  for (const k of await store.listKillSwitches()) runner.setFence(k.deskId, k.engaged, k.version);

  const working = (await store.listWorkingOrders()).filter((r) => r.sandbox);
  const logs = new Map<string, NodeLog>();
  for (const record of working) {
    try {
      logs.set(record.id, await closeDeadChildren(store, record, nowMs));
    } catch (err) {
      log.error(`sandbox: could not read order ${record.id} for recovery`, err);
      report.failed++;
    }
  }
  // Graph siblings that are already final are read too: their logs say which triggers fired.
  const siblings = await loadGraphSiblings(store, working, logs);

  for (const node of logs.values()) {
    const { record, state } = node;
    try {
      journal.track(record.id, state, record.deskId);
      const parent = parentFromRecord(record, state, nowMs);
      parent.waiting = node.status === "ACCEPTED";
      parent.startedAtMs = node.startedAtMs;
      // A paused order stays paused; its schedule moves from now when it is resumed.
      if (node.status === "PAUSED") parent.pausedAtMs = nowMs;
      runner.add(parent, edgesOf(record, siblings));
      if (parent.final || parent.cancelRequested) {
        // Fenced by an engaged kill switch (add cancelled it), or a cancel was acknowledged.
        if (!parent.final) await runner.requestCancel(record.id, nowMs);
        report.cancelled++;
        continue;
      }
      report.resumed++;
      log.info(`sandbox: resumed order ${record.id} (${node.status})`);
    } catch (err) {
      log.error(`sandbox: could not recover order ${record.id}`, err);
      report.failed++;
    }
  }

  // Start what should be running: lone orders and roots that were accepted but not started,
  // and waiting nodes whose trigger already happened before the restart.
  for (const node of logs.values()) {
    const p = runner.get(node.record.id);
    if (!p || p.final || !p.waiting) continue;
    const incoming = incomingEdges(node.record, siblings);
    if (incoming.length === 0 || triggerFired(node.record, siblings)) {
      runner.start(node.record.id, nowMs);
      report.started++;
    } else if (incoming.every(({ from }) => isTerminalStatus(from.status))) {
      // Every source has ended without firing it: nothing can start it any more (the
      // runner does the same when a source ends while it runs).
      await runner.requestCancel(node.record.id, nowMs, "GRAPH_TRIGGER_UNMET");
      report.cancelled++;
    }
  }
  return report;
}

/** Reads the log, closes children that were working when the process died, returns the node's state. */
async function closeDeadChildren(store: Store, record: OrderRecord, nowMs: number): Promise<NodeLog> {
  let events = (await store.listOrderEvents(record.id)).map((e) => e.event);
  const dead = [...deriveOrder(events).state.children.values()].filter((c) => c.status === "working");
  if (dead.length) {
    const closing: OrderEvent[] = dead.map((c) => ({ kind: "child_cancelled", atMs: nowMs, childId: c.childId, qtyE8: c.qtyE8 - c.filledE8 }));
    await store.appendOrderEvents(record.id, closing, events.length);
    events = [...events, ...closing];
  }
  const derived = deriveOrder(events);
  return { record, state: derived.state, status: derived.state.status, startedAtMs: events.find((e) => e.kind === "started")?.atMs };
}

/** Every node of the graphs that have a working node, by order id (working ones from `logs`). */
async function loadGraphSiblings(store: Store, working: readonly OrderRecord[], logs: ReadonlyMap<string, NodeLog>): Promise<Map<string, NodeLog>> {
  const all = new Map(logs);
  const roots = new Set(working.map((r) => r.parentId ?? (r.graphId ? r.id : null)).filter((id): id is string => id !== null));
  for (const rootId of roots) {
    const deskId = working.find((r) => r.id === rootId || r.parentId === rootId)?.deskId;
    if (!deskId) continue;
    const root = await store.getOrder(deskId, rootId);
    const nodes = [...(root ? [root] : []), ...(await store.listOrders(deskId, { parentId: rootId, limit: 500 })).orders];
    for (const n of nodes) {
      if (all.has(n.id)) continue;
      const events = (await store.listOrderEvents(n.id)).map((e) => e.event);
      if (!events.length) continue;
      const derived = deriveOrder(events);
      all.set(n.id, { record: n, state: derived.state, status: derived.state.status, startedAtMs: events.find((e) => e.kind === "started")?.atMs });
    }
  }
  return all;
}

function graphNodes(record: OrderRecord, nodes: ReadonlyMap<string, NodeLog>): NodeLog[] {
  const rootId = record.parentId ?? record.id;
  return [...nodes.values()].filter((n) => n.record.id === rootId || n.record.parentId === rootId);
}

/** The record's outgoing edges, with node ids resolved to order ids. */
function edgesOf(record: OrderRecord, nodes: ReadonlyMap<string, NodeLog>): { to: string; trigger: EdgeTrigger; timeoutMs: number | undefined }[] {
  const body = readStoredBody(record.bodyJson);
  if (!body.edges.length) return [];
  const byNodeId = new Map(graphNodes(record, nodes).map((n) => [readStoredBody(n.record.bodyJson).nodeId, n.record.id]));
  return body.edges.flatMap((e) => {
    const to = byNodeId.get(e.to);
    return to ? [{ to, trigger: e.trigger as EdgeTrigger, timeoutMs: e.timeoutMs ?? undefined }] : [];
  });
}

function incomingEdges(record: OrderRecord, nodes: ReadonlyMap<string, NodeLog>): { from: NodeLog; trigger: string }[] {
  const nodeId = readStoredBody(record.bodyJson).nodeId;
  if (nodeId === null) return [];
  return graphNodes(record, nodes).flatMap((from) =>
    readStoredBody(from.record.bodyJson)
      .edges.filter((e) => e.to === nodeId)
      .map((e) => ({ from, trigger: e.trigger })),
  );
}

/** Whether one of the node's triggers happened, judged from its source nodes' logs. */
function triggerFired(record: OrderRecord, nodes: ReadonlyMap<string, NodeLog>): boolean {
  return incomingEdges(record, nodes).some(({ from, trigger }) => {
    const s = from.state;
    switch (trigger) {
      case "on_accepted":
        return from.startedAtMs !== undefined;
      case "on_first_fill":
      case "on_fill":
        return s.filledE8 > 0n;
      case "on_full_fill":
        return from.status === "COMPLETED";
      case "on_cancel":
        return from.status === "CANCELLED";
      case "on_done":
        return isTerminalStatus(from.status);
      case "on_timeout":
        // A source still working times out in the runner (its started time came back with
        // it, so a timeout that fell in the downtime fires on the first tick).
        return false;
      default:
        return false;
    }
  });
}
