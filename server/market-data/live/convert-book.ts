/**
 * ccxt shapes -> our port shapes. Pure, so every rule here is unit-tested without a socket.
 *
 * Times: books and trades are stamped with the receipt time on the injected clock, not the
 * venue's own timestamp. The hub's age_ms, the observation store's windows and the
 * staleness checks all measure against that clock, and a venue's clock can be skewed.
 */
import type { BookView, Level, SymbolId, Trade, VenueId } from "../types";

/** The fields of a ccxt order book the source reads (ccxt's OrderBook satisfies it). */
export interface RawBook {
  bids: ReadonlyArray<ReadonlyArray<number | undefined>>;
  asks: ReadonlyArray<ReadonlyArray<number | undefined>>;
  nonce?: number | undefined;
}

/** The fields of a ccxt public trade the source reads (ccxt's Trade satisfies it). */
export interface RawTrade {
  id?: string | undefined;
  price?: number | undefined;
  amount?: number | undefined;
  /** For public trades ccxt reports the taker's side. */
  side?: string | undefined;
  timestamp?: number | undefined;
}

export interface ConvertedBook {
  book: BookView;
  /** Best bid >= best ask: the book cannot be the venue's real state. */
  crossed: boolean;
}

/**
 * A capped, validated copy of one side. ccxt keeps its sides sorted, but the order is
 * checked anyway (a mis-sorted side would make every book walk wrong) and sorted if not.
 * The check scans the whole side (comparisons only); level objects are created only for
 * the levels kept when it is sorted, which is the every-update case.
 */
export function copySide(raw: RawBook["bids"], descending: boolean, maxLevels: number): Level[] {
  const valid = (entry: ReadonlyArray<number | undefined>): entry is readonly [number, number] => {
    const price = entry[0];
    const qty = entry[1];
    // ccxt leaves deleted levels out, but a zero or malformed level must never be served.
    return price !== undefined && qty !== undefined && Number.isFinite(price) && Number.isFinite(qty) && price > 0 && qty > 0;
  };
  let sorted = true;
  let prev: number | undefined;
  for (const entry of raw) {
    if (!valid(entry)) continue;
    if (prev !== undefined && (descending ? entry[0] >= prev : entry[0] <= prev)) {
      sorted = false;
      break;
    }
    prev = entry[0];
  }
  const out: Level[] = [];
  for (const entry of raw) {
    if (sorted && out.length >= maxLevels) break;
    if (valid(entry)) out.push({ price: entry[0], qty: entry[1] });
  }
  if (!sorted) {
    out.sort((a, b) => (descending ? b.price - a.price : a.price - b.price));
    out.length = Math.min(out.length, maxLevels);
  }
  return out;
}

/**
 * BookView from a ccxt book. `seq` is the venue's nonce (e.g. Binance lastUpdateId) when
 * ccxt reports one, else `fallbackSeq` (a local update counter, still monotonic).
 */
export function toBookView(
  venue: VenueId,
  symbol: SymbolId,
  raw: RawBook,
  at: { nowMs: number; maxLevels: number; fallbackSeq: number },
): ConvertedBook {
  const bids = copySide(raw.bids, true, at.maxLevels);
  const asks = copySide(raw.asks, false, at.maxLevels);
  const seq = typeof raw.nonce === "number" && Number.isFinite(raw.nonce) ? raw.nonce : at.fallbackSeq;
  const bestBid = bids[0];
  const bestAsk = asks[0];
  const crossed = bestBid !== undefined && bestAsk !== undefined && bestBid.price >= bestAsk.price;
  return { book: { venue, symbol, bids, asks, seq, updatedAtMs: at.nowMs }, crossed };
}

/** Trade from a ccxt public trade, or undefined if it lacks what a trade needs. */
export function toTrade(venue: VenueId, symbol: SymbolId, raw: RawTrade, nowMs: number): Trade | undefined {
  const { price, amount, side } = raw;
  if (price === undefined || amount === undefined || !(price > 0) || !(amount > 0)) return undefined;
  if (side !== "buy" && side !== "sell") return undefined;
  // Without a venue id a trade cannot be deduplicated across reconnects; synthesize a
  // stable one from what the venue sent.
  const id = raw.id ?? `${raw.timestamp ?? ""}:${price}:${amount}:${side}`;
  return { venue, symbol, price, qty: amount, aggressor: side, tsMs: nowMs, id: `${venue}:${id}` };
}

/** How the source reacts to an error thrown by a ccxt watcher. */
export type WatchErrorKind = "resync" | "reconnect";

/**
 * ccxt signals a sequence gap or a failed book checksum with InvalidNonce / ChecksumError
 * (and drops its book): the book must be rebuilt from a new snapshot and is withheld until
 * then. Everything else (closed socket, timeout, refused connection, exchange errors) is
 * handled by reconnecting with backoff. Matched by name so the rule is testable without
 * constructing ccxt errors, and because ccxt sets `name` on every error class.
 */
export function classifyWatchError(err: unknown): WatchErrorKind {
  const name = err instanceof Error ? err.name : "";
  return name === "ChecksumError" || name === "InvalidNonce" ? "resync" : "reconnect";
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
