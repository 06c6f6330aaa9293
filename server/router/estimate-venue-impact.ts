/**
 * Venue impact (router V3): the temporary impact our own leg leaves on the venue it hits,
 * beyond the visible book walk (which the book cost already charges), per unit routed there.
 *
 *   impact_bps = κ × q / D_N
 *
 * q = the leg's quantity, D_N = the venue's visible depth on the taken side within N bps of
 * its touch. Model: Cont, Kukanov & Stoikov (2014), "The price impact of order book events",
 * J. Financial Econometrics 12(1) — price changes are linear in order-flow imbalance with a
 * slope inversely proportional to market depth, so impact ∝ q / depth. κ = N / 2 by default:
 * a leg that empties the depth within N bps moves that venue's quote by about N bps, and half
 * of it is charged (the temporary impact decays while the book refills; the average of a
 * linear decay is a half). JUDGEMENT on the constants (N = 10 bps, κ = 5 bps): not fitted.
 *
 * Because the charge depends on the leg, and the cost engine's sweep takes per-venue
 * constants (extraBps), the router prices it in a second pass: sweep once without it, charge
 * each venue the impact of its planned leg, sweep again (one step of the fixed-point
 * iteration; route-order.ts). Venues the first pass did not use are charged nothing.
 */
import type { Level } from "@/server/market-data/types";
import { depthWithinBps } from "./measure-book-side";

export interface VenueImpactOptions {
  /** Depth band around the venue's touch, bps (default 10). */
  depthBandBps?: number;
  /** Impact when the leg equals the band's depth, bps (default depthBandBps / 2). */
  kappaBps?: number;
}

export interface VenueImpactEstimate {
  bps: number;
  /** The leg the impact was sized on. */
  basisQty: number;
  depthWithinBandQty: number;
  depthBandBps: number;
  kappaBps: number;
}

export function estimateVenueImpact(takenLevels: readonly Level[], legQty: number, options: VenueImpactOptions = {}): VenueImpactEstimate {
  const depthBandBps = options.depthBandBps ?? 10;
  const kappaBps = options.kappaBps ?? depthBandBps / 2;
  const depth = depthWithinBps(takenLevels, depthBandBps);
  const q = legQty > 0 && Number.isFinite(legQty) ? legQty : 0;
  const bps = depth > 0 ? (kappaBps * q) / depth : 0;
  return { bps, basisQty: q, depthWithinBandQty: depth, depthBandBps, kappaBps };
}
