/**
 * GET /v1/market: the running source and how fresh its books are. The generic part reads
 * the books every source exposes through the port; a source that keeps feed counters
 * (replay: gaps, resyncs; live: reconnects, errors) adds them through `feedReport`.
 */
import type { MarketStatusResponse, VenueFeedStatus } from "@/lib/contracts/market-status";
import type { Core } from "@/server/core";
import type { FeedReport, MarketSource, VenueId } from "@/server/market-data/types";
import { getVenue, instrumentFor } from "@/server/market-data/venues";
import { msToNs } from "@/server/shared/clock";

export function describeMarket(core: Core): MarketStatusResponse {
  const { source, hub } = core.market;
  const nowMs = core.clock.nowMs();
  const report = source.feedReport?.();
  const venues = venueFeeds(source, report, nowMs, hub.stalenessMs);
  const ages = venues.flatMap((v) => v.books.map((b) => b.age_ms)).filter((a): a is number => a !== null);
  const running = venues.filter((v) => v.books.length > 0);
  const down = ages.length === 0;
  const degraded = running.some((v) => v.state !== "ok");
  return {
    source: source.kind,
    status: down ? "down" : degraded ? "degraded" : "ok",
    stale_after_ms: hub.stalenessMs,
    freshest_age_ms: ages.length ? Math.min(...ages) : null,
    stalest_age_ms: ages.length ? Math.max(...ages) : null,
    symbols: [...source.symbols()],
    venues,
    replay: report?.replay ? toReplay(report.replay) : null,
    as_of_ns: msToNs(nowMs).toString(),
  };
}

function venueFeeds(source: MarketSource, report: FeedReport | undefined, nowMs: number, staleAfterMs: number): VenueFeedStatus[] {
  const symbolsByVenue = new Map<VenueId, string[]>();
  for (const symbol of source.symbols()) {
    for (const venue of source.venuesFor(symbol)) {
      const list = symbolsByVenue.get(venue) ?? [];
      list.push(symbol);
      symbolsByVenue.set(venue, list);
    }
  }
  return [...symbolsByVenue.entries()].map(([venue, symbols]) => {
    const feed = report?.venues.find((v) => v.venue === venue);
    const books = symbols
      .filter((symbol) => source.isSubscribed(symbol))
      .map((symbol) => {
        const book = source.book(venue, symbol);
        const age = book ? Math.max(0, Math.round(nowMs - book.updatedAtMs)) : null;
        const resyncing = feed?.resyncing.includes(symbol) ?? false;
        return {
          symbol,
          age_ms: age,
          updated_at_ns: book ? msToNs(book.updatedAtMs).toString() : null,
          stale: age === null || age > staleAfterMs,
          resyncing,
          bid_levels: book?.bids.length ?? 0,
          ask_levels: book?.asks.length ?? 0,
        };
      });
    const firstSymbol = symbols[0];
    const quote = firstSymbol ? (instrumentFor(venue, firstSymbol)?.quote ?? "USD") : "USD";
    return {
      venue,
      name: getVenue(venue).name,
      market_type: getVenue(venue).kind,
      quote,
      state: feedState(books, feed),
      books,
      messages: feed?.messages ?? null,
      gaps: feed?.gaps ?? null,
      resyncs: feed?.resyncs ?? null,
      crossed: feed?.crossed ?? null,
      reconnects: feed?.reconnects ?? null,
      last_error: feed?.lastError ?? null,
    };
  });
}

function feedState(books: VenueFeedStatus["books"], feed: FeedReport["venues"][number] | undefined): VenueFeedStatus["state"] {
  if (feed?.connection && feed.connection !== "ok") return feed.connection;
  if (books.some((b) => b.resyncing)) return "resyncing";
  if (books.length > 0 && books.every((b) => b.age_ms === null)) return "connecting";
  if (books.some((b) => b.stale)) return "stale";
  return "ok";
}

function toReplay(r: NonNullable<FeedReport["replay"]>): NonNullable<MarketStatusResponse["replay"]> {
  const ns = (ms: number | null) => (ms === null ? null : msToNs(ms).toString());
  return {
    files: r.files.map((f) => ({ path: f.path, format: f.format, venue: f.venue ?? null, messages: f.messages })),
    speed: r.speed,
    loop: r.loop,
    loops: r.loops,
    recorded_at_ns: ns(r.recordedAtMs),
    recorded_start_ns: ns(r.recordedStartMs),
    recorded_end_ns: ns(r.recordedEndMs),
    progress: r.progress,
    finished: r.finished,
  };
}
