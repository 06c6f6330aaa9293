/**
 * Kysely table types shared by the SQLite and PostgreSQL adapters. Column types are the
 * portable subset: text ids, integer 0/1 booleans, BIGINT epoch-millisecond timestamps
 * (the PostgreSQL adapter parses int8 to number on its own pool, so rows look the same
 * on both dialects). Kysely keeps its own `kysely_migration` tables next to these.
 */
import type { Role } from "@/lib/contracts/common";

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

export interface Database {
  desks: DesksTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  meta: MetaTable;
}
