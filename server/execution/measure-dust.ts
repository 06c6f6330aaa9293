/**
 * Dust: what is left of an order once it is smaller than the smallest order any venue it
 * may trade on accepts (lot step, minimum quantity, minimum notional at the current
 * price). No child can ever take it, so routing it again would only log empty decisions
 * until the order failed; the order completes instead, with the rest recorded as dust.
 * The sandbox runner and the strategy simulator (/simulate) both draw the line here.
 */
import { smallestAcceptedQty, type VenueSizing } from "./size-child-orders";

/** The same slack meetsVenueMinimum grants, so "dust" and "a venue would refuse it" never disagree. */
const SLACK = 1 - 1e-9;

/**
 * The smallest quantity any of these venues accepts at `price` (undefined or ≤ 0: the
 * notional minimums are left out); Infinity with no venue at all.
 */
export function smallestTradableQty(sizings: Iterable<VenueSizing>, price: number | undefined): number {
  let smallest = Infinity;
  for (const sizing of sizings) smallest = Math.min(smallest, smallestAcceptedQty(sizing, price !== undefined && price > 0 ? price : 0));
  return smallest;
}

/** The largest quantity that is still dust against `smallestTradable` (0 when no venue is known). */
export function dustBelow(smallestTradable: number): number {
  return Number.isFinite(smallestTradable) ? smallestTradable * SLACK : 0;
}

/** A positive remainder no venue would take: working it can never fill it. */
export function isDust(remaining: number, smallestTradable: number): boolean {
  return remaining > 0 && remaining < dustBelow(smallestTradable);
}
