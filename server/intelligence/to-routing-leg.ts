import type { z } from "zod";
import type { RoutingLegSchema } from "@/lib/contracts/pretrade";
import type { SweepLeg } from "@/server/cost/allocate-sweep";

/** A sweep leg in the API's shape, score parts in bps under stable names. */
export function toRoutingLeg(leg: SweepLeg): z.input<typeof RoutingLegSchema> {
  const p = leg.scoreParts;
  return {
    venue: leg.venue,
    qty: leg.qty,
    fraction: leg.fraction,
    avg_price: leg.avgPrice,
    est_cost_bps: leg.scoreBps,
    score_parts: {
      book_bps: p.priceBps,
      fee_bps: p.feeBps,
      latency_bps: p.latencyBps,
      staleness_bps: p.stalenessBps,
      ...Object.fromEntries(Object.entries(p.extraBps).map(([k, v]) => [`${k}_bps`, v])),
      total_bps: p.totalBps,
    },
  };
}
