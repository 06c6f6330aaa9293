/**
 * A plain greedy sweep — best fee-inclusive prices first across all books, entry-tier
 * taker fees — used ONLY as
 * the planner for tests and the benchmark. Production injects the cost engine's
 * multi-venue sweep (fee- and latency-aware, min-size enforcing) as PlanLegs.
 */
import type { BookView, Level, VenueId } from "@/server/market-data/types";
import { feesFor } from "@/server/market-data/venues";
import type { Leg, PlanLegs } from "./types";

export const greedyPlanLegs: PlanLegs = (books, side, qty) => {
  const levels: { venue: VenueId; level: Level; landed: number }[] = [];
  const sign = side === "buy" ? 1 : -1;
  for (const b of books as readonly BookView[]) {
    const fee = feesFor(b.venue).takerBps / 1e4;
    for (const level of side === "buy" ? b.asks : b.bids) levels.push({ venue: b.venue, level, landed: level.price * (1 + sign * fee) });
  }
  levels.sort((a, b) => sign * (a.landed - b.landed));
  const byVenue = new Map<VenueId, number>();
  let left = qty;
  for (const { venue, level } of levels) {
    if (left <= 0) break;
    const take = Math.min(left, level.qty);
    byVenue.set(venue, (byVenue.get(venue) ?? 0) + take);
    left -= take;
  }
  const legs: Leg[] = [];
  for (const [venue, q] of byVenue) legs.push({ venue, qty: q });
  return legs;
};
