import { describe, expect, it } from "vitest";
import type { BookView, Trade, VenueId } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { createMatchingEngine, DuplicateChildIdError, type MatchingEngineOptions } from "./matching-engine";
import type { ChildOrder, ExecutionEvent, FillEvent } from "./types";

const SYMBOL = "BTC-USD";

function book(venue: VenueId, bids: [number, number][], asks: [number, number][], seq = 1, updatedAtMs = 0): BookView {
  return {
    venue,
    symbol: SYMBOL,
    bids: bids.map(([price, qty]) => ({ price, qty })),
    asks: asks.map(([price, qty]) => ({ price, qty })),
    seq,
    updatedAtMs,
  };
}

function trade(venue: VenueId, price: number, qty: number, aggressor: "buy" | "sell", tsMs: number): Trade {
  return { venue, symbol: SYMBOL, price, qty, aggressor, tsMs, id: `t-${tsMs}-${price}` };
}

/** Fixed latencies (P99 = median gives a zero-spread lognormal) and no random rejects. */
function engine(overrides: Partial<MatchingEngineOptions> = {}) {
  return createMatchingEngine({
    rng: createRng(1),
    latency: (venue) => ({ medianMs: venue === "coinbase" ? 40 : 10, p99Ms: 0 }),
    rejectRates: { binance: 0, coinbase: 0, okx: 0 },
    ...overrides,
  });
}

function order(partial: Partial<ChildOrder> & Pick<ChildOrder, "id">): ChildOrder {
  return { venue: "binance", symbol: SYMBOL, side: "buy", type: "market", qty: 1, timeInForce: "ioc", sentAtMs: 0, ...partial };
}

const fills = (events: ExecutionEvent[]) => events.filter((e): e is FillEvent => e.type === "fill");
const sumQty = (events: ExecutionEvent[]) => fills(events).reduce((s, f) => s + f.qty, 0);

const DEEP = book("binance", [[99.99, 1], [99.98, 2]], [[100.01, 0.5], [100.02, 1], [100.05, 2]]);

describe("matching engine: taking liquidity", () => {
  it("walks the book level by level at the taker fee and acks at sentAtMs + latency", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "c1", qty: 1.2 }));
    expect(e.advanceTo(9)).toEqual([]);
    const events = e.advanceTo(10);
    expect(events.map((x) => x.type)).toEqual(["ack", "fill", "fill", "done"]);
    const f = fills(events);
    expect(f.map((x) => [x.price, x.qty])).toEqual([
      [100.01, 0.5],
      [100.02, 0.7],
    ]);
    expect(f.every((x) => x.liquidity === "taker" && x.feeBps === 10 && x.tsMs === 10)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "done", status: "filled", filledQty: 1.2 });
    expect(e.child("c1")?.avgPrice).toBeCloseTo((0.5 * 100.01 + 0.7 * 100.02) / 1.2, 10);
  });

  it("fills partially when depth runs out and cancels the IOC residual", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "c1", qty: 5 }));
    const events = e.advanceTo(100);
    expect(sumQty(events)).toBeCloseTo(3.5, 12);
    expect(events.find((x) => x.type === "cancel")).toMatchObject({ reason: "ioc_residual", qty: 1.5 });
    expect(events.at(-1)).toMatchObject({ type: "done", status: "cancelled" });
    expect(e.child("c1")?.filledQty).toBeCloseTo(3.5, 12);
  });

  it("an IOC limit stops at its limit price", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "c1", type: "limit", limitPrice: 100.02, qty: 3 }));
    const events = e.advanceTo(100);
    expect(fills(events).map((f) => f.price)).toEqual([100.01, 100.02]);
    expect(events.find((x) => x.type === "cancel")).toMatchObject({ qty: 1.5 });
  });

  it("two children hitting the same book before it updates do not take the same liquidity", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "a", qty: 0.5 }));
    e.submit(order({ id: "b", qty: 0.5 }));
    const f = fills(e.advanceTo(100));
    expect(f.map((x) => [x.childId, x.price, x.qty])).toEqual([
      ["a", 100.01, 0.5],
      ["b", 100.02, 0.5],
    ]);
    // A new book (new seq) is the venue's own statement of what is left.
    e.onBook({ ...DEEP, seq: 2, updatedAtMs: 100 });
    e.submit(order({ id: "c", qty: 0.5, sentAtMs: 100 }));
    expect(fills(e.advanceTo(200))[0]?.price).toBe(100.01);
  });

  it("a market order with no opposite side fills nothing and is cancelled", () => {
    const e = engine();
    e.onBook(book("binance", [[99.99, 1]], []));
    e.submit(order({ id: "c1", qty: 0.1 }));
    const events = e.advanceTo(50);
    expect(events.map((x) => x.type)).toEqual(["ack", "cancel", "done"]);
    expect(events.at(-1)).toMatchObject({ filledQty: 0, avgPrice: null, status: "cancelled" });
  });
});

describe("matching engine: resting orders and queue position", () => {
  it("joins behind the displayed size and fills only the trade volume beyond it", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "p", type: "limit", limitPrice: 99.99, qty: 0.6, timeInForce: "gtc", postOnly: true }));
    expect(e.advanceTo(10).map((x) => x.type)).toEqual(["ack"]);
    expect(e.child("p")).toMatchObject({ status: "working", queueAhead: 1 });

    expect(e.onTrade(trade("binance", 99.99, 0.7, "sell", 20))).toEqual([]);
    expect(e.child("p")?.queueAhead).toBeCloseTo(0.3, 12);

    const partial = e.onTrade(trade("binance", 99.99, 0.5, "sell", 30));
    expect(fills(partial).map((f) => [f.qty, f.price, f.liquidity, f.feeBps])).toEqual([[expect.closeTo(0.2, 12), 99.99, "maker", 10]]);
    expect(e.child("p")).toMatchObject({ status: "working", queueAhead: 0 });

    // Buys lift the ask: they never fill a resting bid.
    expect(e.onTrade(trade("binance", 100.01, 5, "buy", 35))).toEqual([]);

    const rest = e.onTrade(trade("binance", 99.99, 1, "sell", 40));
    expect(sumQty(rest)).toBeCloseTo(0.4, 12);
    expect(rest.at(-1)).toMatchObject({ type: "done", status: "filled", tsMs: 40 });
    expect(e.child("p")?.filledQty).toBe(0.6);
  });

  it("an order that improves the price has nobody ahead", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "p", type: "limit", limitPrice: 100.0, qty: 0.5, timeInForce: "gtc", postOnly: true }));
    e.advanceTo(10);
    expect(e.child("p")?.queueAhead).toBe(0);
    expect(sumQty(e.onTrade(trade("binance", 100.0, 0.2, "sell", 20)))).toBeCloseTo(0.2, 12);
  });

  it("a trade through the price fills at the limit, up to the volume that went through", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "p", type: "limit", limitPrice: 99.99, qty: 0.6, timeInForce: "gtc" }));
    e.advanceTo(10);
    const first = e.onTrade(trade("binance", 99.98, 0.25, "sell", 20));
    expect(fills(first).map((f) => [f.qty, f.price, f.liquidity])).toEqual([[0.25, 99.99, "maker"]]);
    const second = e.onTrade(trade("binance", 99.97, 2, "sell", 30));
    expect(sumQty(second)).toBeCloseTo(0.35, 12);
    expect(second.at(-1)).toMatchObject({ type: "done", status: "filled" });
  });

  it("with tradeThrough 'full' any trade-through fills the whole remainder", () => {
    const e = engine({ tradeThrough: "full" });
    e.onBook(DEEP);
    e.submit(order({ id: "p", type: "limit", limitPrice: 99.99, qty: 0.6, timeInForce: "gtc" }));
    e.advanceTo(10);
    const events = e.onTrade(trade("binance", 99.98, 0.01, "sell", 20));
    expect(fills(events).map((f) => [f.qty, f.price, f.liquidity])).toEqual([[0.6, 99.99, "maker"]]);
  });

  it("the opposite side quoting at or through the price trades with us, each crossing quantity once", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "p", type: "limit", side: "sell", limitPrice: 100.01, qty: 1, timeInForce: "gtc", postOnly: true }));
    e.advanceTo(10);
    expect(e.child("p")?.queueAhead).toBe(0.5);
    const events = e.onBook(book("binance", [[100.01, 0.2], [100.0, 5]], [[100.02, 1]], 2, 50));
    expect(fills(events).map((f) => [f.qty, f.price, f.side, f.tsMs])).toEqual([[0.2, 100.01, "sell", 50]]);
    // The same cross still showing on the next update is the same buyers, not new ones.
    expect(fills(e.onBook(book("binance", [[100.01, 0.2], [100.0, 5]], [[100.02, 1]], 3, 60)))).toEqual([]);
    // A deeper cross brings more buyers through our price.
    expect(sumQty(e.onBook(book("binance", [[100.02, 0.3], [100.01, 0.2]], [[100.03, 1]], 4, 70)))).toBeCloseTo(0.3, 12);
    // Uncrossed, then crossed again: a new episode.
    e.onBook(book("binance", [[100.0, 1]], [[100.02, 1]], 5, 80));
    expect(sumQty(e.onBook(book("binance", [[100.02, 0.4]], [[100.03, 1]], 6, 90)))).toBeCloseTo(0.4, 12);
    expect(e.child("p")?.filledQty).toBeCloseTo(0.9, 12);
  });

  it("cancels at the level move the queue up pro rata (cancels spread uniformly)", () => {
    const e = engine();
    e.onBook(book("binance", [[99.99, 10]], [[100.01, 1]]));
    e.submit(order({ id: "p", type: "limit", limitPrice: 99.99, qty: 1, timeInForce: "gtc" }));
    e.advanceTo(10);
    e.onTrade(trade("binance", 99.99, 6, "sell", 20)); // qA 10 -> 4, displayed 10 -> 4
    e.onBook(book("binance", [[99.99, 4]], [[100.01, 1]], 2, 20)); // the trade, already counted
    expect(e.child("p")?.queueAhead).toBeCloseTo(4, 12);
    e.onBook(book("binance", [[99.99, 2]], [[100.01, 1]], 3, 30)); // half the level cancelled
    expect(e.child("p")?.queueAhead).toBeCloseTo(2, 12);
    e.onBook(book("binance", [[99.99, 7]], [[100.01, 1]], 4, 40)); // new orders join behind
    expect(e.child("p")?.queueAhead).toBeCloseTo(2, 12);
  });

  it("our own orders at one price queue behind each other", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "a", type: "limit", limitPrice: 99.99, qty: 0.5, timeInForce: "gtc" }));
    e.submit(order({ id: "b", type: "limit", limitPrice: 99.99, qty: 0.5, timeInForce: "gtc", sentAtMs: 1 }));
    e.advanceTo(20);
    expect(e.child("b")?.queueAhead).toBe(1.5);
    const events = e.onTrade(trade("binance", 99.99, 1.7, "sell", 30));
    expect(fills(events).map((f) => [f.childId, f.qty])).toEqual([
      ["a", 0.5],
      ["b", expect.closeTo(0.2, 12)],
    ]);
  });

  it("a marketable GTC limit takes first, then rests the residual at the front", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "c", type: "limit", limitPrice: 100.01, qty: 0.8, timeInForce: "gtc" }));
    const events = e.advanceTo(10);
    expect(fills(events).map((f) => [f.qty, f.liquidity])).toEqual([[0.5, "taker"]]);
    expect(e.child("c")).toMatchObject({ status: "working", queueAhead: 0 });
  });
});

describe("matching engine: latency, cancels and rejects", () => {
  it("matches against the book at arrival, not at sending", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "cb", venue: "coinbase", qty: 0.1 }));
    e.onBook(book("coinbase", [[99.9, 1]], [[100.5, 1]], 1, 0));
    e.onBook(book("coinbase", [[99.9, 1]], [[100.7, 1]], 2, 30));
    const events = e.onBook(book("coinbase", [[99.9, 1]], [[100.9, 1]], 3, 45));
    // 40 ms latency: arrives after the t=30 update and before the t=45 one.
    expect(fills(events).map((f) => [f.price, f.tsMs])).toEqual([[100.7, 40]]);
  });

  it("processes arrivals in arrival order across venues", () => {
    const e = engine();
    e.onBook(DEEP);
    e.onBook(book("coinbase", [[99.9, 1]], [[100.5, 1]]));
    e.submit(order({ id: "slow", venue: "coinbase", qty: 0.1, sentAtMs: 0 }));
    e.submit(order({ id: "fast", venue: "binance", qty: 0.1, sentAtMs: 5 }));
    expect(e.nextDueMs()).toBe(15);
    const acks = e.advanceTo(100).filter((x) => x.type === "ack");
    expect(acks.map((a) => [a.childId, a.tsMs])).toEqual([
      ["fast", 15],
      ["slow", 40],
    ]);
  });

  it("a cancel takes latency, never overtakes its order, and is refused once the order is done", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "p", type: "limit", limitPrice: 99.99, qty: 0.5, timeInForce: "gtc", sentAtMs: 0 }));
    e.cancel("p", 0); // sent with the order: lands with it, after it
    const events = e.advanceTo(10);
    expect(events.map((x) => x.type)).toEqual(["ack", "cancel", "done"]);
    expect(events[1]).toMatchObject({ reason: "requested", qty: 0.5 });

    e.submit(order({ id: "q", type: "limit", limitPrice: 99.99, qty: 0.5, timeInForce: "gtc", sentAtMs: 20 }));
    e.advanceTo(30);
    e.cancel("q", 31);
    // Traded through before the cancel lands (31 + 10 = 41).
    e.onTrade(trade("binance", 99.9, 1, "sell", 35));
    expect(e.advanceTo(41)).toEqual([{ type: "cancel_reject", childId: "q", venue: "binance", reason: "ORDER_NOT_WORKING", tsMs: 41 }]);
  });

  it("rejects post-only orders that would cross, off-grid prices and orders below the venue minimum", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "po", type: "limit", limitPrice: 100.01, qty: 0.1, timeInForce: "gtc", postOnly: true }));
    e.submit(order({ id: "tick", type: "limit", limitPrice: 99.995, qty: 0.1, timeInForce: "gtc" }));
    e.submit(order({ id: "small", qty: 0.00004 })); // 0.00004 × 100 = $0.004 < $5 minimum notional
    e.submit(order({ id: "lot", qty: 0.000011 }));
    const rejects = e.advanceTo(100).filter((x) => x.type === "reject");
    expect(rejects.map((r) => [r.childId, r.type === "reject" && r.reason])).toEqual([
      ["po", "POST_ONLY_WOULD_CROSS"],
      ["tick", "INVALID_PRICE"],
      ["small", "BELOW_MIN_SIZE"],
      ["lot", "INVALID_QTY"],
    ]);
  });

  it("random venue rejects follow the configured rate with a reason from the closed set", () => {
    const all = engine({ rejectRates: { binance: 1 } });
    all.onBook(DEEP);
    for (let i = 0; i < 20; i++) all.submit(order({ id: `r${i}`, qty: 0.1 }));
    const events = all.advanceTo(100);
    const reasons = new Set(events.flatMap((x) => (x.type === "reject" ? [x.reason] : [])));
    expect(events.filter((x) => x.type === "reject")).toHaveLength(20);
    expect([...reasons].sort()).toEqual(["EXCHANGE_BUSY", "EXCHANGE_REJECT"]);

    const some = engine({ rejectRates: { binance: 0.25 }, rng: createRng(5) });
    some.onBook({ ...DEEP, asks: [{ price: 100.01, qty: 1000 }] });
    for (let i = 0; i < 400; i++) some.submit(order({ id: `s${i}`, qty: 0.1 }));
    const rejected = some.advanceTo(100).filter((x) => x.type === "reject").length;
    expect(rejected).toBeGreaterThan(70);
    expect(rejected).toBeLessThan(130);
  });

  it("lists open children and forgets finished ones on request", () => {
    const e = engine();
    e.onBook(DEEP);
    e.submit(order({ id: "m", qty: 0.1 }));
    e.submit(order({ id: "p", type: "limit", limitPrice: 99.99, qty: 0.1, timeInForce: "gtc" }));
    expect(e.openChildIds()).toEqual(["m", "p"]);
    e.advanceTo(10);
    expect(e.openChildIds()).toEqual(["p"]);
    expect(e.hasResting("binance", SYMBOL, "buy")).toBe(true);
    expect(e.hasResting("binance", SYMBOL, "sell")).toBe(false);
    expect(e.release("p")).toBe(false);
    expect(e.release("m")).toBe(true);
    expect(e.child("m")).toBeUndefined();
  });

  it("refuses a reused child id", () => {
    const e = engine();
    e.submit(order({ id: "x" }));
    expect(() => e.submit(order({ id: "x" }))).toThrow(DuplicateChildIdError);
  });
});

describe("matching engine: accounting and determinism", () => {
  function scenario(seed: number): ExecutionEvent[] {
    // Registry latency profiles (lognormal) and default reject rates: everything from the seed.
    const e = createMatchingEngine({ rng: createRng(seed), fillIdPrefix: "s-" });
    const rng = createRng(seed + 1000);
    const out: ExecutionEvent[] = [];
    const venues: VenueId[] = ["binance", "coinbase", "okx"];
    for (const v of venues) e.onBook(book(v, [[99.9, 2]], [[100.1, 2]], 1, 0));
    for (let i = 0; i < 30; i++) {
      const v = venues[i % 3] as VenueId;
      e.submit(order({ id: `p${i}`, venue: v, type: "limit", limitPrice: 99.9, qty: 0.3, timeInForce: "gtc", sentAtMs: i }));
    }
    for (let t = 1; t <= 200; t++) {
      const v = venues[rng.int(3)] as VenueId;
      e.onTrade(trade(v, 99.9, Number((rng.next() * 0.8).toFixed(5)), "sell", t * 5), out);
    }
    return out;
  }

  it("same seed gives identical events; another seed does not", () => {
    const a = scenario(7);
    expect(scenario(7)).toEqual(a);
    expect(scenario(8)).not.toEqual(a);
  });

  it("fill ids are unique and no child is filled beyond its size", () => {
    const events = scenario(11);
    const ids = fills(events).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byChild = new Map<string, number>();
    for (const f of fills(events)) byChild.set(f.childId, (byChild.get(f.childId) ?? 0) + f.qty);
    expect(byChild.size).toBeGreaterThan(0);
    for (const total of byChild.values()) expect(total).toBeLessThanOrEqual(0.3);
    const done = events.filter((x) => x.type === "done" && x.status === "filled");
    expect(done.length).toBeGreaterThan(0);
  });
});
