/** Pure derivations for the Markets views (no React), unit-tested in market-math.test.ts. */
import { VENUES, isPerpSymbol, perpSymbolOf, type VenueId } from "@/lib/contracts/common";
import type { DepthResponse, Quote } from "@/lib/contracts/market";
import { priceDecimalsFor } from "@/lib/format";

export type VenueQuote = NonNullable<Quote["venues"][VenueId]>;
export type DepthBand = DepthResponse["consolidated"]["bands"][number];

/** Quoted spread in bps of the venue's own mid; null without a two-sided book. */
export function venueSpreadBps(bid: number | null, ask: number | null): number | null {
  if (bid === null || ask === null || bid <= 0 || ask <= 0) return null;
  const mid = (bid + ask) / 2;
  return ((ask - bid) / mid) * 10_000;
}

export interface VenueRow {
  venue: VenueId;
  quote: VenueQuote;
  spreadBps: number | null;
  /** This venue sets (or ties) the NBBO bid / ask. */
  atBestBid: boolean;
  atBestAsk: boolean;
}

/** One row per venue that reported, in the registry's fixed order so rows don't jump. */
export function venueRows(quote: Quote): VenueRow[] {
  const rows: VenueRow[] = [];
  for (const venue of VENUES) {
    const q = quote.venues[venue];
    if (!q) continue;
    const usable = !q.stale && q.status !== "down";
    rows.push({
      venue,
      quote: q,
      spreadBps: venueSpreadBps(q.bid, q.ask),
      atBestBid: venue === quote.nbbo.bid_venue || (usable && q.bid !== null && q.bid === quote.nbbo.bid),
      atBestAsk: venue === quote.nbbo.ask_venue || (usable && q.ask !== null && q.ask === quote.nbbo.ask),
    });
  }
  return rows;
}

/** Display decimals for all prices of one quote: magnitude rule raised to the finest venue tick. */
export function quoteDecimals(quote: Quote): number {
  const prices: (number | null)[] = [quote.nbbo.bid, quote.nbbo.ask];
  for (const v of Object.values(quote.venues)) if (v) prices.push(v.bid, v.ask);
  return priceDecimalsFor(prices, quote.nbbo.mid);
}

/** Venues present in a depth answer, in registry order. */
export function depthVenues(depth: DepthResponse): VenueId[] {
  return VENUES.filter((v) => depth.venues[v] !== undefined);
}

export interface DepthBar {
  key: string;
  side: "bid" | "ask";
  band: number;
  /** Signed band: −25 for bids within 25 bps below mid, +25 for asks. */
  label: string;
  notional: number;
  qty: number;
  /** Notional per venue within the band on this side. */
  byVenue: Partial<Record<VenueId, number>>;
}

/**
 * The mirrored depth profile: bids from the widest band in to mid, then asks from mid
 * out. Bands are cumulative (all liquidity within N bps of mid), so bars grow outwards.
 */
export function depthBars(depth: DepthResponse): DepthBar[] {
  const venues = depthVenues(depth);
  const bands = [...depth.bands_bps].sort((a, b) => a - b);
  const bar = (side: "bid" | "ask", band: number): DepthBar => {
    const c = findBand(depth.consolidated.bands, band);
    const byVenue: Partial<Record<VenueId, number>> = {};
    for (const v of venues) {
      const vb = findBand(depth.venues[v]?.bands ?? [], band);
      byVenue[v] = vb ? (side === "bid" ? vb.bid_notional_usd : vb.ask_notional_usd) : 0;
    }
    return {
      key: `${side}-${band}`,
      side,
      band,
      label: `${side === "bid" ? "−" : "+"}${band}`,
      notional: c ? (side === "bid" ? c.bid_notional_usd : c.ask_notional_usd) : 0,
      qty: c ? (side === "bid" ? c.bid_qty : c.ask_qty) : 0,
      byVenue,
    };
  };
  return [...[...bands].reverse().map((b) => bar("bid", b)), ...bands.map((b) => bar("ask", b))];
}

export function findBand(bands: readonly DepthBand[], band: number): DepthBand | undefined {
  return bands.find((b) => b.band_bps === band);
}

/** (bid − ask) / (bid + ask): +1 all bids, −1 all asks; null when both are zero. */
export function imbalance(bid: number, ask: number): number | null {
  const total = bid + ask;
  return total > 0 ? (bid - ask) / total : null;
}

/** True when the depth answer has no liquidity at all in any band. */
export function depthIsEmpty(depth: DepthResponse): boolean {
  return depth.consolidated.bands.every((b) => b.bid_notional_usd === 0 && b.ask_notional_usd === 0);
}

/**
 * Why the NBBO is crossed, if it is. Books of one instrument can sit in different quote
 * families (a USDT-quoted book beside a USD one, e.g. BTC-USD-PERP's USD-M and COIN-M): the
 * USDT/USD rate then shows as a cross of about a bp, not an arbitrage. A cross between books
 * of the same family is a locked or crossed market.
 */
export function crossKind(quote: Quote, quoteFamily: ReadonlyMap<VenueId, string>): "none" | "quote_basis" | "crossed" {
  if (!quote.nbbo.crossed) return "none";
  const bidFamily = quoteFamily.get(quote.nbbo.bid_venue);
  const askFamily = quoteFamily.get(quote.nbbo.ask_venue);
  return bidFamily !== undefined && askFamily !== undefined && bidFamily !== askFamily ? "quote_basis" : "crossed";
}

/** Spot–perp basis in bps of the spot mid: (perp mid − spot mid) / spot mid × 10⁴; positive = perp at a premium. */
export function basisBps(spotMid: number, perpMid: number): number {
  return ((perpMid - spotMid) / spotMid) * 10_000;
}

export interface SpotPerpBasis {
  spot: string;
  perp: string;
  spotMid: number;
  perpMid: number;
  basisBps: number;
}

/**
 * One row per spot instrument whose perpetual is also quoted, from each instrument's own
 * NBBO mid (the reference mid the server computes per instrument), in the quotes' order.
 */
export function spotPerpBases(quotes: readonly Quote[]): SpotPerpBasis[] {
  const mids = new Map(quotes.map((q) => [q.symbol, q.nbbo.mid]));
  const out: SpotPerpBasis[] = [];
  for (const q of quotes) {
    if (isPerpSymbol(q.symbol)) continue;
    const perp = perpSymbolOf(q.symbol);
    const spotMid = q.nbbo.mid;
    const perpMid = mids.get(perp);
    if (perpMid === undefined || !(spotMid > 0)) continue;
    out.push({ spot: q.symbol, perp, spotMid, perpMid, basisBps: basisBps(spotMid, perpMid) });
  }
  return out;
}
