/**
 * Venue order-size rules applied before sending children: quantities are floored to the
 * venue's lot, and a child below the venue's minimum quantity or notional is not sent
 * (the venue would reject it). Undersized legs are merged into the largest valid leg
 * rather than dropped, so a sweep plan does not silently shed quantity.
 */
import { createGrid, type Grid } from "@/server/market-data/market-grid";
import type { SymbolId, VenueId } from "@/server/market-data/types";
import { instrumentFor } from "@/server/market-data/venues";
import type { Leg } from "./types";

export interface VenueSizing {
  lot: Grid;
  minQty: number;
  minNotional: number;
}

const FALLBACK_LOT = 1e-8;

// The registry is static, so sizings are memoised (a grid costs a decimal-string parse).
const sizingCache = new Map<string, VenueSizing>();

export function venueSizing(venue: VenueId, symbol: SymbolId): VenueSizing {
  const key = `${venue}|${symbol}`;
  let sizing = sizingCache.get(key);
  if (!sizing) {
    const spec = instrumentFor(venue, symbol);
    sizing = Object.freeze({
      lot: createGrid(spec?.lotSize ?? FALLBACK_LOT),
      minQty: spec?.minQty ?? 0,
      minNotional: spec?.minNotional ?? 0,
    });
    sizingCache.set(key, sizing);
  }
  return sizing;
}

export function floorToLot(qty: number, sizing: VenueSizing): number {
  if (!(qty > 0)) return 0;
  return sizing.lot.fromUnits(sizing.lot.floorUnits(qty));
}

/** The smallest order the venue accepts at this price (lot, minimum quantity, minimum notional). */
export function smallestAcceptedQty(sizing: VenueSizing, price: number): number {
  const byNotional = price > 0 ? sizing.minNotional / price : 0;
  return Math.max(sizing.lot.step, sizing.minQty, byNotional);
}

export function meetsVenueMinimum(qty: number, price: number | undefined, sizing: VenueSizing): boolean {
  const slack = 1 - 1e-9;
  if (!(qty > 0) || qty < sizing.minQty * slack) return false;
  return price === undefined || qty * price >= sizing.minNotional * slack;
}

export interface FittedLegs {
  legs: Leg[];
  /** Some quantity could not be sent because it fell below every candidate venue's minimum. */
  belowMinimum: boolean;
}

/**
 * Lot-floors legs and folds what that leaves over (rounding, undersized legs) into the
 * largest valid leg, then what its lot cannot take into the valid leg with the finest lot,
 * so a sweep leaves no dust that no venue would accept. With no valid leg, the whole
 * quantity goes to the first candidate venue (in the given order) that accepts it.
 */
export function fitLegsToVenues(
  legs: readonly Leg[],
  priceOf: (venue: VenueId) => number | undefined,
  sizingOf: (venue: VenueId) => VenueSizing,
  candidates: readonly VenueId[] = legs.map((l) => l.venue),
): FittedLegs {
  const valid: Leg[] = [];
  let total = 0;
  for (const leg of legs) {
    if (!(leg.qty > 0)) continue;
    total += leg.qty;
    const sizing = sizingOf(leg.venue);
    const qty = floorToLot(leg.qty, sizing);
    if (meetsVenueMinimum(qty, priceOf(leg.venue), sizing)) valid.push({ venue: leg.venue, qty });
  }
  const leftOver = () => total - valid.reduce((s, l) => s + l.qty, 0);
  if (valid.length > 0) {
    let largest = valid[0] as Leg;
    let finest = valid[0] as Leg;
    for (const leg of valid) {
      if (leg.qty > largest.qty) largest = leg;
      if (sizingOf(leg.venue).lot.step < sizingOf(finest.venue).lot.step) finest = leg;
    }
    largest.qty = floorToLot(largest.qty + leftOver(), sizingOf(largest.venue));
    finest.qty = floorToLot(finest.qty + leftOver(), sizingOf(finest.venue));
    return { legs: valid, belowMinimum: false };
  }
  if (!(total > 0)) return { legs: [], belowMinimum: false };
  for (const venue of candidates) {
    const sizing = sizingOf(venue);
    const qty = floorToLot(total, sizing);
    if (meetsVenueMinimum(qty, priceOf(venue), sizing)) return { legs: [{ venue, qty }], belowMinimum: false };
  }
  return { legs: [], belowMinimum: true };
}

/**
 * Splits `total` across venues in proportion to their weights, lot-floored; rounding left
 * over goes to the heaviest venue (then to the finest lot). Venues whose share is below their minimum are removed
 * and the split redone among the rest.
 */
export function splitByWeight(
  total: number,
  parts: readonly { venue: VenueId; weight: number }[],
  priceOf: (venue: VenueId) => number | undefined,
  sizingOf: (venue: VenueId) => VenueSizing,
): FittedLegs {
  let candidates = parts.filter((p) => p.weight > 0);
  let belowMinimum = false;
  while (candidates.length > 0) {
    const weightSum = candidates.reduce((s, p) => s + p.weight, 0);
    const legs = candidates.map((p) => ({ venue: p.venue, qty: floorToLot((total * p.weight) / weightSum, sizingOf(p.venue)) }));
    // Rounding left over goes to the heaviest venue, then what its lot cannot take to the finest-lot venue.
    const head = legs[0] as Leg;
    head.qty = floorToLot(head.qty + (total - legs.reduce((s, l) => s + l.qty, 0)), sizingOf(head.venue));
    let finest = head;
    for (const l of legs) if (sizingOf(l.venue).lot.step < sizingOf(finest.venue).lot.step) finest = l;
    finest.qty = floorToLot(finest.qty + (total - legs.reduce((s, l) => s + l.qty, 0)), sizingOf(finest.venue));
    const failing = legs.filter((l) => !meetsVenueMinimum(l.qty, priceOf(l.venue), sizingOf(l.venue)));
    if (failing.length === 0) return { legs, belowMinimum };
    belowMinimum = true;
    // Drop the lightest failing venue and retry; the heaviest keeps the order alive longest.
    const drop = failing[failing.length - 1] as Leg;
    candidates = candidates.filter((p) => p.venue !== drop.venue);
  }
  return { legs: [], belowMinimum };
}
