/**
 * Kysely table types shared by the SQLite and PostgreSQL adapters. Column types are the
 * portable subset: text ids, integer 0/1 booleans, BIGINT epoch-millisecond timestamps
 * (the PostgreSQL adapter parses int8 to number on its own pool, so rows look the same
 * on both dialects). Kysely keeps its own `kysely_migration` tables next to these.
 *
 * Quantities, prices and money are TEXT holding exact decimal strings in human units
 * ("0.5", "61837.63"), converted to and from the domain's 1e8/1e9 bigints by
 * decimal-columns.ts. Not BIGINT: MAX_QTY (1e9) at 1e8 is 1e17, past 2^53, and both
 * drivers hand integers back as JS numbers here (pg's int8 parser on our pool,
 * better-sqlite3 by default), which would round them silently. No SQL sums them; the
 * domain does, in bigint. The TCA roll-up tables (0003) add double columns that SQL does
 * sum: display figures in human units, recomputable from the log at any time.
 */
import type { Generated } from "kysely";
import type { Role } from "@/lib/contracts/common";
import type { OrderStatus } from "@/server/execution/order-states";

export interface DesksTable {
  id: string;
  name: string;
  qps: number;
  /** 0/1: SQLite has no boolean type. */
  restrict_traders_to_own_orders: number;
  created_at_ms: number;
}

export interface ApiKeysTable {
  id: string;
  desk_id: string;
  role: Role;
  /** 0/1 */
  sandbox: number;
  hash: string;
  prefix: string;
  label: string;
  created_at_ms: number;
  revoked_at_ms: number | null;
  last_used_at_ms: number | null;
}

export interface SessionsTable {
  token_hash: string;
  key_id: string;
  created_at_ms: number;
  expires_at_ms: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** One row per order, graph node or slice; its status mirrors the event log's. */
export interface OrdersTable {
  id: string;
  desk_id: string;
  key_id: string;
  /** The graph root or the TWAP node a slice belongs to; null for a top-level order. */
  parent_id: string | null;
  node_order_id: string;
  /** The client's graph id, on every row of that graph; unique per desk among roots. */
  graph_id: string | null;
  /** Client idempotency key, only on the row the client submitted. */
  client_request_id: string | null;
  /** SHA-256 hex of the canonical request body: same key + same hash → the original. */
  body_hash: string;
  body_json: string;
  symbol: string;
  side: "buy" | "sell";
  /** Decimal string, human units. */
  qty: string;
  limit_price: string | null;
  venue: string | null;
  policy: string;
  urgency: string;
  /** null for rows no router decided on (direct-venue orders, graph roots). */
  router_version: string | null;
  /** 0/1 */
  sandbox: number;
  status: OrderStatus;
  created_at_ms: number;
  updated_at_ms: number;
}

/** Append-only; (order_id, seq) is the primary key, so two writers cannot both append seq n. */
export interface OrderEventsTable {
  order_id: string;
  seq: number;
  kind: string;
  payload_json: string;
  at_ms: number;
}

/** Projection of `fill` events, keyed by the venue's fill id so a fill is stored once. */
export interface FillsTable {
  fill_id: string;
  order_id: string;
  child_id: string;
  venue: string;
  qty: string;
  price: string;
  /** Quote currency, negative for a rebate. */
  fee: string;
  liquidity: "maker" | "taker";
  at_ms: number;
}

export interface RoutingDecisionsTable {
  id: string;
  order_id: string;
  node_order_id: string;
  desk_id: string;
  at_ms: number;
  router_version: string;
  symbol: string;
  side: "buy" | "sell";
  qty: string;
  candidates_json: string;
  exclusions_json: string;
  legs_json: string;
  est_cost_bps: number | null;
  detail_json: string | null;
  /** Later decisions of the same order that repeated this one and were not stored (0005). */
  repeat_count: Generated<number>;
  last_repeat_at_ms: number | null;
}

export interface KillSwitchesTable {
  desk_id: string;
  /** 0/1 */
  engaged: number;
  changed_at_ms: number;
  changed_by_key_id: string | null;
  /** Real changes so far; 0 for a placeholder row no one engaged or released (0005). */
  version: Generated<number>;
}

/**
 * TCA roll-up (migration 0003): one row per order, projected from its event log in the
 * same transaction as every append (kysely-tca-store.ts). Exact columns (TEXT decimals)
 * serve the order view; double columns are for SQL aggregation in the summary, which
 * works in human floats anyway. `state_json` is the reducer state needed to apply the
 * next events without replaying the log; null once the order is final (a later append
 * replays the log instead).
 */
export interface OrderTcaTable {
  order_id: string;
  node_order_id: string;
  desk_id: string;
  key_id: string;
  symbol: string;
  side: "buy" | "sell";
  /** "none" when no router decided (a primary-key column of the day roll-up). */
  router_version: string;
  /** UTC date of created_at_ms, YYYY-MM-DD: the summary's day. */
  day: string;
  created_at_ms: number;
  status: OrderStatus;
  /** Last log seq folded in. */
  last_seq: number;
  accepted_at_ms: number;
  updated_at_ms: number;
  reject_reason: string | null;
  filled: string;
  avg_price: string | null;
  fees: string;
  qty_f: number;
  filled_f: number;
  notional_usd: number;
  fees_usd: number;
  fills: number;
  arrival_mid: number | null;
  forecast_p50_bps: number | null;
  forecast_p90_bps: number | null;
  realized_bps: number | null;
  state_json: string | null;
}

/** Per (order, venue): children sent there, fills, rejects, cost vs the arrival mid. */
export interface OrderVenueTcaTable {
  order_id: string;
  venue: string;
  sent: number;
  sent_qty: number;
  filled_qty: number;
  fills: number;
  notional_usd: number;
  rejected: number;
  /** Σ qty × fill cost in bps vs the order's arrival mid (fees included). */
  cost_w: number;
  /** Σ qty of the fills in cost_w (orders with an arrival mid). */
  cost_n: number;
}

/** One row per acknowledged child: exact ack latency from the stored (whole-ms) times. */
export interface OrderAckLatencyTable {
  order_id: string;
  child_id: string;
  venue: string;
  latency_ms: number;
}

/** Order-level sums per (desk, day, symbol, key, router version): the summary's fast path. */
export interface TcaDayTable {
  desk_id: string;
  /** "" for every order; a venue id for the orders that sent a child there or got a fill there. */
  touched: string;
  day: string;
  symbol: string;
  key_id: string;
  router_version: string;
  orders: number;
  completed: number;
  fills: number;
  qty: number;
  filled: number;
  notional_usd: number;
  /** Σ notional of orders with a realized cost; Σ realized × notional of those. */
  cost_notional: number;
  cost_w: number;
  calib_n: number;
  calib_within: number;
}

export interface TcaVenueDayTable {
  desk_id: string;
  /** "" for every order; a venue id for the orders that sent a child there or got a fill there. */
  touched: string;
  day: string;
  symbol: string;
  key_id: string;
  venue: string;
  sent: number;
  sent_qty: number;
  filled_qty: number;
  fills: number;
  notional_usd: number;
  rejected: number;
  cost_w: number;
  cost_n: number;
}

/** Ack-latency histogram: latencies are whole ms, so counts per value keep percentiles exact. */
export interface TcaLatencyDayTable {
  desk_id: string;
  /** "" for every order; a venue id for the orders that sent a child there or got a fill there. */
  touched: string;
  day: string;
  symbol: string;
  key_id: string;
  venue: string;
  latency_ms: number;
  n: number;
}

/** Market around an order, kept once its markout horizon has passed (or at seed time). */
export interface OrderMarketContextTable {
  order_id: string;
  /** JSON [[tsMs, mid], …], consolidated mids about 1 s apart. */
  mids_json: string;
  /** Tape VWAP and volume over the interval-benchmark window [vwap_from_ms, vwap_to_ms]. */
  vwap: number | null;
  tape_qty: number;
  vwap_from_ms: number;
  vwap_to_ms: number;
  source: string;
  recorded_at_ms: number;
}

export interface Database {
  desks: DesksTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  meta: MetaTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  fills: FillsTable;
  routing_decisions: RoutingDecisionsTable;
  kill_switches: KillSwitchesTable;
  order_tca: OrderTcaTable;
  order_venue_tca: OrderVenueTcaTable;
  order_ack_latency: OrderAckLatencyTable;
  tca_day: TcaDayTable;
  tca_venue_day: TcaVenueDayTable;
  tca_latency_day: TcaLatencyDayTable;
  order_market_context: OrderMarketContextTable;
}
