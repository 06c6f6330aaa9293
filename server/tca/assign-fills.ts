/**
 * Which routing decision each fill belongs to: the fill's own decisionId (from the
 * child_sent event) when it has one, else the latest decision at or before the fill that
 * sent a leg to the fill's venue. Fills that match no decision are returned apart.
 */
import type { RoutingDecision } from "@/server/router/routing-decision";
import type { TcaFill } from "./types";

export interface AssignedFills {
  byDecision: Map<string, TcaFill[]>;
  unassigned: TcaFill[];
}

export function assignFillsToDecisions(decisions: readonly RoutingDecision[], fills: readonly TcaFill[]): AssignedFills {
  const byDecision = new Map<string, TcaFill[]>(decisions.map((d) => [d.id, []]));
  const byTime = [...decisions].sort((a, b) => a.atMs - b.atMs || a.sequence - b.sequence);
  const unassigned: TcaFill[] = [];
  for (const f of fills) {
    let target = f.decisionId ? byDecision.get(f.decisionId) : undefined;
    if (target === undefined) {
      let match: RoutingDecision | undefined;
      for (const d of byTime) {
        if (d.atMs > f.atMs) break;
        if (d.legs.some((l) => l.venue === f.venue)) match = d;
      }
      target = match ? byDecision.get(match.id) : undefined;
    }
    if (target) target.push(f);
    else unassigned.push(f);
  }
  return { byDecision, unassigned };
}
