/**
 * The sandbox: works parent orders against the running market with the queue-aware
 * matching engine (the same one /simulate uses). Each tick it moves the engine to the
 * market clock, applies fills and child outcomes to the parents, fires graph edges, and
 * sends the next child orders: the smart order router's legs as immediate-or-cancel
 * limits (policy sor), or a resting order chasing the touch (aggressive_chase), paced
 * by a TWAP schedule when the order has one. Everything that happens goes to the journal
 * (the store's append-only event log) in order.
 */
import type { BookView, MarketSource, VenueId } from "@/server/market-data/types";
import { currentBooks } from "@/server/market-data/current-books";
import { computeNbbo } from "@/server/market-data/nbbo";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { HORIZON_MS_BY_URGENCY } from "./horizons";
import type { MatchingEngine } from "./matching-engine";
import { openQty, releasedQty, remainingQty, type ParentOrder } from "./parent-order";
import type { ExecutionEvent, Side } from "./types";

export type EdgeTrigger = "on_accepted" | "on_first_fill" | "on_fill" | "on_full_fill" | "on_timeout" | "on_cancel" | "on_done";
export type FinalStatus = "COMPLETED" | "CANCELLED" | "REJECTED" | "FAILED";

export interface RunnerJournal {
  event(orderId: string, kind: string, payload: Record<string, unknown>, atMs: number): Promise<void>;
  /** `closesChild`: the child is fully filled by this fill (so its fixed-point size can be matched exactly). */
  fill(orderId: string, fill: { fillId: string; childId: string; venue: VenueId; qty: number; price: number; feeUsd: number; liquidity: "maker" | "taker"; atMs: number; closesChild: boolean }): Promise<void>;
  decision(orderId: string, decision: RoutingDecision): Promise<void>;
  status(orderId: string, status: "RUNNING" | FinalStatus, atMs: number, rejectReason?: string): Promise<void>;
  /** A client paused, resumed or asked to cancel the order (`byKeyId` null when the system did). */
  control(orderId: string, kind: "paused" | "resumed" | "cancel_requested", byKeyId: string | null, atMs: number): Promise<void>;
  /** Journals that batch writes resolve this when all recorded so far is written. */
  flush?(): Promise<void>;
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

interface Edge {
  to: string;
  trigger: EdgeTrigger;
  timeoutMs: number | undefined;
}

export class SandboxRunner {
  private readonly parents = new Map<string, ParentOrder>();
  private readonly byChild = new Map<string, ParentOrder>();
  private readonly edges = new Map<string, Edge[]>();
  private readonly firstFillSeen = new Set<string>();
  private persist: Promise<void> = Promise.resolve();
  private childSeq = 0;
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

  /** Resolves when everything journaled so far is written. */
  async flush(): Promise<void> {
    await this.persist;
    await this.o.journal.flush?.();
  }

  working(): ParentOrder[] {
    return [...this.parents.values()].filter((p) => !p.final);
  }

  get(orderId: string): ParentOrder | undefined {
    return this.parents.get(orderId);
  }

  /** Adds a node order; `edges` are the graph edges leaving it (to other node order ids). */
  add(parent: ParentOrder, edges: readonly Edge[] = []): void {
    this.parents.set(parent.orderId, parent);
    if (edges.length) this.edges.set(parent.orderId, [...edges]);
  }

  /** Starts the graph's roots (or a lone order) and fires on_accepted edges. */
  start(orderId: string, nowMs: number): void {
    const p = this.parents.get(orderId);
    if (!p || p.final) return;
    p.waiting = false;
    p.startedAtMs = nowMs;
    this.journal(() => this.o.journal.status(p.orderId, "RUNNING", nowMs));
    this.fire(p, "on_accepted", nowMs);
  }

  /**
   * `reason` is set when the system cancels (e.g. KILL_SWITCH); a client's cancel has none.
   * The request goes to the log first (who asked, when), then the children are cancelled.
   */
  requestCancel(orderId: string, nowMs: number, reason?: string, byKeyId: string | null = null): boolean {
    const p = this.parents.get(orderId);
    if (!p || p.final) return false;
    if (!p.cancelRequested) this.journal(() => this.o.journal.control(p.orderId, "cancel_requested", byKeyId, nowMs));
    p.cancelRequested = true;
    p.cancelReason = reason;
    for (const childId of p.open.keys()) this.o.engine.cancel(childId, nowMs);
    if (p.waiting || p.open.size === 0) this.finish(p, "CANCELLED", nowMs, reason);
    return true;
  }

  /**
   * Stops working the order: no new children or slices; resting children are pulled, and
   * immediate-or-cancel ones already sent finish on their own (their fills still count).
   * Only a running order can pause (not one waiting for its graph trigger, or being cancelled).
   */
  pause(orderId: string, nowMs: number, byKeyId: string | null): boolean {
    const p = this.parents.get(orderId);
    if (!p || p.final || p.waiting || p.cancelRequested || p.pausedAtMs !== undefined) return false;
    p.pausedAtMs = nowMs;
    for (const [childId, c] of p.open) if (c.resting) this.o.engine.cancel(childId, nowMs);
    this.journal(() => this.o.journal.control(p.orderId, "paused", byKeyId, nowMs));
    return true;
  }

  /**
   * Works the order again. The pause does not count as working time: slices not yet due
   * when it paused, the chase horizon and on_timeout edges all move later by its length,
   * so a TWAP keeps its pacing instead of catching up in a burst.
   */
  resume(orderId: string, nowMs: number, byKeyId: string | null): boolean {
    const p = this.parents.get(orderId);
    if (!p || p.final || p.pausedAtMs === undefined) return false;
    const pausedAt = p.pausedAtMs;
    const pausedFor = Math.max(0, nowMs - pausedAt);
    if (p.slices) p.slices = p.slices.map((s) => (s.dueAtMs > pausedAt ? { ...s, dueAtMs: s.dueAtMs + pausedFor } : s));
    if (p.startedAtMs !== undefined) p.startedAtMs += pausedFor;
    p.pausedAtMs = undefined;
    p.nextActionAtMs = nowMs;
    this.journal(() => this.o.journal.control(p.orderId, "resumed", byKeyId, nowMs));
    return true;
  }

  cancelDesk(deskId: string, nowMs: number, reason = "KILL_SWITCH", byKeyId: string | null = null): number {
    let n = 0;
    for (const p of this.parents.values()) if (p.deskId === deskId && this.requestCancel(p.orderId, nowMs, reason, byKeyId)) n++;
    return n;
  }

  tick(nowMs: number): void {
    this.handle(this.o.engine.advanceTo(nowMs));
    for (const p of this.parents.values()) {
      if (p.final || p.waiting) continue;
      try {
        this.progress(p, nowMs);
      } catch (err) {
        this.o.log?.(`order ${p.orderId} failed while working`, err);
        this.finish(p, "FAILED", nowMs, "INTERNAL_ERROR");
      }
    }
    this.checkTimeouts(nowMs);
  }

  private progress(p: ParentOrder, nowMs: number): void {
    if (p.cancelRequested) {
      if (p.open.size === 0) this.finish(p, "CANCELLED", nowMs, p.cancelReason);
      return;
    }
    if (remainingQty(p) === 0) {
      if (p.open.size === 0) this.finish(p, "COMPLETED", nowMs);
      return;
    }
    if (p.pausedAtMs !== undefined || nowMs < p.nextActionAtMs) return;
    const books = this.books(p);
    if (p.arrivalMid === undefined) p.arrivalMid = computeNbbo(books).mid;
    if (p.policy === "aggressive_chase" && nowMs - (p.startedAtMs ?? nowMs) < HORIZON_MS_BY_URGENCY[p.urgency]) {
      this.chase(p, books, nowMs);
      return;
    }
    if (p.open.size > 0) {
      // A chase order past its horizon: pull the resting child, then sweep the rest.
      for (const [childId, c] of p.open) if (c.resting) this.o.engine.cancel(childId, nowMs);
      return;
    }
    const workable = Math.min(releasedQty(p, nowMs), p.qty) - p.filled - openQty(p);
    if (!(workable > p.qty * 1e-9)) return;
    this.routeAndSend(p, books, workable, nowMs);
  }

  private routeAndSend(p: ParentOrder, books: readonly BookView[], qty: number, nowMs: number): void {
    const decision = this.o.route({ parent: p, qty, books, nowMs, sequence: p.decisions++ });
    this.journal(() => this.o.journal.decision(p.orderId, decision));
    let sent = 0;
    for (const leg of decision.legs) {
      const limit = capLimit(p.side, leg.limitPrice, p.limitPrice);
      if (limit === undefined) continue;
      this.send(p, leg.venue, leg.qty, limit, "ioc", nowMs);
      sent++;
    }
    p.nextActionAtMs = nowMs + (this.o.reRouteMs ?? 250);
    if (sent > 0) {
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
    for (const [childId, c] of p.open) {
      const child = this.o.engine.child(childId);
      const stale = child?.order.limitPrice !== undefined && child.order.limitPrice !== price;
      if (c.resting && stale) this.o.engine.cancel(childId, nowMs);
    }
    if (p.open.size > 0) return;
    const qty = Math.min(releasedQty(p, nowMs), p.qty) - p.filled;
    if (qty > p.qty * 1e-9) this.send(p, touch.venue, qty, price, "gtc", nowMs);
    p.nextActionAtMs = nowMs + (this.o.reRouteMs ?? 250);
  }

  private send(p: ParentOrder, venue: VenueId, qty: number, limitPrice: number, tif: "ioc" | "gtc", nowMs: number): void {
    const id = `${p.nodeOrderId}-c${++this.childSeq}`;
    this.byChild.set(id, p);
    p.open.set(id, { venue, qty, resting: tif === "gtc" });
    this.o.engine.submit({ id, venue, symbol: p.symbol, side: p.side, type: "limit", qty, limitPrice, timeInForce: tif, sentAtMs: nowMs });
    this.journal(() => this.o.journal.event(p.orderId, "child_sent", { child_id: id, venue, qty, limit_price: limitPrice, tif }, nowMs));
  }

  private handle(events: readonly ExecutionEvent[]): void {
    for (const e of events) {
      const p = this.byChild.get(e.childId);
      if (!p) continue;
      switch (e.type) {
        case "ack":
          this.journal(() => this.o.journal.event(p.orderId, "child_acked", { child_id: e.childId, venue: e.venue }, e.tsMs));
          break;
        case "reject":
          this.journal(() => this.o.journal.event(p.orderId, "child_rejected", { child_id: e.childId, venue: e.venue, reason: e.reason }, e.tsMs));
          break;
        case "fill":
          this.applyFill(p, e);
          break;
        case "cancel":
          this.journal(() => this.o.journal.event(p.orderId, "child_cancelled", { child_id: e.childId, venue: e.venue, qty: e.qty, reason: e.reason }, e.tsMs));
          break;
        case "done":
          p.open.delete(e.childId);
          this.byChild.delete(e.childId);
          this.o.engine.release(e.childId);
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
    this.journal(() => this.o.journal.fill(p.orderId, { fillId: e.id, childId: e.childId, venue: e.venue, qty, price: e.price, feeUsd, liquidity: e.liquidity, atMs: e.tsMs, closesChild }));
    if (!this.firstFillSeen.has(p.orderId)) {
      this.firstFillSeen.add(p.orderId);
      this.fire(p, "on_first_fill", e.tsMs);
    }
    this.fire(p, "on_fill", e.tsMs);
  }

  private finish(p: ParentOrder, status: FinalStatus, nowMs: number, reason?: string): void {
    if (p.final) return;
    p.final = true;
    this.journal(() => this.o.journal.status(p.orderId, status, nowMs, reason));
    if (status === "COMPLETED") this.fire(p, "on_full_fill", nowMs);
    if (status === "CANCELLED") this.fire(p, "on_cancel", nowMs);
    this.fire(p, "on_done", nowMs);
  }

  private fire(p: ParentOrder, trigger: EdgeTrigger, nowMs: number): void {
    for (const edge of this.edges.get(p.orderId) ?? []) {
      if (edge.trigger !== trigger) continue;
      const next = this.parents.get(edge.to);
      if (next && next.waiting && !next.final) this.start(next.orderId, nowMs);
    }
  }

  private checkTimeouts(nowMs: number): void {
    for (const [from, edges] of this.edges) {
      const p = this.parents.get(from);
      // A paused order's clock stands still (resume moves startedAtMs by the pause).
      if (!p || p.startedAtMs === undefined || p.pausedAtMs !== undefined) continue;
      for (const edge of edges) {
        if (edge.trigger === "on_timeout" && edge.timeoutMs !== undefined && !p.final && nowMs - p.startedAtMs >= edge.timeoutMs) {
          const next = this.parents.get(edge.to);
          if (next && next.waiting && !next.final) this.start(next.orderId, nowMs);
        }
      }
    }
  }

  private books(p: ParentOrder): BookView[] {
    return currentBooks(this.o.source, p.symbol);
  }

  private journal(write: () => Promise<void>): void {
    this.persist = this.persist.then(write).catch((err) => this.o.log?.("sandbox journal write failed", err));
  }
}

/** The leg's walk limit, capped by the parent's own limit; undefined when the cap leaves nothing to take. */
function capLimit(side: Side, legLimit: number, parentLimit: number | undefined): number | undefined {
  if (parentLimit === undefined) return legLimit;
  if (side === "buy") return Math.min(legLimit, parentLimit);
  return Math.max(legLimit, parentLimit);
}
