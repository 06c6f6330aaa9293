/**
 * A parent order's progress, folded from matching-engine events: filled quantity, VWAP
 * notional, fees, per-venue fills and the children still open. The engine emits each fill
 * once; the parent still never counts more than its own size. (Deduplication by fill id
 * for persisted order logs is the order store's job, not this hot loop's.)
 */
import type { VenueId } from "@/server/market-data/types";
import type { ChildOrder, ExecutionEvent } from "./types";

export interface OpenChild {
  readonly order: ChildOrder;
  filledQty: number;
  cancelRequested: boolean;
}

export class ParentProgress {
  filledQty = 0;
  /** Σ qty × price of fills. */
  notional = 0;
  /** Σ feeBps × qty × price: divided by notional it is the notional-weighted fee in bps. */
  feeBpsNotional = 0;
  completedAtMs: number | null = null;
  readonly venueFilled = new Map<VenueId, number>();
  private readonly open = new Map<string, OpenChild>();

  /**
   * @param dust residual below which the parent counts as complete: less than the
   * smallest lot of any venue it may use, i.e. nothing any venue would accept.
   */
  constructor(
    readonly qty: number,
    private readonly dust: number,
  ) {}

  get residualQty(): number {
    return Math.max(0, this.qty - this.filledQty);
  }

  get isComplete(): boolean {
    return this.residualQty < this.dust || this.residualQty === 0;
  }

  get openCount(): number {
    return this.open.size;
  }

  openChildren(): IterableIterator<OpenChild> {
    return this.open.values();
  }

  /** The first open child on a venue, if any. */
  openOn(venue: VenueId): OpenChild | undefined {
    for (const c of this.open.values()) if (c.order.venue === venue) return c;
    return undefined;
  }

  filledOn(venue: VenueId): number {
    return this.venueFilled.get(venue) ?? 0;
  }

  trackSubmitted(order: ChildOrder): void {
    this.open.set(order.id, { order, filledQty: 0, cancelRequested: false });
  }

  markCancelRequested(childId: string): void {
    const c = this.open.get(childId);
    if (c) c.cancelRequested = true;
  }

  record(event: ExecutionEvent): void {
    if (event.type === "fill") {
      const qty = Math.min(event.qty, this.residualQty);
      if (!(qty > 0)) return;
      const child = this.open.get(event.childId);
      if (child) child.filledQty += qty;
      this.filledQty += qty;
      this.notional += qty * event.price;
      this.feeBpsNotional += event.feeBps * qty * event.price;
      this.venueFilled.set(event.venue, this.filledOn(event.venue) + qty);
      if (this.completedAtMs === null && this.isComplete) this.completedAtMs = event.tsMs;
    } else if (event.type === "done") {
      this.open.delete(event.childId);
    }
  }
}
