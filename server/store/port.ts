/**
 * Storage port. Domain and services depend on this interface only; `core.ts` picks the
 * adapter (SQLite embedded by default, PostgreSQL when DATABASE_URL is set). Both adapters
 * run the same Kysely queries and the same versioned migrations; one contract suite
 * (store-contract.test.ts) runs against both.
 */
import type { Role } from "@/lib/contracts/common";
import type { DecisionStore } from "./decision-port";
import type { KillSwitchStore } from "./kill-switch-port";
import type { OrderStore } from "./order-port";
import type { TcaStore } from "./tca-port";

export type * from "./decision-port";
export type * from "./tca-port";
export type * from "./kill-switch-port";
export type * from "./order-port";

export type StoreKind = "sqlite" | "postgres";

export interface DeskRecord {
  id: string;
  name: string;
  /** Token-bucket refill rate for the desk's API calls; burst is 2 × qps. */
  qps: number;
  /** When true, traders see only their own orders in desk summaries (leads see all). */
  restrictTradersToOwnOrders: boolean;
  createdAtMs: number;
}

export interface ApiKeyRecord {
  id: string;
  deskId: string;
  role: Role;
  /** seq_test_ keys trade in the sandbox. */
  sandbox: boolean;
  /** SHA-256 hex of the full key; the key itself is never stored. */
  hash: string;
  /** First characters of the key, safe to display (e.g. "seq_test_3f9a…"). */
  prefix: string;
  label: string;
  createdAtMs: number;
  revokedAtMs: number | null;
  lastUsedAtMs: number | null;
}

export interface SessionRecord {
  /** SHA-256 hex of the session token held in the httpOnly cookie. */
  tokenHash: string;
  keyId: string;
  createdAtMs: number;
  expiresAtMs: number;
}

export interface NewDesk {
  name: string;
  qps?: number;
  restrictTradersToOwnOrders?: boolean;
}

export interface DeskPatch {
  qps?: number;
  restrictTradersToOwnOrders?: boolean;
}

export interface NewApiKey {
  deskId: string;
  role: Role;
  sandbox: boolean;
  hash: string;
  prefix: string;
  label: string;
}

export interface Store extends OrderStore, DecisionStore, KillSwitchStore, TcaStore {
  readonly kind: StoreKind;
  /** Applies pending migrations; safe to call on every start. Returns names applied now. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;

  createDesk(desk: NewDesk): Promise<DeskRecord>;
  getDesk(id: string): Promise<DeskRecord | undefined>;
  getDeskByName(name: string): Promise<DeskRecord | undefined>;
  listDesks(): Promise<DeskRecord[]>;
  /** Changes a desk's settings; undefined if there is no such desk. */
  updateDesk(id: string, patch: DeskPatch): Promise<DeskRecord | undefined>;

  createApiKey(key: NewApiKey): Promise<ApiKeyRecord>;
  /** Active or revoked; callers decide what a revoked key means. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(deskId?: string): Promise<ApiKeyRecord[]>;
  /** Returns false if no such key or already revoked. */
  revokeApiKey(id: string, atMs: number): Promise<boolean>;
  touchApiKey(id: string, atMs: number): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(nowMs: number): Promise<number>;

  /** Small key/value table for instance metadata (e.g. whether the demo desk was seeded). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
}

/**
 * A write collided with a unique constraint (an existing desk name, key hash, session
 * token or id). Adapters translate driver errors into this so callers can answer 409
 * without knowing which database runs underneath.
 */
export class StoreConflictError extends Error {
  override readonly name: string = "StoreConflictError";
}
