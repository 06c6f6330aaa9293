/**
 * Queue-aware matching of child orders against venue books we observe but do not own:
 * our orders are "shadow" orders, never inserted into the book. The same engine runs the
 * sandbox (live simulated books) and /simulate (simulated market paths); it is driven only
 * by what it is told — submit/cancel, book updates, trades and time — and returns events.
 *
 * Timing: an order is live at the venue at sentAtMs + one ack-latency draw (lognormal
 * fitted to the venue's median/P99, sample-latency.ts). Cancels take their own latency
 * draw but never overtake the order they cancel (a venue processes one session's
 * messages in order). Actions due at or before an event's time are processed first,
 * against the latest book the engine was given (books are piecewise constant between
 * updates, as a feed is).
 *
 * On arrival: deterministic venue checks (instrument, lot/tick grid, min size, post-only),
 * then a random venue reject (reject-rates.ts). Marketable quantity walks the book (taker
 * fee), one fill per level; an IOC/market residual is cancelled; a GTC residual rests with
 * queue-ahead = displayed size at its price on arrival (0 when it improves the price) plus
 * any of our own earlier orders there (own orders keep time priority among themselves).
 * Liquidity we take is remembered against the book's seq, so two children hitting the
 * same book before it updates cannot both take the same quantity.
 *
 * Resting orders (maker fee), the queue model:
 * - A trade at our price first eats the queue ahead; only the excess reaches us.
 * - A trade at a worse price than ours, or the opposite side quoting at/through our price,
 *   means the market traded through us: we fill at our price. By default ("volume") the
 *   fill is bounded by the volume that went through — the print's size, or the opposite
 *   side's quantity at/through our price, each crossing quantity matched once while the
 *   cross lasts — so a 100 BTC bid is not filled by a one-tick move that 0.8 BTC of asks
 *   crossed. "full" fills the whole remainder on any trade-through (the classic shadow-
 *   order rule; identical for small children, optimistic for large ones).
 * - Displayed size at our price shrinking beyond what trades explain is cancels, assumed
 *   spread uniformly across the queue, so the part ahead of us shrinks pro rata
 *   (qA -= shrink × qA / displayed), after subtracting what trades at the level already
 *   explained. This is the identity case of Rigtorp's probabilistic queue estimator as
 *   hftbacktest implements it (IdentityProbQueueModel, f(x) = x); size added to the level
 *   joins behind us and does not move us back.
 * Limits: trades are assumed reported before the book update that reflects them (the
 * simulated source emits them so); a print through our price is counted in full for us
 * although part of it may have been meant for orders queued with us.
 */
import type { BookView, SymbolId, Trade, VenueId } from "@/server/market-data/types";
import { isOnGrid } from "@/server/market-data/market-grid";
import { getVenue, instrumentFor, type InstrumentSpec } from "@/server/market-data/venues";
import type { Rng } from "@/server/shared/rng";
import { isBookReader, ownSide, readBookView, samePrice, takeSide, type BookReader } from "./book-reader";
import { drawVenueReject, rejectRateFor } from "./reject-rates";
import { resolveFees, type FeeTierSelection, type VenueFeeRates } from "./resolve-fees";
import { fitLognormalLatency, sampleLatencyMs, type LatencyQuantiles, type LognormalParams } from "./sample-latency";
import type { CancelReason, ChildFinalStatus, ChildOrder, ExecutionEvent, Liquidity, RejectReason, Side } from "./types";

export type { FeeTierSelection, VenueFeeRates };

export interface MatchingEngineOptions {
  rng: Rng;
  /** Desk fee tier; default the venue's entry tier. Ignored when `fees` is given. */
  feeTier?: FeeTierSelection;
  fees?: (venue: VenueId) => VenueFeeRates;
  /** Ack latency quantiles; default the venue registry's profile. */
  latency?: (venue: VenueId) => LatencyQuantiles;
  /** Per-venue probability that a valid order is refused; default DEFAULT_REJECT_RATES. */
  rejectRates?: Partial<Record<VenueId, number>>;
  /** Instrument specs for validation; default the venue registry. */
  instrument?: (venue: VenueId, symbol: SymbolId) => InstrumentSpec | undefined;
  /** Fill ids are `${fillIdPrefix}${n}`; give each engine its own prefix when ids must be unique across engines. */
  fillIdPrefix?: string;
  /** How much a trade-through fills: the volume that went through (default) or the whole remainder. */
  tradeThrough?: TradeThroughRule;
}

export type TradeThroughRule = "volume" | "full";

export type ChildStatus = "in_flight" | "working" | ChildFinalStatus;

export interface ChildOrderState {
  order: ChildOrder;
  status: ChildStatus;
  /** When the order is (or was) live at the venue. */
  arrivalMs: number;
  filledQty: number;
  avgPrice: number | null;
  /** Displayed quantity still ahead of a resting order; null unless working. */
  queueAhead: number | null;
  cancelRequested: boolean;
}

export class DuplicateChildIdError extends Error {
  constructor(readonly childId: string) {
    super(`child order id "${childId}" was already submitted`);
    this.name = "DuplicateChildIdError";
  }
}

export class UnknownChildIdError extends Error {
  constructor(readonly childId: string) {
    super(`unknown child order id "${childId}"`);
    this.name = "UnknownChildIdError";
  }
}

// Relative quantity slack: sums of ~100 float fills drift by ~1e-14 of the order.
const QTY_EPS = 1e-12;

interface ChildRecord {
  order: ChildOrder;
  status: ChildStatus;
  arrivalMs: number;
  filledQty: number;
  notional: number;
  queueAhead: number;
  lastDisplayed: number;
  /** Opposite-side quantity at/through our price already matched in the current cross. */
  crossMatched: number;
  cancelRequested: boolean;
}

interface PendingAction {
  dueMs: number;
  seq: number;
  kind: "arrive" | "cancel";
  child: ChildRecord;
}

interface VenueMarket {
  book: BookReader | undefined;
  overlaySeq: number;
  /** What we took from the current book (seq overlaySeq), by price. */
  takenBids: Map<number, number>;
  takenAsks: Map<number, number>;
  /** Working orders in time priority. */
  resting: ChildRecord[];
}

export class MatchingEngine {
  private readonly rng: Rng;
  private readonly feesOf: (venue: VenueId) => VenueFeeRates;
  private readonly latencyOf: (venue: VenueId) => LatencyQuantiles;
  private readonly instrumentOf: (venue: VenueId, symbol: SymbolId) => InstrumentSpec | undefined;
  private readonly rejectRates: Partial<Record<VenueId, number>> | undefined;
  private readonly fillIdPrefix: string;
  private readonly fullTradeThrough: boolean;
  private readonly children = new Map<string, ChildRecord>();
  private readonly markets = new Map<VenueId, Map<SymbolId, VenueMarket>>();
  private readonly feeCache = new Map<VenueId, VenueFeeRates>();
  private readonly latencyCache = new Map<VenueId, LognormalParams>();
  private readonly pending: PendingAction[] = [];
  private actionSeq = 0;
  private fillSeq = 0;
  private clockMs = Number.NEGATIVE_INFINITY;

  constructor(options: MatchingEngineOptions) {
    this.rng = options.rng;
    const tier = options.feeTier;
    this.feesOf = options.fees ?? ((venue) => resolveFees(venue, tier));
    this.latencyOf = options.latency ?? ((venue) => getVenue(venue).latency);
    this.instrumentOf = options.instrument ?? instrumentFor;
    this.rejectRates = options.rejectRates;
    this.fillIdPrefix = options.fillIdPrefix ?? "fill-";
    this.fullTradeThrough = options.tradeThrough === "full";
  }

  /** Latest time the engine has processed. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** When the next in-flight order or cancel reaches its venue, if any. */
  nextDueMs(): number | undefined {
    return this.pending[0]?.dueMs;
  }

  /** Sends an order; it reaches the venue after one latency draw. Throws on a reused id. */
  submit(order: ChildOrder): void {
    if (this.children.has(order.id)) throw new DuplicateChildIdError(order.id);
    const arrivalMs = order.sentAtMs + this.sampleLatency(order.venue);
    const child: ChildRecord = {
      order,
      status: "in_flight",
      arrivalMs,
      filledQty: 0,
      notional: 0,
      queueAhead: 0,
      lastDisplayed: 0,
      crossMatched: 0,
      cancelRequested: false,
    };
    this.children.set(order.id, child);
    this.schedule({ dueMs: arrivalMs, seq: this.actionSeq++, kind: "arrive", child });
  }

  /**
   * Requests a cancel sent at sentAtMs. Idempotent; a cancel reaching a finished order
   * produces cancel_reject. Throws for an id never submitted.
   */
  cancel(childId: string, sentAtMs: number): void {
    const child = this.children.get(childId);
    if (!child) throw new UnknownChildIdError(childId);
    if (child.cancelRequested) return;
    child.cancelRequested = true;
    const dueMs = Math.max(sentAtMs + this.sampleLatency(child.order.venue), child.arrivalMs);
    this.schedule({ dueMs, seq: this.actionSeq++, kind: "cancel", child });
  }

  /** Processes every arrival and cancel due at or before tMs. */
  advanceTo(tMs: number, out: ExecutionEvent[] = []): ExecutionEvent[] {
    const queue = this.pending;
    while (queue.length > 0 && (queue[0] as PendingAction).dueMs <= tMs) {
      const action = queue.shift() as PendingAction;
      this.clockMs = Math.max(this.clockMs, action.dueMs);
      if (action.kind === "arrive") this.arrive(action.child, out);
      else this.applyCancel(action.child, out);
    }
    this.clockMs = Math.max(this.clockMs, tMs);
    return out;
  }

  /**
   * A book update (a live BookView, or a reader a simulated path keeps current). Due
   * actions run first against the previous book; then resting orders on this book are
   * checked for trade-through and cancels ahead of them.
   */
  onBook(book: BookReader | BookView, out: ExecutionEvent[] = []): ExecutionEvent[] {
    const reader = isBookReader(book) ? book : readBookView(book);
    this.advanceTo(book.updatedAtMs, out);
    const market = this.market(reader.venue, reader.symbol);
    market.book = reader;
    if (market.resting.length === 0) return out;
    const ts = this.clockMs;
    let finished = false;
    for (const child of market.resting) {
      const { side, limitPrice } = child.order;
      const price = limitPrice as number;
      // Counting crossing size beyond what could still fill us is wasted work.
      const crossing = reader.qtyUpTo(takeSide(side), price, child.crossMatched + this.openQty(child));
      if (crossing > 0) {
        const fresh = this.fullTradeThrough ? this.openQty(child) : crossing - child.crossMatched;
        if (fresh > 0) this.fill(child, fresh, price, "maker", ts, out);
        child.crossMatched = Math.max(child.crossMatched, crossing);
      } else {
        child.crossMatched = 0;
      }
      const displayed = reader.qtyAt(ownSide(side), price);
      if (displayed < child.lastDisplayed) {
        const shrink = child.lastDisplayed - displayed;
        const aheadShare = Math.min(1, child.queueAhead / child.lastDisplayed);
        child.queueAhead = Math.max(0, child.queueAhead - shrink * aheadShare);
      }
      child.lastDisplayed = displayed;
      if (this.openQty(child) <= 0) finished = true;
    }
    if (finished) this.finishFilled(market, ts, out);
    return out;
  }

  /** A trade printed on a venue. The engine reads it during the call and keeps no reference. */
  onTrade(trade: Trade, out: ExecutionEvent[] = []): ExecutionEvent[] {
    this.advanceTo(trade.tsMs, out);
    const market = this.markets.get(trade.venue)?.get(trade.symbol);
    if (!market || market.resting.length === 0) return out;
    const ts = this.clockMs;
    const hitSide: Side = trade.aggressor === "sell" ? "buy" : "sell";
    let finished = false;
    for (const child of market.resting) {
      if (child.order.side !== hitSide) continue;
      const price = child.order.limitPrice as number;
      if (samePrice(trade.price, price)) {
        const excess = trade.qty - child.queueAhead;
        child.queueAhead = Math.max(0, child.queueAhead - trade.qty);
        child.lastDisplayed = Math.max(0, child.lastDisplayed - trade.qty);
        if (excess > 0) this.fill(child, excess, price, "maker", ts, out);
      } else if (hitSide === "buy" ? trade.price < price : trade.price > price) {
        this.fill(child, this.fullTradeThrough ? this.openQty(child) : trade.qty, price, "maker", ts, out);
      }
      if (this.openQty(child) <= 0) finished = true;
    }
    if (finished) this.finishFilled(market, ts, out);
    return out;
  }

  /** True when a working order of ours rests on this venue's book (optionally on one side). */
  hasResting(venue: VenueId, symbol: SymbolId, side?: Side): boolean {
    const resting = this.markets.get(venue)?.get(symbol)?.resting;
    if (!resting || resting.length === 0) return false;
    if (side === undefined) return true;
    for (const child of resting) if (child.order.side === side) return true;
    return false;
  }

  child(childId: string): ChildOrderState | undefined {
    const c = this.children.get(childId);
    if (!c) return undefined;
    return {
      order: c.order,
      status: c.status,
      arrivalMs: c.arrivalMs,
      filledQty: c.filledQty,
      avgPrice: c.filledQty > 0 ? c.notional / c.filledQty : null,
      queueAhead: c.status === "working" ? c.queueAhead : null,
      cancelRequested: c.cancelRequested,
    };
  }

  /** Ids of children not yet finished (in flight or working), in submission order. */
  openChildIds(): string[] {
    const ids: string[] = [];
    for (const [id, c] of this.children) if (c.status === "in_flight" || c.status === "working") ids.push(id);
    return ids;
  }

  /** Forgets a finished child (long-running sandboxes); returns false if it is still open. */
  release(childId: string): boolean {
    const c = this.children.get(childId);
    if (!c) return true;
    if (c.status === "in_flight" || c.status === "working") return false;
    if (this.pending.some((p) => p.child === c)) return false;
    this.children.delete(childId);
    return true;
  }

  private schedule(action: PendingAction): void {
    const queue = this.pending;
    let i = queue.length;
    while (i > 0 && (queue[i - 1] as PendingAction).dueMs > action.dueMs) i--;
    queue.splice(i, 0, action);
  }

  private sampleLatency(venue: VenueId): number {
    let params = this.latencyCache.get(venue);
    if (!params) {
      params = fitLognormalLatency(this.latencyOf(venue));
      this.latencyCache.set(venue, params);
    }
    return sampleLatencyMs(params, this.rng);
  }

  private fees(venue: VenueId): VenueFeeRates {
    let f = this.feeCache.get(venue);
    if (!f) {
      f = this.feesOf(venue);
      this.feeCache.set(venue, f);
    }
    return f;
  }

  private market(venue: VenueId, symbol: SymbolId): VenueMarket {
    let bySymbol = this.markets.get(venue);
    if (!bySymbol) {
      bySymbol = new Map();
      this.markets.set(venue, bySymbol);
    }
    let m = bySymbol.get(symbol);
    if (!m) {
      m = { book: undefined, overlaySeq: Number.NaN, takenBids: new Map(), takenAsks: new Map(), resting: [] };
      bySymbol.set(symbol, m);
    }
    return m;
  }

  private openQty(child: ChildRecord): number {
    const open = child.order.qty - child.filledQty;
    return open > child.order.qty * QTY_EPS ? open : 0;
  }

  private arrive(child: ChildRecord, out: ExecutionEvent[]): void {
    const { order } = child;
    const ts = child.arrivalMs;
    const market = this.market(order.venue, order.symbol);
    const reason = this.validate(order, market.book) ?? drawVenueReject(rejectRateFor(order.venue, this.rejectRates), this.rng);
    if (reason) {
      child.status = "rejected";
      out.push({ type: "reject", childId: order.id, venue: order.venue, reason, tsMs: ts });
      this.done(child, ts, out);
      return;
    }
    child.status = "working";
    out.push({ type: "ack", childId: order.id, venue: order.venue, tsMs: ts });
    if (order.type === "market") this.take(child, market, undefined, ts, out);
    else if (!order.postOnly) this.take(child, market, order.limitPrice, ts, out);

    if (this.openQty(child) <= 0) {
      child.status = "filled";
      this.done(child, ts, out);
    } else if (order.type === "market" || order.timeInForce === "ioc") {
      this.cancelOpen(child, "ioc_residual", ts, out);
    } else {
      this.rest(child, market);
    }
  }

  private validate(order: ChildOrder, book: BookReader | undefined): RejectReason | undefined {
    const spec = this.instrumentOf(order.venue, order.symbol);
    if (!spec) return "UNKNOWN_INSTRUMENT";
    if (!(order.qty > 0) || !Number.isFinite(order.qty) || !isOnGrid(order.qty, spec.lotSize)) return "INVALID_QTY";
    let refPrice: number | undefined;
    if (order.type === "limit") {
      const p = order.limitPrice;
      if (p === undefined || !(p > 0) || !Number.isFinite(p) || !isOnGrid(p, spec.tickSize)) return "INVALID_PRICE";
      refPrice = p;
    } else {
      refPrice = book?.best(takeSide(order.side))?.price;
    }
    const slack = 1 - 1e-9;
    if (order.qty < spec.minQty * slack) return "BELOW_MIN_SIZE";
    if (refPrice !== undefined && order.qty * refPrice < spec.minNotional * slack) return "BELOW_MIN_SIZE";
    if (order.type === "limit" && order.postOnly && book) {
      const opposite = book.best(takeSide(order.side));
      const limit = order.limitPrice as number;
      if (opposite && (samePrice(opposite.price, limit) || (order.side === "buy" ? opposite.price < limit : opposite.price > limit))) {
        return "POST_ONLY_WOULD_CROSS";
      }
    }
    return undefined;
  }

  /** Walks the opposite side up to the limit, net of what we already took from this book. */
  private take(child: ChildRecord, market: VenueMarket, limit: number | undefined, ts: number, out: ExecutionEvent[]): void {
    const book = market.book;
    if (!book) return;
    if (book.seq !== market.overlaySeq) {
      market.takenBids.clear();
      market.takenAsks.clear();
      market.overlaySeq = book.seq;
    }
    const side = takeSide(child.order.side);
    // A book returns the same price value for a level on every read of one seq, so exact keys are safe.
    const taken = side === "bid" ? market.takenBids : market.takenAsks;
    const buy = child.order.side === "buy";
    book.walk(side, (price, qty) => {
      if (limit !== undefined && !samePrice(price, limit) && (buy ? price > limit : price < limit)) return false;
      const before = taken.get(price) ?? 0;
      const available = qty - before;
      if (available > 0) {
        const got = this.fill(child, available, price, "taker", ts, out);
        if (got > 0) taken.set(price, before + got);
      }
      return this.openQty(child) > 0;
    });
  }

  private rest(child: ChildRecord, market: VenueMarket): void {
    const { side, limitPrice } = child.order;
    const price = limitPrice as number;
    const displayed = market.book?.qtyAt(ownSide(side), price) ?? 0;
    let ownAhead = 0;
    for (const other of market.resting) {
      if (other.order.side === side && samePrice(other.order.limitPrice as number, price)) ownAhead += this.openQty(other);
    }
    child.queueAhead = displayed + ownAhead;
    child.lastDisplayed = displayed;
    market.resting.push(child);
  }

  /** Fills up to `want`; returns the quantity actually filled (never more than is open). */
  private fill(child: ChildRecord, want: number, price: number, liquidity: Liquidity, ts: number, out: ExecutionEvent[]): number {
    const open = this.openQty(child);
    if (open <= 0 || !(want > 0)) return 0;
    // Snap a last sliver to the full remainder so float dust never leaves an order open.
    const qty = want >= open - child.order.qty * QTY_EPS ? open : want;
    child.filledQty = Math.min(child.order.qty, child.filledQty + qty);
    child.notional += qty * price;
    const fees = this.fees(child.order.venue);
    out.push({
      type: "fill",
      id: `${this.fillIdPrefix}${++this.fillSeq}`,
      childId: child.order.id,
      venue: child.order.venue,
      side: child.order.side,
      qty,
      price,
      liquidity,
      feeBps: liquidity === "maker" ? fees.makerBps : fees.takerBps,
      tsMs: ts,
    });
    return qty;
  }

  private applyCancel(child: ChildRecord, out: ExecutionEvent[]): void {
    const ts = this.clockMs;
    if (child.status !== "working") {
      out.push({ type: "cancel_reject", childId: child.order.id, venue: child.order.venue, reason: "ORDER_NOT_WORKING", tsMs: ts });
      return;
    }
    const market = this.market(child.order.venue, child.order.symbol);
    const index = market.resting.indexOf(child);
    if (index >= 0) {
      market.resting.splice(index, 1);
      const open = this.openQty(child);
      // Our later orders at the same price move up by what this one held.
      for (let i = index; i < market.resting.length; i++) {
        const later = market.resting[i] as ChildRecord;
        if (later.order.side === child.order.side && samePrice(later.order.limitPrice as number, child.order.limitPrice as number)) {
          later.queueAhead = Math.max(0, later.queueAhead - open);
        }
      }
    }
    this.cancelOpen(child, "requested", ts, out);
  }

  private cancelOpen(child: ChildRecord, reason: CancelReason, ts: number, out: ExecutionEvent[]): void {
    child.status = "cancelled";
    out.push({ type: "cancel", childId: child.order.id, venue: child.order.venue, qty: this.openQty(child), reason, tsMs: ts });
    this.done(child, ts, out);
  }

  private finishFilled(market: VenueMarket, ts: number, out: ExecutionEvent[]): void {
    const still: ChildRecord[] = [];
    for (const child of market.resting) {
      if (this.openQty(child) > 0) still.push(child);
      else {
        child.status = "filled";
        this.done(child, ts, out);
      }
    }
    market.resting = still;
  }

  private done(child: ChildRecord, ts: number, out: ExecutionEvent[]): void {
    out.push({
      type: "done",
      childId: child.order.id,
      venue: child.order.venue,
      status: child.status as ChildFinalStatus,
      filledQty: child.filledQty,
      avgPrice: child.filledQty > 0 ? child.notional / child.filledQty : null,
      tsMs: ts,
    });
  }
}

export function createMatchingEngine(options: MatchingEngineOptions): MatchingEngine {
  return new MatchingEngine(options);
}
