/**
 * The static per-venue inputs of every cost model, read from the venue registry once per
 * request: taker fee for the desk's tier, ack latency, and the instrument's lot and
 * minimums. Extra per-venue penalties (bps) are where router versions add adverse
 * selection, reject risk or venue impact without touching the sweep.
 */
import { feesFor, getVenue, instrumentFor } from "@/server/market-data/venues";
import type { SymbolId, VenueId } from "@/server/market-data/types";

export interface VenueCostSpec {
  venue: VenueId;
  feeTier: string;
  /** Taker fee, bps of notional. */
  feeBps: number;
  /** Order-ack latency the latency risk is charged over, ms. */
  ackLatencyMs: number;
  lotSize: number;
  minQty: number;
  /** Minimum order value in quote currency (0 = none). */
  minNotional: number;
  /** Named extra penalties in bps added to every level's score on this venue. */
  extraBps?: Readonly<Record<string, number>>;
}

export interface VenueCostSpecOptions {
  /** The desk's fee tier per venue; default the venue's entry tier. */
  feeTiers?: Partial<Record<VenueId, string>>;
  /** Which ack latency to charge: the median (default) or the p99 tail. */
  latency?: "median" | "p99";
  extraBps?: Partial<Record<VenueId, Readonly<Record<string, number>>>>;
}

/** Specs for the venues (in the given order) that list the symbol; others are left out. */
export function venueCostSpecs(symbol: SymbolId, venues: readonly VenueId[], options: VenueCostSpecOptions = {}): VenueCostSpec[] {
  const out: VenueCostSpec[] = [];
  for (const venue of venues) {
    const instrument = instrumentFor(venue, symbol);
    if (!instrument) continue;
    const fees = feesFor(venue, options.feeTiers?.[venue]);
    const latency = getVenue(venue).latency;
    const extra = options.extraBps?.[venue];
    out.push({
      venue,
      feeTier: fees.tier,
      feeBps: fees.takerBps,
      ackLatencyMs: options.latency === "p99" ? latency.p99Ms : latency.medianMs,
      lotSize: instrument.lotSize,
      minQty: instrument.minQty,
      minNotional: instrument.minNotional,
      ...(extra ? { extraBps: extra } : {}),
    });
  }
  return out;
}

export function sumExtraBps(extra: Readonly<Record<string, number>> | undefined): number {
  let s = 0;
  if (extra) for (const k in extra) s += extra[k] as number;
  return s;
}
