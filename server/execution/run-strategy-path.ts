/**
 * Runs one strategy over one simulated market path with the matching engine and returns
 * what the parent order got. Per step (time t):
 *   1. children and cancels that reached their venue by t are matched against the books
 *      as of the previous step (our taker fills then deplete those books);
 *   2. the books move to the step's mid;
 *   3. the step's market orders print trades on venues where we rest, then the book update
 *      is applied (trade-through and queue changes);
 *   4. the strategy reacts and sends children stamped t.
 * Fills after the horizon do not count; anything still open then is simply left unfilled.
 */
import type { SymbolId, Trade, VenueId } from "@/server/market-data/types";
import type { Rng } from "@/server/shared/rng";
import { takeSide } from "./book-reader";
import { createMatchingEngine } from "./matching-engine";
import { resolveFees, type FeeTierSelection, type VenueFeeRates } from "./resolve-fees";
import { ParentProgress } from "./parent-progress";
import type { PathBookTemplate } from "./path-book-template";
import type { PathVenueBook } from "./path-venue-book";
import { PathMarket } from "./replay-market-path";
import type { MarketPath } from "./simulate-market-path";
import { dustBelow, smallestTradableQty } from "./measure-dust";
import { venueSizing, type VenueSizing } from "./size-child-orders";
import type { ExecutionStrategy, StrategyContext } from "./strategy";
import type { BindingConstraint, ChildOrder, ExecutionEvent, Side } from "./types";

export interface StrategyPathSetup {
  symbol: SymbolId;
  side: Side;
  qty: number;
  startMs: number;
  horizonMs: number;
  /** Starting books (createPathBookTemplate), in the path's venue order. */
  books: readonly PathBookTemplate[];
  path: MarketPath;
  resiliencePerS: number;
  strategy: ExecutionStrategy;
  /** The engine's stream (latency, rejects): the same per path index for every strategy. */
  engineRng: Rng;
  feeTier?: FeeTierSelection;
  rejectRates?: Partial<Record<VenueId, number>>;
}

export interface PathOutcome {
  filledQty: number;
  notional: number;
  feeBpsNotional: number;
  /** Time from start to the fill that completed the parent; null if it never completed. */
  timeToCompleteMs: number | null;
  venueFilled: Map<VenueId, number>;
  bound: Set<BindingConstraint>;
}

export function runStrategyPath(setup: StrategyPathSetup): PathOutcome {
  const { symbol, side, qty, startMs, horizonMs, path, strategy } = setup;
  const deadlineMs = startMs + horizonMs;
  const market = new PathMarket(setup.books, path, startMs, setup.resiliencePerS);
  const engine = createMatchingEngine({ rng: setup.engineRng, fees: (v) => fees(v), rejectRates: setup.rejectRates, fillIdPrefix: "" });
  const sizings = new Map<VenueId, VenueSizing>();
  const sizing = (venue: VenueId) => {
    let s = sizings.get(venue);
    if (!s) {
      s = venueSizing(venue, symbol);
      sizings.set(venue, s);
    }
    return s;
  };
  const feeCache = new Map<VenueId, VenueFeeRates>();
  const fees = (venue: VenueId) => {
    let f = feeCache.get(venue);
    if (!f) {
      f = resolveFees(venue, setup.feeTier);
      feeCache.set(venue, f);
    }
    return f;
  };
  // A residual smaller than the smallest order any allowed venue accepts cannot be traded
  // anywhere, so it counts as done — unless the whole order is that small.
  const smallest = smallestTradableQty(market.books.map((b) => sizing(b.venue)), market.mid);
  const dust = qty >= smallest ? dustBelow(smallest) : qty * 1e-9;
  const progress = new ParentProgress(qty, dust);
  const bound = new Set<BindingConstraint>();
  const bookByVenue = new Map<VenueId, PathVenueBook>(market.books.map((b) => [b.venue, b]));
  const childTypes = new Map<string, ChildOrder["type"]>();
  let childSeq = 0;
  let nowMs = startMs;

  const ctx: StrategyContext = {
    get nowMs() {
      return nowMs;
    },
    startMs,
    deadlineMs,
    symbol,
    side,
    qty,
    progress,
    books: market.books,
    sizing,
    fees,
    submit(request) {
      const order: ChildOrder = { ...request, id: `${strategy.name}-${++childSeq}`, symbol, side, sentAtMs: nowMs };
      engine.submit(order);
      progress.trackSubmitted(order);
      childTypes.set(order.id, order.type);
      return order.id;
    },
    cancel(childId) {
      engine.cancel(childId, nowMs);
      progress.markCancelRequested(childId);
    },
    bind(constraint) {
      bound.add(constraint);
    },
  };

  const events: ExecutionEvent[] = [];
  const handle = (deplete: boolean) => {
    for (const e of events) {
      if (e.type === "fill" && e.tsMs <= deadlineMs) {
        progress.record(e);
        if (deplete && e.liquidity === "taker") bookByVenue.get(e.venue)?.consume(takeSide(side), e.price, e.qty);
      } else if (e.type === "done") {
        progress.record(e);
      } else if (e.type === "cancel" && e.reason === "ioc_residual" && e.qty > 0 && childTypes.get(e.childId) === "market") {
        bound.add("depth");
      }
    }
    events.length = 0;
  };

  for (const book of market.books) engine.onBook(book);
  strategy.step(ctx);
  // One reused print: the engine reads a trade during onTrade and keeps no reference.
  const trade: Trade = { venue: "binance", symbol, price: 0, qty: 0, aggressor: "buy", tsMs: startMs, id: "path" };
  // Our resting buys are hit by sell market orders, resting sells by buys.
  const aggressorBuys = side === "sell";

  for (let k = 1; k <= path.steps; k++) {
    const t = startMs + k * path.stepMs;
    engine.advanceTo(Math.min(t, deadlineMs), events);
    handle(true);
    market.advance();
    trade.tsMs = t;
    trade.aggressor = aggressorBuys ? "buy" : "sell";
    for (let v = 0; v < market.books.length; v++) {
      const book = market.books[v] as PathVenueBook;
      if (!engine.hasResting(book.venue, symbol)) continue;
      if (engine.hasResting(book.venue, symbol, side)) {
        trade.venue = book.venue;
        market.printStepTrades(v, aggressorBuys, (price, q) => {
          trade.price = price;
          trade.qty = q;
          engine.onTrade(trade, events);
        });
      }
      engine.onBook(book, events);
    }
    handle(false);
    if (progress.isComplete || t >= deadlineMs) break;
    nowMs = t;
    strategy.step(ctx);
  }
  if (!progress.isComplete) bound.add("horizon");

  return {
    filledQty: progress.filledQty,
    notional: progress.notional,
    feeBpsNotional: progress.feeBpsNotional,
    timeToCompleteMs: progress.completedAtMs === null ? null : progress.completedAtMs - startMs,
    venueFilled: progress.venueFilled,
    bound,
  };
}
