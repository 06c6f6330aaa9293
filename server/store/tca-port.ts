/**
 * Storage port for the TCA roll-up (migration 0003): per-order figures projected from the
 * event log, day-level sums the desk summary aggregates with SQL, the forecast outcomes
 * the calibration record reloads at start, and each order's stored market context.
 */
import type { SymbolId, VenueId } from "@/lib/contracts/common";
import type { OrderStatus } from "@/server/execution/order-states";
import type { Side } from "@/server/execution/types";
import type { DaySums, VenueSums } from "./tca-projection";

export type { DaySums, VenueSums };

/** Whole UTC days [fromDay, toDay] of orders' creation, within one desk. */
export interface TcaScope {
  deskId: string;
  /** YYYY-MM-DD, inclusive. */
  fromDay: string;
  /** YYYY-MM-DD, inclusive. */
  toDay: string;
  symbol?: SymbolId;
  /** Only this key's orders (a trader restricted to their own orders). */
  keyId?: string;
  /** Only orders that sent a child to or got a fill from this venue. */
  venue?: VenueId;
}

export interface TcaGroupRow extends DaySums {
  day: string;
  symbol: string;
  /** null for orders no router decided on. */
  routerVersion: string | null;
}

export interface TcaVenueRow extends VenueSums {
  venue: VenueId;
}

export interface TcaLatencyRow {
  venue: VenueId;
  latencyMs: number;
  n: number;
}

export interface OrderTcaRecord {
  orderId: string;
  nodeOrderId: string;
  symbol: SymbolId;
  side: Side;
  routerVersion: string | null;
  createdAtMs: number;
  status: OrderStatus;
  rejectReason: string | null;
  acceptedAtMs: number;
  updatedAtMs: number;
  /** Exact, for the order view. */
  filledE8: bigint;
  avgPriceE9: bigint | null;
  feesE9: bigint;
  qty: number;
  filled: number;
  avgPrice: number | null;
  fees: number;
  notionalUsd: number;
  fills: number;
  arrivalMid: number | null;
  forecastP50Bps: number | null;
  forecastP90Bps: number | null;
  realizedBps: number | null;
  /** The log position this row reflects: a cheap "has the order moved on" check. */
  lastSeq: number;
}

export interface CalibrationOutcomeRecord {
  symbol: SymbolId;
  createdAtMs: number;
  forecastP50Bps: number;
  forecastP90Bps: number;
  realizedBps: number;
  /** The forecast before calibration and its calibration group; null on orders stored before they were kept. */
  rawP50Bps: number | null;
  rawP90Bps: number | null;
  calibrationGroup: string | null;
}

export interface MarketContextRecord {
  orderId: string;
  /** Consolidated mids, oldest first. */
  mids: { tsMs: number; mid: number }[];
  /** Tape VWAP and volume over [vwapFromMs, vwapToMs]; vwap null when the tape had no prints. */
  vwap: number | null;
  tapeQty: number;
  vwapFromMs: number;
  vwapToMs: number;
  /** Where it came from, e.g. "sandbox" or "seed". */
  source: string;
  recordedAtMs: number;
}

export interface TcaStore {
  /** Order-level sums per (day, symbol, router version). */
  listTcaGroups(scope: TcaScope): Promise<TcaGroupRow[]>;
  listTcaVenues(scope: TcaScope): Promise<TcaVenueRow[]>;
  /** Ack-latency histogram per venue (latencies are whole ms), ordered by venue and latency. */
  listTcaLatencies(scope: TcaScope): Promise<TcaLatencyRow[]>;
  /**
   * Realized costs of the orders with fills and an arrival mid (any order), ascending. One
   * per order of the scope: the SQLite store reads and sorts them on a worker thread.
   */
  listRealizedCostsSorted(scope: TcaScope): Promise<Float64Array>;
  /** Per-order rows, newest first (created_at_ms, then id, descending); at most `limit` when given. */
  listOrderTca(scope: TcaScope, limit?: number): Promise<OrderTcaRecord[]>;
  /** The rows of these orders (any desk: callers pass ids they already scoped). */
  getOrderTca(orderIds: readonly string[]): Promise<Map<string, OrderTcaRecord>>;
  /** Completed orders with a forecast and a realized cost created at or after sinceMs, newest first. */
  /** Newest first; `deskId` limits it to one desk's orders (default all: the forecast's own record). */
  listCalibrationOutcomes(sinceMs: number, limit: number, deskId?: string): Promise<CalibrationOutcomeRecord[]>;
  /** Recomputes the whole roll-up from the event logs; returns the orders projected. */
  rebuildTca(): Promise<number>;
  /** Insert or replace. */
  putMarketContext(context: MarketContextRecord): Promise<void>;
  getMarketContext(orderId: string): Promise<MarketContextRecord | undefined>;
}
