/** What a named scenario reports: its violations and what the fault looked like from outside. */
import type { Violation } from "./violations";

export interface ScenarioResult {
  name: string;
  store: "sqlite" | "postgres";
  violations: Violation[];
  /** Observations for the report: status codes per phase, health during the fault, outcomes. */
  notes: string[];
  /** Set when the scenario could not run here (e.g. no PostgreSQL cluster of our own). */
  skipped?: string;
}

/** "POST /v1/orders → 201: 12, … " from a status map. */
export function formatStatuses(statuses: ReadonlyMap<string, number>): string {
  return [...statuses].map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
}

/** The counts added to `after` since `before` was taken. */
export function statusDelta(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  const d = new Map<string, number>();
  for (const [k, v] of after) {
    const n = v - (before.get(k) ?? 0);
    if (n > 0) d.set(k, n);
  }
  return d;
}
