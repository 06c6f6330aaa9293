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
 * domain does, in bigint.
 */
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
}

export interface KillSwitchesTable {
  desk_id: string;
  /** 0/1 */
  engaged: number;
  changed_at_ms: number;
  changed_by_key_id: string | null;
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
}
