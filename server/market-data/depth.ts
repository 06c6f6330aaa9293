/**
 * Resting liquidity by distance from the consolidated mid, per venue and in total. Pure.
 * Bands are cumulative: the 10 bps figure includes the 5 bps one. Every venue is measured
 * against the same consolidated mid (not its own), so the figures add up across venues
 * and answer "how much can I trade within X bps of the market". USDT books count as USD.
 */
import { computeNbbo } from "./nbbo";
import type { BookView, Level, VenueId } from "./types";

export const DEFAULT_DEPTH_BANDS_BPS: readonly number[] = [5, 10, 25, 50, 100];

export interface DepthBand {
  bps: number;
  bidQty: number;
  askQty: number;
  bidUsd: number;
  askUsd: number;
}

export interface VenueDepth {
  venue: VenueId;
  bands: DepthBand[];
}

export interface DepthProfile {
  /** Consolidated mid the bands are measured from; undefined if no two-sided market. */
  mid: number | undefined;
  bandsBps: number[];
  venues: VenueDepth[];
  consolidated: DepthBand[];
}

// Relative slack so a level sitting exactly on a band edge counts despite float rounding.
const EDGE_EPS = 1e-12;

function emptyBands(bands: readonly number[]): DepthBand[] {
  return bands.map((bps) => ({ bps, bidQty: 0, askQty: 0, bidUsd: 0, askUsd: 0 }));
}

function accumulate(levels: readonly Level[], limits: readonly number[], isBid: boolean, out: DepthBand[]): void {
  let b = 0;
  let qty = 0;
  let usd = 0;
  const write = (i: number) => {
    const band = out[i] as DepthBand;
    if (isBid) {
      band.bidQty = qty;
      band.bidUsd = usd;
    } else {
      band.askQty = qty;
      band.askUsd = usd;
    }
  };
  for (const l of levels) {
    while (b < limits.length && (isBid ? l.price < (limits[b] as number) : l.price > (limits[b] as number))) write(b++);
    if (b >= limits.length) return;
    qty += l.qty;
    usd += l.qty * l.price;
  }
  while (b < limits.length) write(b++);
}

/**
 * @param mid measure from this mid instead of the books' consolidated mid (e.g. a fair
 *   value); defaults to the NBBO mid.
 */
export function computeDepth(
  books: readonly BookView[],
  bandsBps: readonly number[] = DEFAULT_DEPTH_BANDS_BPS,
  mid?: number,
): DepthProfile {
  const bands = [...bandsBps].sort((a, b) => a - b);
  const m = mid ?? computeNbbo(books).mid;
  const consolidated = emptyBands(bands);
  const venues: VenueDepth[] = [];
  if (m === undefined || !(m > 0)) {
    for (const book of books) venues.push({ venue: book.venue, bands: emptyBands(bands) });
    return { mid: undefined, bandsBps: bands, venues, consolidated };
  }
  const bidLimits = bands.map((bps) => m * (1 - bps / 1e4) * (1 - EDGE_EPS));
  const askLimits = bands.map((bps) => m * (1 + bps / 1e4) * (1 + EDGE_EPS));
  for (const book of books) {
    const own = emptyBands(bands);
    accumulate(book.bids, bidLimits, true, own);
    accumulate(book.asks, askLimits, false, own);
    own.forEach((band, i) => {
      const c = consolidated[i] as DepthBand;
      c.bidQty += band.bidQty;
      c.askQty += band.askQty;
      c.bidUsd += band.bidUsd;
      c.askUsd += band.askUsd;
    });
    venues.push({ venue: book.venue, bands: own });
  }
  return { mid: m, bandsBps: bands, venues, consolidated };
}
