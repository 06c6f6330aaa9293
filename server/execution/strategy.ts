/**
 * The port between an execution strategy and whatever runs it (a simulated path today, the
 * sandbox's live books next). A strategy is a controller called once per step: it reads
 * the books and the parent's progress and sends or cancels children; fills come back
 * through the matching engine, never from the strategy itself.
 */
import type { BookView, SymbolId, VenueId } from "@/server/market-data/types";
import type { BookReader, BookSideName } from "./book-reader";
import type { ParentProgress } from "./parent-progress";
import type { VenueFeeRates } from "./resolve-fees";
import type { VenueSizing } from "./size-child-orders";
import type { BindingConstraint, ChildOrderType, Side, StrategyName, TimeInForce } from "./types";

/** A book a strategy can read cheaply and, when it must plan a sweep, copy. */
export interface StrategyBook extends BookReader {
  readonly tickSize: number;
  /** Immutable copy; with takeSide/takeQty only the levels covering takeQty on that side. */
  snapshot(takeSide?: BookSideName, takeQty?: number): BookView;
}

export interface ChildRequest {
  venue: VenueId;
  type: ChildOrderType;
  qty: number;
  limitPrice?: number;
  postOnly?: boolean;
  timeInForce: TimeInForce;
}

export interface StrategyContext {
  readonly nowMs: number;
  readonly startMs: number;
  /** Fills after this do not count. */
  readonly deadlineMs: number;
  readonly symbol: SymbolId;
  readonly side: Side;
  readonly qty: number;
  readonly progress: ParentProgress;
  /** The allowed venues' books (excluded venues never appear). */
  readonly books: readonly StrategyBook[];
  sizing(venue: VenueId): VenueSizing;
  /** The desk's maker/taker rates on a venue. */
  fees(venue: VenueId): VenueFeeRates;
  /** Sends a child at nowMs; returns its id. */
  submit(request: ChildRequest): string;
  cancel(childId: string): void;
  /** Records that a constraint limited what the strategy could do. */
  bind(constraint: BindingConstraint): void;
}

export interface ExecutionStrategy {
  readonly name: StrategyName;
  /** False only for strategies that never take liquidity (what passive_only keeps). */
  readonly takesLiquidity: boolean;
  step(ctx: StrategyContext): void;
}
