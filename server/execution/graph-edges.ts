/**
 * The edges of order graphs the runner works: which node starts which, on what trigger.
 * Pure bookkeeping over node order ids; the runner decides what starting or cancelling a
 * node means.
 */
import type { ParentOrder } from "./parent-order";

export type EdgeTrigger = "on_accepted" | "on_first_fill" | "on_fill" | "on_full_fill" | "on_timeout" | "on_cancel" | "on_done";

export interface GraphEdge {
  to: string;
  trigger: EdgeTrigger;
  timeoutMs: number | undefined;
}

type ParentOf = (orderId: string) => ParentOrder | undefined;

export class GraphEdges {
  private readonly out = new Map<string, GraphEdge[]>();

  set(from: string, edges: readonly GraphEdge[]): void {
    if (edges.length) this.out.set(from, [...edges]);
  }

  delete(from: string): void {
    this.out.delete(from);
  }

  /** Waiting nodes `from`'s edges with this trigger lead to. */
  fired(from: string, trigger: EdgeTrigger, parentOf: ParentOf): string[] {
    return (this.out.get(from) ?? []).filter((e) => e.trigger === trigger && isWaiting(parentOf(e.to))).map((e) => e.to);
  }

  /** Waiting nodes whose source's on_timeout has run out (a paused source's clock stands still). */
  timedOut(nowMs: number, parentOf: ParentOf): string[] {
    const due: string[] = [];
    for (const [from, edges] of this.out) {
      const p = parentOf(from);
      if (!p || p.final || p.startedAtMs === undefined || p.pausedAtMs !== undefined) continue;
      for (const e of edges) {
        if (e.trigger === "on_timeout" && e.timeoutMs !== undefined && nowMs - p.startedAtMs >= e.timeoutMs && isWaiting(parentOf(e.to))) due.push(e.to);
      }
    }
    return due;
  }

  /** Waiting nodes `from` leads to whose every source has ended (or is gone): nothing can start them. */
  orphaned(from: string, parentOf: ParentOf): string[] {
    return (this.out.get(from) ?? [])
      .filter((edge) => isWaiting(parentOf(edge.to)))
      .filter((edge) => {
        for (const [source, edges] of this.out) {
          if (!edges.some((e) => e.to === edge.to)) continue;
          const p = parentOf(source);
          if (p && !p.final) return false;
        }
        return true;
      })
      .map((edge) => edge.to);
  }
}

function isWaiting(p: ParentOrder | undefined): boolean {
  return p !== undefined && p.waiting && !p.final;
}
