/**
 * The router version's penalty terms per venue, as a decision recorded them (each
 * candidate's `<term>_bps` score part): the per-venue extra bps a sweep needs to plan the
 * same legs as that decision. The forecast plans with these (plan-forecast-penalties.ts),
 * so its venue mix is the router's plan at the pinned version, v2/v3 terms included.
 */
import type { VenueId } from "@/server/market-data/types";
import { PENALTY_TERMS } from "./router-versions";
import type { RoutingDecision } from "./routing-decision";

export type PenaltyBpsByVenue = Partial<Record<VenueId, Record<string, number>>>;

export function penaltyBpsByVenue(decision: Pick<RoutingDecision, "candidates">): PenaltyBpsByVenue {
  const out: PenaltyBpsByVenue = {};
  for (const c of decision.candidates) {
    const extra: Record<string, number> = {};
    for (const term of PENALTY_TERMS) {
      const bps = c.scoreParts[`${term}_bps`];
      if (typeof bps === "number" && Number.isFinite(bps)) extra[term] = bps;
    }
    if (Object.keys(extra).length > 0) out[c.venue] = extra;
  }
  return out;
}
