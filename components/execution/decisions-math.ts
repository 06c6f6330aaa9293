/**
 * Pure helpers for the Decisions page: ordering, the score-part columns a decision's
 * candidates carry, per-venue totals and the legs summary. Unit-tested in decisions-math.test.ts.
 */
import type { VenueId } from "@/lib/contracts/common";
import type { RoutingDecision } from "@/lib/queries/live";
import { formatQty } from "@/lib/format";

type Candidate = RoutingDecision["candidates"][number];
type Leg = RoutingDecision["legs"][number];

/** Score-part names that already are the total; shown in the Total column, never as a part. */
const TOTAL_NAMES = new Set(["total", "total_bps", "score", "score_bps", "landed", "landed_bps", "landed_cost_bps"]);

export function isTotalPart(name: string): boolean {
  return TOTAL_NAMES.has(name.toLowerCase());
}

/**
 * The score-part columns to show for a set of candidates: every part name any candidate
 * has (not only the first one's), in order of first appearance, totals left out.
 */
export function scorePartColumns(candidates: readonly Pick<Candidate, "score_parts">[]): string[] {
  const seen = new Set<string>();
  const columns: string[] = [];
  for (const c of candidates) {
    for (const name of Object.keys(c.score_parts)) {
      if (seen.has(name) || isTotalPart(name)) continue;
      seen.add(name);
      columns.push(name);
    }
  }
  return columns;
}

/** "book_cost_bps" → "book cost"; "adverseSelection" → "adverse selection". */
export function scorePartLabel(name: string): string {
  return name
    .replace(/_bps$/i, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase()
    .trim();
}

/** A candidate's total score in bps: its own total part if it has one, else the sum of its parts; null with no parts. */
export function candidateTotal(candidate: Pick<Candidate, "score_parts">): number | null {
  const entries = Object.entries(candidate.score_parts);
  const own = entries.find(([name]) => isTotalPart(name));
  if (own) return own[1];
  if (entries.length === 0) return null;
  return entries.reduce((sum, [, v]) => sum + v, 0);
}

export interface CandidateRow {
  venue: VenueId;
  status: string;
  touchPrice: number | null;
  depthQty: number;
  /** Value per column; null where this candidate has no such part. */
  parts: (number | null)[];
  total: number | null;
  /** Quantity sent to this venue (0 = not chosen). */
  legQty: number;
}

/** One row per candidate (cheapest total first, candidates without a score last), with its parts in `columns` order. */
export function candidateRows(decision: Pick<RoutingDecision, "candidates" | "legs">, columns: readonly string[]): CandidateRow[] {
  const legQty = new Map<VenueId, number>();
  for (const l of decision.legs) legQty.set(l.venue, (legQty.get(l.venue) ?? 0) + l.qty);
  return decision.candidates
    .map((c) => ({
      venue: c.venue,
      status: c.status,
      touchPrice: c.touch_price,
      depthQty: c.depth_qty,
      parts: columns.map((name) => c.score_parts[name] ?? null),
      total: candidateTotal(c),
      legQty: legQty.get(c.venue) ?? 0,
    }))
    .sort((a, b) => (a.total ?? Infinity) - (b.total ?? Infinity) || a.venue.localeCompare(b.venue));
}

function nsOf(at: string): bigint {
  try {
    return BigInt(at);
  } catch {
    return 0n;
  }
}

/** Newest first (by `at_ns`, exact); ties keep the API's order. */
export function newestFirst<T extends { at_ns: string }>(decisions: readonly T[]): T[] {
  return decisions
    .map((d, i) => ({ d, i, t: nsOf(d.at_ns) }))
    .sort((a, b) => (a.t === b.t ? a.i - b.i : a.t > b.t ? -1 : 1))
    .map((x) => x.d);
}

/** "binance 0.600 · okx 0.400" (largest leg first), or "no legs". */
export function legsSummary(legs: readonly Pick<Leg, "venue" | "qty">[], max = 3): string {
  if (legs.length === 0) return "no legs";
  const sorted = [...legs].sort((a, b) => b.qty - a.qty);
  const shown = sorted.slice(0, max).map((l) => `${l.venue} ${formatQty(l.qty)}`);
  const more = sorted.length - max;
  return more > 0 ? `${shown.join(" · ")} · +${more} more` : shown.join(" · ");
}

/** Allowed values of the last_n selector. */
export const LAST_N_OPTIONS = [20, 100, 1000] as const;
export type LastN = (typeof LAST_N_OPTIONS)[number];

export function parseLastN(raw: string | null): LastN {
  const n = Number(raw);
  return (LAST_N_OPTIONS as readonly number[]).includes(n) ? (n as LastN) : 20;
}
