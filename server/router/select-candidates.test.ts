import { describe, expect, it } from "vitest";
import type { BookView, Level, VenueId } from "@/server/market-data/types";
import type { InstrumentSpec, VenueStatus } from "@/server/market-data/venues";
import { EXCLUSION_REASONS, selectCandidates, type SelectCandidatesInput } from "./select-candidates";
import { defaultVenueRegistry, type RouterVenueRegistry } from "./venue-registry";

const NOW = 1_760_000_000_000;
const lv = (price: number, qty: number): Level => ({ price, qty });
const book = (venue: VenueId, over: Partial<BookView> = {}): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids: [lv(99.9, 5), lv(99.8, 5)],
  asks: [lv(100.1, 5), lv(100.2, 5)],
  seq: 1,
  updatedAtMs: NOW - 100,
  ...over,
});
const spec = (over: Partial<InstrumentSpec> = {}): InstrumentSpec => ({
  symbol: "BTC-USD",
  venueSymbol: "BTCUSD",
  quote: "USD",
  tickSize: 0.01,
  lotSize: 0.001,
  minQty: 0.001,
  minNotional: 0,
  ...over,
});

/** A registry stub: four venues, statuses and specs as the test says. */
function registry(opts: { status?: Partial<Record<VenueId, VenueStatus>>; specs?: Partial<Record<VenueId, InstrumentSpec | null>> } = {}): RouterVenueRegistry {
  return {
    venues: () => ["binance", "coinbase", "kraken", "okx"],
    status: (v) => opts.status?.[v] ?? "ok",
    instrument: (v) => {
      const s = opts.specs?.[v];
      return s === null ? undefined : (s ?? spec());
    },
  };
}

const base = (over: Partial<SelectCandidatesInput> = {}): SelectCandidatesInput => ({
  symbol: "BTC-USD",
  side: "buy",
  qty: 1,
  books: [book("binance"), book("coinbase"), book("kraken"), book("okx")],
  nowMs: NOW,
  registry: registry(),
  ...over,
});
const reasons = (r: ReturnType<typeof selectCandidates>) => Object.fromEntries(r.exclusions.map((e) => [e.venue, e.reason]));

describe("selectCandidates (exclusion reasons, closed set)", () => {
  it("keeps every healthy venue, in the registry's order whatever the books' order", () => {
    const r = selectCandidates(base({ books: [book("okx"), book("kraken"), book("coinbase"), book("binance")] }));
    expect(r.exclusions).toEqual([]);
    expect(r.candidates.map((c) => c.venue)).toEqual(["binance", "coinbase", "kraken", "okx"]);
    expect(r.candidates[0]?.touchPrice).toBe(100.1);
    expect(r.candidates[0]?.bookAgeMs).toBe(100);
  });

  it("excluded_by_request", () => {
    const r = selectCandidates(base({ excludeVenues: ["coinbase"] }));
    expect(reasons(r)).toEqual({ coinbase: "excluded_by_request" });
    expect(r.exclusions[0]?.detail).toMatch(/coinbase.*excluded/);
  });

  it("symbol_unsupported when the registry has no instrument for the symbol", () => {
    const r = selectCandidates(base({ registry: registry({ specs: { kraken: null } }) }));
    expect(reasons(r)).toEqual({ kraken: "symbol_unsupported" });
    expect(r.exclusions[0]?.detail).toBe("kraken does not list BTC-USD");
  });

  it("symbol_unsupported for every venue of the real registry on an unlisted symbol", () => {
    const r = selectCandidates({ symbol: "FOO-USD", side: "buy", qty: 1, books: [], nowMs: NOW });
    expect(r.candidates).toEqual([]);
    expect(r.exclusions.map((e) => e.reason)).toEqual(Array(defaultVenueRegistry.venues().length).fill("symbol_unsupported"));
  });

  it("venue_down from a stubbed registry status; degraded still routes and says so", () => {
    const r = selectCandidates(base({ registry: registry({ status: { okx: "down", kraken: "degraded" } }) }));
    expect(reasons(r)).toEqual({ okx: "venue_down" });
    expect(r.candidates.find((c) => c.venue === "kraken")?.venueStatus).toBe("degraded");
  });

  it("no_book when a venue's book is missing (or for another symbol)", () => {
    const r = selectCandidates(base({ books: [book("binance"), book("coinbase", { symbol: "ETH-USD" }), book("kraken"), book("okx")] }));
    expect(reasons(r)).toEqual({ coinbase: "no_book" });
  });

  it("stale_book once the book is older than the limit (2 s default; the limit itself is fresh)", () => {
    const r = selectCandidates(
      base({ books: [book("binance", { updatedAtMs: NOW - 2_500 }), book("coinbase", { updatedAtMs: NOW - 2_000 }), book("kraken"), book("okx")] }),
    );
    expect(reasons(r)).toEqual({ binance: "stale_book" });
    expect(r.exclusions[0]?.detail).toBe("binance BTC-USD book is 2.5 s old (limit 2 s)");
    const custom = selectCandidates(base({ staleAfterMs: 50 }));
    expect(custom.candidates).toEqual([]);
    expect(new Set(custom.exclusions.map((e) => e.reason))).toEqual(new Set(["stale_book"]));
  });

  it("uses the newest of duplicate books", () => {
    const r = selectCandidates(base({ books: [book("binance", { updatedAtMs: NOW - 5_000 }), book("binance", { seq: 9 }), book("coinbase"), book("kraken"), book("okx")] }));
    expect(r.exclusions).toEqual([]);
    expect(r.candidates[0]?.book.seq).toBe(9);
  });

  it("no_depth when the taken side is empty or unusable; the other side still routes", () => {
    const books = [book("binance", { asks: [lv(100.1, 0), lv(Number.NaN, 1)] }), book("coinbase"), book("kraken"), book("okx")];
    expect(reasons(selectCandidates(base({ books })))).toEqual({ binance: "no_depth" });
    expect(reasons(selectCandidates(base({ books, side: "sell" })))).toEqual({});
  });

  it("below_min_size on the minimum quantity (after lot rounding) and on the minimum notional", () => {
    const reg = registry({
      specs: {
        binance: spec({ lotSize: 0.01, minQty: 0.01 }),
        coinbase: spec({ lotSize: 0.0001, minQty: 0.0001, minNotional: 10 }),
      },
    });
    // 0.005 rounds down to 0 lots of 0.01 on binance; on coinbase 0.005 × 100.1 = 0.50 USD < 10 USD.
    const r = selectCandidates(base({ qty: 0.005, registry: reg }));
    expect(reasons(r)).toEqual({ binance: "below_min_size", coinbase: "below_min_size" });
    expect(r.exclusions.find((e) => e.venue === "binance")?.detail).toMatch(/below the minimum quantity 0\.01/);
    expect(r.exclusions.find((e) => e.venue === "coinbase")?.detail).toMatch(/order value 0\.50 USD .* minimum notional 10 USD/);
    // kraken and okx (lot 0.001, min 0.001, no notional minimum) take 5 lots.
    expect(r.candidates.map((c) => c.venue)).toEqual(["kraken", "okx"]);
  });

  it("first failing check wins, and every reason comes from the closed set", () => {
    const r = selectCandidates(
      base({
        excludeVenues: ["binance"],
        registry: registry({ status: { binance: "down", coinbase: "down" }, specs: { coinbase: null } }),
        books: [book("kraken", { updatedAtMs: NOW - 10_000 })],
      }),
    );
    expect(reasons(r)).toEqual({ binance: "excluded_by_request", coinbase: "symbol_unsupported", kraken: "stale_book", okx: "no_book" });
    for (const e of r.exclusions) {
      expect(EXCLUSION_REASONS).toContain(e.reason);
      expect(e.detail.length).toBeGreaterThan(10);
    }
  });
});
