import { describe, expect, it } from "vitest";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { BookView, Level, Trade, VenueId } from "@/server/market-data/types";
import { createManualClock } from "@/server/shared/clock";
import { InvalidRouteQuantityError, routeOrder, type RouteOrderInput } from "./route-order";
import { ROUTER_VERSIONS } from "./router-versions";
import type { DecisionScoreParts, RoutingDecision } from "./routing-decision";
import { defaultVenueRegistry } from "./venue-registry";

const NOW = 1_760_000_000_000;
const lv = (price: number, qty: number): Level => ({ price, qty });
const book = (venue: VenueId, asks: Level[], bids: Level[] = [lv(99.9, 10)], updatedAtMs = NOW - 50): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids,
  asks,
  seq: 7,
  updatedAtMs,
});
/** 100.01, 100.02, … 100.10, one unit each. */
const ladder = () => Array.from({ length: 10 }, (_, i) => lv(Number((100.01 + i * 0.01).toFixed(2)), 1));
const twoVenues = () => [book("binance", ladder()), book("okx", ladder())];
const input = (over: Partial<RouteOrderInput> = {}): RouteOrderInput => ({
  parentId: "po_1",
  nodeOrderId: "no_1",
  symbol: "BTC-USD",
  side: "buy",
  qty: 6,
  books: twoVenues(),
  nowMs: NOW,
  sigmaPerSecond: 0,
  venues: ["binance", "okx"],
  ...over,
});
/** Leg quantities by venue, rounded to 1e-9 (lot rounding leaves float noise such as 3.0000000000000004). */
const share = (d: RoutingDecision): Partial<Record<VenueId, number>> => Object.fromEntries(d.legs.map((l) => [l.venue, Math.round(l.qty * 1e9) / 1e9]));
const partsSum = (p: DecisionScoreParts) =>
  p.book_bps + p.fee_bps + p.latency_bps + p.staleness_bps + (p.adverse_selection_bps ?? 0) + (p.reject_penalty_bps ?? 0) + (p.venue_impact_bps ?? 0);

describe("routeOrder: versions move share in the expected direction (hand-built two-venue books)", () => {
  // Identical books on binance and okx (same 10 bps taker fee), σ = 0 so latency and staleness are 0.
  it("v1 splits identical books evenly (ties to the id that sorts first)", () => {
    const d = routeOrder(input({ version: "v1" }));
    expect(share(d)).toEqual({ binance: 3, okx: 3 });
    expect(d.candidates.every((c) => c.scoreParts.reject_penalty_bps === undefined)).toBe(true);
  });

  it("v2: a venue with a high reject rate loses share", () => {
    // binance: 0.5 × half spread (100.01 − 99.90)/2/99.955 = 5.503 bps → +2.75 bps a unit, i.e. its
    // first level now scores between okx's 3rd and 4th: okx 1,2,3, binance 1, okx 4, binance 2.
    const d = routeOrder(input({ version: "v2", models: { rejectRates: { binance: 0.5, okx: 0 } } }));
    expect(share(d)).toEqual({ okx: 4, binance: 2 });
    const bin = d.candidates.find((c) => c.venue === "binance");
    expect(bin?.scoreParts.reject_penalty_bps).toBeCloseTo(0.5 * ((0.11 / 2 / 99.955) * 1e4), 9);
    expect(bin?.penaltyInputs.reject_penalty?.rejectRate).toBe(0.5);
  });

  it("v2: a venue whose aggressor trades are followed by drift (adverse selection) loses share", () => {
    const trades: Trade[] = Array.from({ length: 30 }, (_, i) => ({
      venue: "binance",
      symbol: "BTC-USD",
      price: 100,
      qty: 1,
      aggressor: i % 2 === 0 ? "buy" : "sell",
      tsMs: NOW - 100_000 + i * 2_000,
      id: `t${i}`,
    }));
    // After every binance print the consolidated mid moves 20 bps in the aggressor's direction.
    const mids = trades.flatMap((t) => [
      { tsMs: t.tsMs, mid: 100 },
      { tsMs: t.tsMs + 1_000, mid: t.aggressor === "buy" ? 100.2 : 99.8 },
    ]);
    mids.push({ tsMs: NOW, mid: 100 });
    const observations = { recentTrades: (_s: string, v: VenueId) => (v === "binance" ? trades : []), midSamples: () => mids };
    const d = routeOrder(input({ version: "v2", observations, models: { adverseSelection: { horizonMs: 1_000 } } }));
    const as = d.candidates.find((c) => c.venue === "binance")?.penaltyInputs.adverse_selection;
    expect(as?.trades).toBe(30);
    expect(as?.tapeBps).toBeCloseTo(20, 6);
    // shrunk with 20 pseudo-trades of a zero prior (σ = 0): 30/50 × 20 = 12 bps → binance priced out
    expect(as?.bps).toBeCloseTo(12, 6);
    expect(share(d)).toEqual({ okx: 6 });
    expect(d.candidates.find((c) => c.venue === "binance")?.status).toBe("unused");
  });

  it("v3: the venue where the planned leg is a large share of its depth loses share", () => {
    // binance: 2 @ 100.00 then far; okx: 20 @ 100.02. mid (99.98 + 100.00)/2 = 99.99.
    const books = [
      book("binance", [lv(100, 2), lv(100.3, 10)], [lv(99.98, 10)]),
      book("okx", [lv(100.02, 20)], [lv(99.98, 10)]),
    ];
    const models = { rejectRates: { binance: 0, okx: 0 } };
    const v2 = routeOrder(input({ version: "v2", books, qty: 4, models }));
    expect(share(v2)).toEqual({ binance: 2, okx: 2 });
    // first pass as v2; impact: binance 5 × 2/2 = 5 bps, okx 5 × 2/20 = 0.5 bps → okx cheaper for all 4
    const v3 = routeOrder(input({ version: "v3", books, qty: 4, models }));
    expect(v3.passes).toBe(2);
    expect(share(v3)).toEqual({ okx: 4 });
    const bin = v3.candidates.find((c) => c.venue === "binance");
    expect(bin?.scoreParts.venue_impact_bps).toBeCloseTo(5, 12);
    expect(bin?.penaltyInputs.venue_impact?.basisQty).toBe(2);
    expect(v3.legs[0]?.scoreParts.venue_impact_bps).toBeCloseTo(0.5, 12);
  });
});

describe("routeOrder: the decision record", () => {
  it("records mid, touches, limit prices, score parts and the landed vs all-in cost", () => {
    const d = routeOrder(input({ version: "v2", sigmaPerSecond: 1e-4, qty: 4 }));
    expect(d.id).toBe("rd_no_1_0");
    expect(d.atMs).toBe(NOW);
    expect(d.mid).toBeCloseTo(99.955, 12);
    expect([d.bestBid, d.bestAsk, d.midSource]).toEqual([99.9, 100.01, "nbbo_mid"]);
    const bin = d.candidates.find((c) => c.venue === "binance");
    expect(bin).toMatchObject({ touchPrice: 100.01, bid: 99.9, ask: 100.01, depthQty: 10, bookSeq: 7, bookAgeMs: 50, feeTier: "VIP0", ackLatencyMs: 12 });
    expect(bin?.scoreParts.book_bps).toBeCloseTo(((100.01 - 99.955) / 99.955) * 1e4, 9);
    expect(bin?.alone.filledQty).toBe(4);
    for (const leg of d.legs) {
      const walked = ladder().slice(0, leg.levelsUsed);
      expect(leg.limitPrice).toBe(walked[walked.length - 1]?.price);
      expect(leg.estCostBps).toBe(leg.scoreParts.total_bps);
    }
    const weighted = d.legs.reduce((s, l) => s + l.qty * l.scoreParts.total_bps, 0) / 4;
    expect(d.estCostBps).toBeCloseTo(weighted, 9);
    const penalties = d.legs.reduce((s, l) => s + (l.qty * ((l.scoreParts.adverse_selection_bps ?? 0) + (l.scoreParts.reject_penalty_bps ?? 0))) / 4, 0);
    expect(d.estLandedCostBps).toBeCloseTo((d.estCostBps as number) - penalties, 9);
  });

  it("a venue whose small allocation is below its minimum notional is dropped and re-swept", () => {
    // binance's 0.01 @ 100.00 = 1 USD < its 5 USD minimum; okx takes the order.
    const books = [book("binance", [lv(100, 0.01), lv(101, 10)]), book("okx", [lv(100.01, 10)])];
    const d = routeOrder(input({ version: "v1", books, qty: 3 }));
    expect(share(d)).toEqual({ okx: 3 });
    expect(d.candidates.find((c) => c.venue === "binance")).toMatchObject({ status: "dropped_min_size", minSizeRule: "min_notional", droppedQty: 0.01, allocatedQty: 0 });
    expect(d.candidates.find((c) => c.venue === "okx")?.status).toBe("chosen");
  });

  it("carries exclusions from candidate selection (request, stale, down, no book, unsupported)", () => {
    const registry = { ...defaultVenueRegistry, status: (v: VenueId) => (v === "bybit" ? ("down" as const) : defaultVenueRegistry.status(v)) };
    const books = [...twoVenues(), book("kraken", ladder(), undefined, NOW - 5_000), book("bybit", ladder())];
    const d = routeOrder(input({ version: "v1", books, venues: undefined, excludeVenues: ["coinbase"], registry }));
    expect(Object.fromEntries(d.exclusions.map((e) => [e.venue, e.reason]))).toEqual({
      coinbase: "excluded_by_request",
      kraken: "stale_book",
      bybit: "venue_down",
      bitget: "no_book",
      cryptocom: "no_book",
      // Without a venue list the router weighs every registry venue; the perps do not list
      // BTC-USD (their instrument is BTC-USD-PERP), so a spot order can never reach them.
      "binance-usdm": "symbol_unsupported",
      "binance-coinm": "symbol_unsupported",
    });
    expect(d.candidates.map((c) => c.venue)).toEqual(["binance", "okx"]);
    const none = routeOrder(input({ symbol: "FOO-USD", books: [] }));
    expect(none).toMatchObject({ legs: [], candidates: [], unfilledQty: 6, complete: false, mid: null, estCostBps: null, midSource: "none" });
    expect(none.exclusions.map((e) => e.reason)).toEqual(["symbol_unsupported", "symbol_unsupported"]);
  });

  it("reports the depth shortfall as unfilled", () => {
    const d = routeOrder(input({ version: "v1", qty: 25 }));
    expect(d.unfilledQty).toBeCloseTo(5, 9);
    expect(d.complete).toBe(false);
  });

  it("rejects a quantity that is not positive and finite", () => {
    expect(() => routeOrder(input({ qty: 0 }))).toThrow(InvalidRouteQuantityError);
    expect(() => routeOrder(input({ qty: Number.NaN }))).toThrow(InvalidRouteQuantityError);
  });

  it("takes the version from the parent id unless pinned, and says which", () => {
    const hashed = routeOrder(input({ parentId: "parent-1" }));
    expect([hashed.routerVersion, hashed.versionSource]).toEqual(["v3", "hash"]);
    expect(routeOrder(input({ parentId: "parent-1", version: "v1" })).versionSource).toBe("given");
  });
});

function frozenMarket(symbol: string) {
  const clock = createManualClock(NOW);
  const source = createSimulatedSource({ clock, seed: 23, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: [symbol] });
  source.start();
  const observations = createObservationStore({ source, clock });
  for (let i = 0; i < 600; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  const books = source.venuesFor(symbol).flatMap((v) => source.book(v, symbol) ?? []);
  return { clock, books, observations, sigma: observations.volatility(symbol).sigmaPerSecond };
}

describe("routeOrder on a simulated market (invariants, every version)", () => {
  const m = frozenMarket("ETH-USD");
  const route = (version: (typeof ROUTER_VERSIONS)[number], side: "buy" | "sell", qty: number, sequence = 3) =>
    routeOrder({
      parentId: "po_sim",
      nodeOrderId: "no_sim",
      sequence,
      symbol: "ETH-USD",
      side,
      qty,
      books: m.books,
      nowMs: m.clock.nowMs(),
      sigmaPerSecond: m.sigma,
      observations: m.observations,
      version,
    });

  for (const version of ROUTER_VERSIONS) {
    for (const [side, qty] of [["buy", 150], ["sell", 7.3]] as const) {
      it(`${version} ${side} ${qty}: legs sum to qty − unfilled, parts add up, replays identically`, () => {
        const d = route(version, side, qty);
        expect(d.id).toBe("rd_no_sim_3");
        expect(d.legs.length).toBeGreaterThan(0);
        expect(d.legs.reduce((s, l) => s + l.qty, 0)).toBeCloseTo(qty - d.unfilledQty, 9);
        for (const c of d.candidates) expect(c.scoreParts.total_bps).toBeCloseTo(partsSum(c.scoreParts), 9);
        for (const l of d.legs) expect(l.scoreParts.total_bps).toBeCloseTo(partsSum(l.scoreParts), 9);
        for (const c of d.candidates) expect(c.status === "chosen").toBe(d.legs.some((l) => l.venue === c.venue));
        for (const l of d.legs) expect(side === "buy" ? l.limitPrice >= l.avgPrice - 1e-9 : l.limitPrice <= l.avgPrice + 1e-9).toBe(true);
        if (version !== "v1") {
          expect(d.candidates.every((c) => (c.scoreParts.adverse_selection_bps ?? -1) >= 0 && (c.scoreParts.reject_penalty_bps ?? -1) >= 0)).toBe(true);
          expect(d.candidates.some((c) => (c.penaltyInputs.adverse_selection?.trades ?? 0) > 0)).toBe(true);
        }
        if (version === "v3") expect(d.candidates.every((c) => c.scoreParts.venue_impact_bps !== undefined)).toBe(true);
        const again = route(version, side, qty);
        expect(again).toEqual(d);
        expect(JSON.parse(JSON.stringify(d))).toEqual(d);
      });
    }
  }
});
