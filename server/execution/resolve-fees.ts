/**
 * Maker/taker rates for a venue under a desk's fee-tier selection (one tier name for every
 * venue, or one per venue; absent = the venue's entry tier, as feesFor defines).
 */
import type { VenueId } from "@/server/market-data/types";
import { feesFor } from "@/server/market-data/venues";

export type FeeTierSelection = string | Partial<Record<VenueId, string>>;

export interface VenueFeeRates {
  makerBps: number;
  takerBps: number;
}

export function resolveFees(venue: VenueId, tier?: FeeTierSelection): VenueFeeRates {
  const f = feesFor(venue, typeof tier === "string" ? tier : tier?.[venue]);
  return { makerBps: f.makerBps, takerBps: f.takerBps };
}
