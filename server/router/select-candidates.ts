/**
 * Candidate selection: which venues may take part in a routing decision, and for every
 * venue that may not, one reason from a closed set with a human detail. Checks run in a
 * fixed order and the first that fails is the reason, so each venue has exactly one:
 *
 * 1. excluded_by_request — the caller removed it (exclude_venues).
 * 2. symbol_unsupported  — the venue does not list the symbol.
 * 3. venue_down          — the registry says the venue is down ("degraded" still routes,
 *                          and the candidate records the status).
 * 4. no_book             — no book for the venue and symbol.
 * 5. stale_book          — the book is older than the staleness limit (default 2 s): its
 *                          prices may be gone, and the staleness charge assumes a book that
 *                          is only moments old.
 * 6. no_depth            — nothing usable on the side the order takes.
 * 7. below_min_size      — even the whole order, rounded down to the venue's lot, is below
 *                          its minimum quantity or (at its touch) its minimum notional, so no
 *                          leg could be sent there. Smaller allocations that fall below a
 *                          minimum are the sweep's business (candidate status dropped_min_size).
 *
 * Pure: the time and the registry come in; venues come out in the registry's canonical order.
 */
import type { Side } from "@/server/execution/types";
import type { BookView, SymbolId, VenueId } from "@/server/market-data/types";
import type { InstrumentSpec, VenueStatus } from "@/server/market-data/venues";
import { touchPrice } from "./measure-book-side";
import { defaultVenueRegistry, type RouterVenueRegistry } from "./venue-registry";

export const EXCLUSION_REASONS = [
  "excluded_by_request",
  "symbol_unsupported",
  "venue_down",
  "no_book",
  "stale_book",
  "no_depth",
  "below_min_size",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface VenueExclusion {
  venue: VenueId;
  reason: ExclusionReason;
  detail: string;
}

export interface RouteCandidate {
  venue: VenueId;
  book: BookView;
  instrument: InstrumentSpec;
  venueStatus: VenueStatus;
  /** nowMs − book.updatedAtMs, never negative. */
  bookAgeMs: number;
  /** Best usable price on the side the order takes. */
  touchPrice: number;
}

export interface SelectCandidatesInput {
  symbol: SymbolId;
  side: Side;
  qty: number;
  /** Current books; a venue without one is excluded as no_book. Books of other symbols are ignored. */
  books: readonly BookView[];
  nowMs: number;
  /** Venues to consider; default every venue the registry knows. */
  venues?: readonly VenueId[];
  excludeVenues?: readonly VenueId[];
  /** Oldest usable book, ms (default 2 000). */
  staleAfterMs?: number;
  registry?: RouterVenueRegistry;
}

export interface CandidateSelection {
  candidates: RouteCandidate[];
  exclusions: VenueExclusion[];
}

export const DEFAULT_STALE_AFTER_MS = 2_000;

export function selectCandidates(input: SelectCandidatesInput): CandidateSelection {
  const { symbol, side, qty, nowMs } = input;
  const registry = input.registry ?? defaultVenueRegistry;
  const staleAfterMs = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const excluded = new Set(input.excludeVenues ?? []);
  const wanted = new Set<VenueId>([...(input.venues ?? registry.venues()), ...excluded]);
  const canonical = registry.venues();
  const ordered = [...canonical.filter((v) => wanted.has(v)), ...[...wanted].filter((v) => !canonical.includes(v)).sort()];
  const books = latestBooks(input.books, symbol);

  const candidates: RouteCandidate[] = [];
  const exclusions: VenueExclusion[] = [];
  const exclude = (venue: VenueId, reason: ExclusionReason, detail: string) => exclusions.push({ venue, reason, detail });

  for (const venue of ordered) {
    if (excluded.has(venue)) {
      exclude(venue, "excluded_by_request", `${venue} was excluded by the request (exclude_venues)`);
      continue;
    }
    const instrument = registry.instrument(venue, symbol);
    if (!instrument) {
      exclude(venue, "symbol_unsupported", `${venue} does not list ${symbol}`);
      continue;
    }
    const venueStatus = registry.status(venue);
    if (venueStatus === "down") {
      exclude(venue, "venue_down", `${venue} is marked down in the venue registry`);
      continue;
    }
    const book = books.get(venue);
    if (!book) {
      exclude(venue, "no_book", `no ${symbol} order book from ${venue}`);
      continue;
    }
    const bookAgeMs = Math.max(0, nowMs - book.updatedAtMs);
    if (bookAgeMs > staleAfterMs) {
      exclude(venue, "stale_book", `${venue} ${symbol} book is ${fmtMs(bookAgeMs)} old (limit ${fmtMs(staleAfterMs)})`);
      continue;
    }
    const touch = touchPrice(side === "buy" ? book.asks : book.bids);
    if (touch === undefined) {
      exclude(venue, "no_depth", `${venue} shows no ${side === "buy" ? "asks" : "bids"} for ${symbol}`);
      continue;
    }
    const minSize = minSizeProblem(qty, touch, instrument);
    if (minSize) {
      exclude(venue, "below_min_size", `${venue}: ${minSize}`);
      continue;
    }
    candidates.push({ venue, book, instrument, venueStatus, bookAgeMs, touchPrice: touch });
  }
  return { candidates, exclusions };
}

/** Why the whole order could not be sent to this venue, or undefined if it could. */
function minSizeProblem(qty: number, touch: number, spec: InstrumentSpec): string | undefined {
  const lots = spec.lotSize > 0 ? Math.floor(qty / spec.lotSize + 1e-9) : undefined;
  const sendable = lots === undefined ? qty : lots * spec.lotSize;
  if (!(sendable > 0) || sendable < spec.minQty) {
    const lotNote = lots === undefined ? "" : ` (rounded down to lot ${spec.lotSize}: ${fmtQty(sendable)})`;
    return `order qty ${fmtQty(qty)}${lotNote} is below the minimum quantity ${fmtQty(spec.minQty)}`;
  }
  const notional = sendable * touch;
  if (notional < spec.minNotional) {
    return `order value ${notional.toFixed(2)} ${spec.quote} at the touch is below the minimum notional ${spec.minNotional} ${spec.quote}`;
  }
  return undefined;
}

/** One book per venue for the symbol; with duplicates, the most recently updated. */
function latestBooks(books: readonly BookView[], symbol: SymbolId): Map<VenueId, BookView> {
  const out = new Map<VenueId, BookView>();
  for (const b of books) {
    if (b.symbol !== symbol) continue;
    const prev = out.get(b.venue);
    if (!prev || b.updatedAtMs > prev.updatedAtMs) out.set(b.venue, b);
  }
  return out;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

function fmtQty(q: number): string {
  return String(Number(q.toPrecision(8)));
}
