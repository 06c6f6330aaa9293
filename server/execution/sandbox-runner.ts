/**
 * The sandbox: works parent orders against the running market with the queue-aware
 * matching engine (the same one /simulate uses). Each tick it moves the engine to the
 * market clock, applies fills and child outcomes to the parents, fires graph edges, and
 * sends the next child orders: the smart order router's legs as immediate-or-cancel
 * limits (policy sor), or a resting order chasing the touch (aggressive_chase), paced
 * by a TWAP schedule when the order has one.
 *
 * Write-ahead: every change is handed to the journal (the store's append-only event log)
 * in order, and a child reaches the venue only once its child_sent event is durable. The
 * journal never drops an event; while the store cannot be written nothing new is sent,
 * and an outage longer than STORE_HALT_FAIL_MS stops every working order (children
 * pulled, FAILED STORE_UNAVAILABLE), so memory and the log never tell different stories.
 *
 * Dust: a remainder below the smallest order any venue the order may use accepts is never
 * routed (measure-dust.ts). The order completes with it (REJECTED BELOW_MIN_SIZE when
 * nothing filled), and a TWAP slice's dust waits to be released with the next slice.
 */
import type { BookView, MarketSource, VenueId } from "@/server/market-data/types";
import { currentBooks } from "@/server/market-data/current-books";
import { computeNbbo } from "@/server/market-data/nbbo";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { GraphEdges, type EdgeTrigger, type GraphEdge } from "./graph-edges";
import { HORIZON_MS_BY_URGENCY } from "./horizons";
import type { MatchingEngine } from "./matching-engine";
import { isDust, smallestTradableQty } from "./measure-dust";
import type { OrderRejectReason } from "./order-reject-reasons";
import { openQty, releasedQty, remainingQty, type ParentOrder } from "./parent-order";
import { venueSizing } from "./size-child-orders";
import type { ChildOrder, ExecutionEvent, Side } from "./types";

export type { EdgeTrigger } from "./graph-edges";
export type FinalStatus = "COMPLETED" | "CANCELLED" | "REJECTED" | "FAILED";

/** How long the store may refuse writes before working orders are stopped. */
export const STORE_HALT_FAIL_MS = 5_000;

/**
 * Every method queues its event in order and resolves true once it is durable (false when
 * the event was refused as illegal for the order's log, so it will never be written).
 */
export interface RunnerJournal {
  event(orderId: string, kind: string, payload: Record<string, unknown>, atMs: number): Promise<boolean>;
  /** `closesChild`: the child is fully filled by this fill (so its fixed-point size can be matched exactly). */
  fill(orderId: string, fill: { fillId: string; childId: string; venue: VenueId; qty: number; price: number; feeUsd: number; liquidity: "maker" | "taker"; atMs: number; closesChild: boolean }): Promise<boolean>;
  /**
   * Queues the decision and returns the id its children refer to. A decision that sent
   * nothing (`acted` false) and repeats the order's last stored one is only counted.
   */
  decision(orderId: string, decision: RoutingDecision, acted: boolean): string | null;
  /** A routing round skipped because nothing can be taken at the limit: counts as a repeat of the last decision. */
  repeatDecision?(orderId: string, atMs: number): void;
  /** `rejectReason` is always set for REJECTED and FAILED (the runner's finish requires it). */
  status(orderId: string, status: "RUNNING" | FinalStatus, atMs: number, rejectReason?: OrderRejectReason): Promise<boolean>;
  /** A client paused, resumed or asked to cancel the order (`byKeyId` null when the system did). */
  control(orderId: string, kind: "paused" | "resumed" | "cancel_requested", byKeyId: string | null, atMs: number): Promise<boolean>;
  /** Resolves when everything recorded so far is written. */
  flush?(): Promise<void>;
  /** Since when writes have been failing (undefined while the store takes them). */
  failingSinceMs?(): number | undefined;
  /** The order is final and its events are queued: the journal may drop what it tracks once written. */
  release?(orderId: string): void;
}

export interface RouteRequest {
  parent: ParentOrder;
  qty: number;
  books: readonly BookView[];
  nowMs: number;
  sequence: number;
}

export interface SandboxRunnerOptions {
  engine: MatchingEngine;
  source: MarketSource;
  journal: RunnerJournal;
  route: (req: RouteRequest) => RoutingDecision;
  log?: (msg: string, err?: unknown) => void;
  /** Wait between routing rounds of one order, ms. */
  reRouteMs?: number;
  /** Rounds with nothing routable before an order fails for lack of liquidity. */
  maxEmptyRoutes?: number;
}

interface DeskFence {
  engaged: boolean;
  version: number;
}

export class SandboxRunner {
  private readonly parents = new Map<string, ParentOrder>();
  private readonly byChild = new Map<string, ParentOrder>();
  private readonly edges = new GraphEdges();
  private readonly parentOf = (orderId: string) => this.parents.get(orderId);
  private readonly firstFillSeen = new Set<string>();
  private readonly fences = new Map<string, DeskFence>();
  /** Journal writes not yet settled (flush waits on them). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private pendingSends = 0;
  private lastTickMs = 0;
  private detach: (() => void) | undefined;

  constructor(private readonly o: SandboxRunnerOptions) {}

  /** Feeds books and trades from the source into the matching engine. */
  attach(): void {
    this.detach = this.o.source.addListener({
      onBook: (book) => this.handle(this.o.engine.onBook(book)),
      onTrade: (trade) => this.handle(this.o.engine.onTrade(trade)),
    });
  }

  stop(): void {
    this.detach?.();
  }

  /** Resolves when everything journaled so far is written and every durable child has been sent. */
  async flush(): Promise<void> {
    do {
      await Promise.all([...this.inFlight]);
      await this.o.journal.flush?.();
      // Dispatch callbacks run right after their batch commits; let them run.
      await new Promise((resolve) => setImmediate(resolve));
    } while (this.pendingSends > 0);
  }

  /** Children whose child_sent is not yet durable (so not yet at the venue). */
  hasPendingSends(): boolean {
    return this.pendingSends > 0;
  }

  working(): ParentOrder[] {
    return [...this.parents.values()].filter((p) => !p.final);
  }

  /** Orders held in memory (working, or final with children still open). */
  size(): number {
    return this.parents.size;
  }

  get(orderId: string): ParentOrder | undefined {
    return this.parents.get(orderId);
  }

  /** The desk's kill switch as last committed; orders created under another version are fenced off. */
  setFence(deskId: string, engaged: boolean, version: number): void {
    this.fences.set(deskId, { engaged, version });
  }

  /**
   * Adds a node order; `edges` are the graph edges leaving it (to other node order ids).
   * `killSwitchVersion` is the switch version its create transaction passed: if the desk's
   * switch is engaged now, or changed since (an engage committed after the order did), the
   * order is cancelled at once and never runs.
   */
  add(parent: ParentOrder, edges: readonly GraphEdge[] = [], killSwitchVersion?: number): void {
    this.parents.set(parent.orderId, parent);
    this.edges.set(parent.orderId, edges);
    const fence = this.fences.get(parent.deskId) ?? { engaged: false, version: 0 };
    if (fence.engaged || (killSwitchVersion !== undefined && killSwitchVersion !== fence.version)) {
      void this.requestCancel(parent.orderId, this.lastTickMs || parent.nextActionAtMs, "KILL_SWITCH");
    }
  }

  /** Starts the graph's roots (or a lone order) and fires on_accepted edges. */
  start(orderId: string, nowMs: number): void {
    const p = this.parents.get(orderId);
    if (!p || p.final || p.cancelRequested || !p.waiting) return;
    p.waiting = false;
    p.startedAtMs = nowMs;
    this.journal(this.o.journal.status(p.orderId, "RUNNING", nowMs));
    this.fire(p, "on_accepted", nowMs);
  }

  /**
   * `reason` is set when the system cancels (e.g. KILL_SWITCH); a client's cancel has none.
   * The request goes to the log first (who asked, when), then the children are cancelled.
   * Resolves true when the request is durable; false when there is nothing to cancel.
   */
  requestCancel(orderId: string, nowMs: number, reason?: OrderRejectReason, byKeyId: string | null = null): Promise<boolean> {
    const p = this.parents.get(orderId);
    if (!p || p.final) return Promise.resolve(false);
    const durable = p.cancelRequested ? Promise.resolve(true) : this.journal(this.o.journal.control(p.orderId, "cancel_requested", byKeyId, nowMs));
    if (!p.cancelRequested || reason) p.cancelReason = reason ?? p.cancelReason;
    p.cancelRequested = true;
    this.pullChildren(p, nowMs, () => true);
    if (p.waiting || p.open.size === 0) this.finishStopped(p, nowMs);
    return durable;
  }

  /**
   * Stops working the order: no new children or slices; resting children are pulled, and
   * immediate-or-cancel ones already sent finish on their own (their fills still count).
   * A graph node still waiting for its trigger cannot pause, nor can an order being
   * cancelled. Resolves true once the pause is durable, false when it does not apply.
   */
  pause(orderId: string, nowMs: number, byKeyId: string | null): Promise<boolean> {
    const p = this.parents.get(orderId);
    if (!p || p.final || p.waiting || p.cancelRequested || p.failReason !== undefined) return Promise.resolve(false);
    if (p.pausedAtMs !== undefined) return Promise.resolve(true);
    p.pausedAtMs = nowMs;
    this.pullChildren(p, nowMs, (c) => c.resting);
    return this.journal(this.o.journal.control(p.orderId, "paused", byKeyId, nowMs));
  }

  /**
   * Works the order again. The pause does not count as working time: slices not yet due
   * when it paused, the chase horizon and on_timeout edges all move later by its length,
   * so a TWAP keeps its pacing instead of catching up in a burst.
   */
  resume(orderId: string, nowMs: number, byKeyId: string | null): Promise<boolean> {
    const p = this.parents.get(orderId);
    if (!p || p.final) return Promise.resolve(false);
    if (p.pausedAtMs === undefined) return Promise.resolve(!p.waiting);
    const pausedAt = p.pausedAtMs;
    const pausedFor = Math.max(0, nowMs - pausedAt);
    if (p.slices) p.slices = p.slices.map((s) => (s.dueAtMs > pausedAt ? { ...s, dueAtMs: s.dueAtMs + pausedFor } : s));
    if (p.startedAtMs !== undefined) p.startedAtMs += pausedFor;
    p.pausedAtMs = undefined;
    p.nextActionAtMs = nowMs;
    return this.journal(this.o.journal.control(p.orderId, "resumed", byKeyId, nowMs));
  }

  /**
   * Cancels every order of the desk held here; resolves with how many, once their requests
   * are durable. Nodes waiting for a graph trigger go first, so they carry this reason
   * rather than GRAPH_TRIGGER_UNMET when their source ends.
   */
  async cancelDesk(deskId: string, nowMs: number, reason: OrderRejectReason = "KILL_SWITCH", byKeyId: string | null = null): Promise<number> {
    const mine = [...this.parents.values()].filter((p) => p.deskId === deskId && !p.final);
    mine.sort((a, b) => Number(b.waiting) - Number(a.waiting));
    const requests = mine.map((p) => this.requestCancel(p.orderId, nowMs, reason, byKeyId));
    return (await Promise.all(requests)).filter(Boolean).length;
  }

  /** Stops a working order on the system's behalf: children pulled, then FAILED with `reason`. */
  stopOrder(orderId: string, nowMs: number, reason: OrderRejectReason): void {
    const p = this.parents.get(orderId);
    if (!p || p.final || p.failReason !== undefined) return;
    p.failReason = reason;
    this.pullChildren(p, nowMs, () => true);
    if (p.waiting || p.open.size === 0) this.finishStopped(p, nowMs);
  }

  /**
   * Ends an order being cancelled or stopped once nothing is open: a fill that raced the
   * cancel and took the last of it makes it COMPLETED (the desk got everything it asked
   * for), else CANCELLED (or FAILED with the system's reason).
   */
  private finishStopped(p: ParentOrder, nowMs: number): void {
    if (remainingQty(p) === 0 && p.filled > 0) this.finish(p, "COMPLETED", nowMs);
    else if (p.failReason !== undefined) this.finish(p, "FAILED", nowMs, p.failReason);
    else this.finish(p, "CANCELLED", nowMs, p.cancelReason);
  }

  tick(nowMs: number): void {
    this.lastTickMs = nowMs;
    this.handle(this.o.engine.advanceTo(nowMs));
    const failingSince = this.o.journal.failingSinceMs?.();
    if (failingSince !== undefined && nowMs - failingSince >= STORE_HALT_FAIL_MS) {
      for (const p of this.parents.values()) this.stopOrder(p.orderId, nowMs, "STORE_UNAVAILABLE");
    }
    for (const p of this.parents.values()) {
      if (p.final || p.waiting) continue;
      try {
        this.progress(p, nowMs, failingSince === undefined);
      } catch (err) {
        this.o.log?.(`order ${p.orderId} failed while working`, err);
        this.stopOrder(p.orderId, nowMs, "INTERNAL_ERROR");
      }
    }
    this.checkTimeouts(nowMs);
  }

  /** `canSend`: the store takes writes, so new children may be logged and sent. */
  private progress(p: ParentOrder, nowMs: number, canSend: boolean): void {
    if (p.cancelRequested || p.failReason !== undefined) {
      if (p.open.size === 0) this.finishStopped(p, nowMs);
      return;
    }
    if (remainingQty(p) === 0) {
      if (p.open.size === 0) this.finish(p, "COMPLETED", nowMs);
      return;
    }
    if (!canSend || p.pausedAtMs !== undefined || nowMs < p.nextActionAtMs) return;
    const books = this.books(p);
    const mid = computeNbbo(books).mid;
    if (p.arrivalMid === undefined) p.arrivalMid = mid;
    if (p.open.size === 0) {
      const smallest = this.smallestTradable(p, mid ?? p.arrivalMid);
      if (isDust(p.qty - p.filled, smallest)) {
        if (p.filled > 0) this.finish(p, "COMPLETED", nowMs);
        else this.finish(p, "REJECTED", nowMs, "BELOW_MIN_SIZE");
        return;
      }
      // A slice's remainder no venue would take is worked with the next slice instead.
      if (isDust(Math.min(releasedQty(p, nowMs), p.qty) - p.filled, smallest)) {
        p.nextActionAtMs = nowMs + (this.o.reRouteMs ?? 250);
        return;
      }
    }
    if (p.policy === "aggressive_chase" && nowMs - (p.startedAtMs ?? nowMs) < HORIZON_MS_BY_URGENCY[p.urgency]) {
      this.chase(p, books, nowMs);
      return;
    }
    if (p.open.size > 0) {
      // A chase order past its horizon: pull the resting child, then sweep the rest.
      this.pullChildren(p, nowMs, (c) => c.resting);
      return;
    }
    const workable = Math.min(releasedQty(p, nowMs), p.qty) - p.filled - openQty(p);
    if (!(workable > p.qty * 1e-9)) return;
    // A limit no venue's touch reaches: routing again could only repeat the last (stored)
    // decision, so a resting order costs a touch check per round, not a router run.
    if (p.limitPrice !== undefined && p.decisions > 0 && !books.some((b) => touchReaches(p.side, p.limitPrice!, b))) {
      this.o.journal.repeatDecision?.(p.orderId, nowMs);
      p.nextActionAtMs = nowMs + (this.o.reRouteMs ?? 250);
      return;
    }
    this.routeAndSend(p, books, workable, nowMs);
  }

  private routeAndSend(p: ParentOrder, books: readonly BookView[], qty: number, nowMs: number): void {
    const decision = this.o.route({ parent: p, qty, books, nowMs, sequence: p.decisions++ });
    const sends = decision.legs.flatMap((leg) => {
      const limit = capLimit(p.side, leg.limitPrice, p.limitPrice);
      // A leg the parent's limit keeps away from the venue's touch cannot fill as an IOC:
      // sending it would only log a child that is cancelled at once (a resting limit
      // order did that every re-route), so the order waits for its price instead.
      return limit === undefined || !legMarketable(p.side, limit, books, leg.venue) ? [] : [{ venue: leg.venue, qty: leg.qty, limit }];
    });
    const decisionId = this.o.journal.decision(p.orderId, decision, sends.length > 0);
    for (const leg of sends) this.send(p, leg.venue, leg.qty, leg.limit, "ioc", nowMs, decisionId);
    p.nextActionAtMs = nowMs + (this.o.reRouteMs ?? 250);
    if (sends.length > 0) {
      p.emptyRoutes = 0;
      return;
    }
    p.emptyRoutes++;
    // A limit order waits for its price; a market order with nothing to take fails after a while.
    if (p.limitPrice === undefined && p.emptyRoutes >= (this.o.maxEmptyRoutes ?? 40)) {
      this.finish(p, p.filled > 0 ? "FAILED" : "REJECTED", nowMs, "NO_LIQUIDITY");
    }
  }

  /** Rest at the best price on our side of the best venue; re-quote when the market leaves us. */
  private chase(p: ParentOrder, books: readonly BookView[], nowMs: number): void {
    const nbbo = computeNbbo(books);
    const touch = p.side === "buy" ? nbbo.bid : nbbo.ask;
    if (!touch) return;
    const price = capLimit(p.side, touch.price, p.limitPrice);
    if (price === undefined) return;
    this.pullChildren(p, nowMs, (c, id) => {
      const limit = this.o.engine.child(id)?.order.limitPrice;
      return c.resting && limit !== undefined && limit !== price;
    });
    if (p.open.size > 0) return;
    const qty = Math.min(releasedQty(p, nowMs), p.qty) - p.filled;
    if (qty > p.qty * 1e-9) this.send(p, touch.venue, qty, price, "gtc", nowMs, null);
    p.nextActionAtMs = nowMs + (this.o.reRouteMs ?? 250);
  }

  /** Logs the child first; it goes to the venue once child_sent is durable (see dispatch). */
  private send(p: ParentOrder, venue: VenueId, qty: number, limitPrice: number, tif: "ioc" | "gtc", nowMs: number, decisionId: string | null): void {
    const id = `${p.nodeOrderId}-c${++p.childSeq}`;
    this.byChild.set(id, p);
    p.open.set(id, { venue, qty, resting: tif === "gtc", sent: false, cancelled: false });
    const order: ChildOrder = { id, venue, symbol: p.symbol, side: p.side, type: "limit", qty, limitPrice, timeInForce: tif, sentAtMs: nowMs };
    this.pendingSends++;
    // The arrival mid is the book's mid at this event (lib/execution-figures.ts), not a 1 s sample.
    const mid = computeNbbo(this.books(p)).mid ?? null;
    const logged = this.o.journal.event(p.orderId, "child_sent", { child_id: id, venue, qty, limit_price: limitPrice, tif, decision_id: decisionId, mid }, nowMs);
    this.journal(logged.then((ok) => this.dispatch(p, order, ok)));
  }

  private dispatch(p: ParentOrder, order: ChildOrder, logged: boolean): void {
    this.pendingSends--;
    const c = p.open.get(order.id);
    if (!c) return;
    const withdrawn = c.cancelled || p.final || p.cancelRequested || p.failReason !== undefined || (c.resting && p.pausedAtMs !== undefined);
    if (logged && !withdrawn) {
      c.sent = true;
      // The venue sees it now; the engine's latency model starts from here.
      this.o.engine.submit({ ...order, sentAtMs: Math.max(order.sentAtMs, this.lastTickMs) });
      return;
    }
    p.open.delete(order.id);
    this.byChild.delete(order.id);
    // Logged but never sent: close it in the log, so the child is not left working.
    if (logged) this.journal(this.o.journal.event(p.orderId, "child_cancelled", { child_id: order.id, venue: order.venue, reason: "withdrawn_before_send" }, Math.max(order.sentAtMs, this.lastTickMs)));
  }

  /** Cancels the children `which` picks: at the venue if sent, else before they go. */
  private pullChildren(p: ParentOrder, nowMs: number, which: (c: { resting: boolean }, id: string) => boolean): void {
    for (const [childId, c] of p.open) {
      if (!which(c, childId)) continue;
      if (c.sent) this.o.engine.cancel(childId, nowMs);
      else c.cancelled = true;
    }
  }

  private handle(events: readonly ExecutionEvent[]): void {
    for (const e of events) {
      const p = this.byChild.get(e.childId);
      if (!p) continue;
      switch (e.type) {
        case "ack":
          this.journal(this.o.journal.event(p.orderId, "child_acked", { child_id: e.childId, venue: e.venue }, e.tsMs));
          break;
        case "reject":
          this.journal(this.o.journal.event(p.orderId, "child_rejected", { child_id: e.childId, venue: e.venue, reason: e.reason }, e.tsMs));
          break;
        case "fill":
          this.applyFill(p, e);
          break;
        case "cancel":
          this.journal(this.o.journal.event(p.orderId, "child_cancelled", { child_id: e.childId, venue: e.venue, qty: e.qty, reason: e.reason }, e.tsMs));
          break;
        case "done":
          p.open.delete(e.childId);
          this.byChild.delete(e.childId);
          this.o.engine.release(e.childId);
          if (p.final && p.open.size === 0) this.forget(p);
          break;
        case "cancel_reject":
          break;
      }
    }
  }

  private applyFill(p: ParentOrder, e: Extract<ExecutionEvent, { type: "fill" }>): void {
    // The engine never fills a child past its size, and children never exceed the parent's
    // remainder; the clamp keeps filled ≤ ordered even if that were ever violated.
    const qty = Math.min(e.qty, p.qty - p.filled);
    if (!(qty > 0)) return;
    const feeUsd = (qty * e.price * e.feeBps) / 1e4;
    p.filled += qty;
    p.notional += qty * e.price;
    p.feesUsd += feeUsd;
    const open = p.open.get(e.childId);
    if (open) open.qty = Math.max(0, open.qty - qty);
    const closesChild = open !== undefined && open.qty <= 1e-12 * Math.max(1, qty);
    this.journal(this.o.journal.fill(p.orderId, { fillId: e.id, childId: e.childId, venue: e.venue, qty, price: e.price, feeUsd, liquidity: e.liquidity, atMs: e.tsMs, closesChild }));
    if (!this.firstFillSeen.has(p.orderId)) {
      this.firstFillSeen.add(p.orderId);
      this.fire(p, "on_first_fill", e.tsMs);
    }
    this.fire(p, "on_fill", e.tsMs);
  }

  /** REJECTED and FAILED always say why (a reason code); COMPLETED never does. */
  private finish(p: ParentOrder, status: "COMPLETED", nowMs: number): void;
  private finish(p: ParentOrder, status: "CANCELLED", nowMs: number, reason: OrderRejectReason | undefined): void;
  private finish(p: ParentOrder, status: "REJECTED" | "FAILED", nowMs: number, reason: OrderRejectReason): void;
  private finish(p: ParentOrder, status: FinalStatus, nowMs: number, reason?: OrderRejectReason): void {
    if (p.final) return;
    p.final = true;
    this.journal(this.o.journal.status(p.orderId, status, nowMs, reason));
    if (status === "COMPLETED") this.fire(p, "on_full_fill", nowMs);
    if (status === "CANCELLED") this.fire(p, "on_cancel", nowMs);
    this.fire(p, "on_done", nowMs);
    this.cancelUnreachable(p, nowMs);
    if (p.open.size === 0) this.forget(p);
  }

  /**
   * Graph nodes `p` was a source of that are still waiting, and whose every source has now
   * ended without firing them (an on_full_fill after a failed entry, say): nothing can start
   * them any more, so they are cancelled (GRAPH_TRIGGER_UNMET) instead of waiting forever.
   */
  private cancelUnreachable(p: ParentOrder, nowMs: number): void {
    for (const id of this.edges.orphaned(p.orderId, this.parentOf)) void this.requestCancel(id, nowMs, "GRAPH_TRIGGER_UNMET");
  }

  /** A final order with nothing open is the log's business only: drop what memory holds of it. */
  private forget(p: ParentOrder): void {
    this.parents.delete(p.orderId);
    this.edges.delete(p.orderId);
    this.firstFillSeen.delete(p.orderId);
    this.o.journal.release?.(p.orderId);
  }

  private fire(p: ParentOrder, trigger: EdgeTrigger, nowMs: number): void {
    for (const id of this.edges.fired(p.orderId, trigger, this.parentOf)) this.start(id, nowMs);
  }

  private checkTimeouts(nowMs: number): void {
    for (const id of this.edges.timedOut(nowMs, this.parentOf)) this.start(id, nowMs);
  }

  private books(p: ParentOrder): BookView[] {
    return currentBooks(this.o.source, p.symbol);
  }

  /** The smallest child any venue this order may use would accept (its pin, else the symbol's venues less exclusions). */
  private smallestTradable(p: ParentOrder, price: number | undefined): number {
    const venues = p.venue ? [p.venue] : this.o.source.venuesFor(p.symbol).filter((v) => !p.excludeVenues.includes(v));
    return smallestTradableQty(venues.map((v) => venueSizing(v, p.symbol)), price);
  }

  /** Keeps the chain flush() waits on; the journal itself reports and retries write failures. */
  private journal<T>(work: Promise<T>): Promise<T> {
    const tracked: Promise<unknown> = work
      .catch((err) => this.o.log?.("sandbox journal failed", err))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return work;
  }
}

/** The leg's walk limit, capped by the parent's own limit; undefined when the cap leaves nothing to take. */
function capLimit(side: Side, legLimit: number, parentLimit: number | undefined): number | undefined {
  if (parentLimit === undefined) return legLimit;
  if (side === "buy") return Math.min(legLimit, parentLimit);
  return Math.max(legLimit, parentLimit);
}

/** Whether an IOC at `limit` on `venue` can take anything from its current book. */
function legMarketable(side: Side, limit: number, books: readonly BookView[], venue: VenueId): boolean {
  const book = books.find((b) => b.venue === venue);
  return book ? touchReaches(side, limit, book) : true; // no book here: let the venue answer; the router chose it
}

function touchReaches(side: Side, limit: number, book: BookView): boolean {
  const touch = side === "buy" ? book.asks[0] : book.bids[0];
  if (!touch) return false;
  return side === "buy" ? touch.price <= limit : touch.price >= limit;
}
