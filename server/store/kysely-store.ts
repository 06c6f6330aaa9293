/**
 * The one Store implementation, over a Kysely<Database>; the SQLite and PostgreSQL
 * adapters only build the Kysely instance. Nothing is cached: the server and the keys CLI
 * share the database at the same time, so every read goes to the database and a key
 * revoked by one process is refused by the other on its next request.
 */
import type { SqliteReadWorker } from "./create-sqlite-read-worker";
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { OrderEvent } from "@/server/execution/order-events";
import type { OrderStatus } from "@/server/execution/order-states";
import {
  StoreConflictError,
  type ApiKeyRecord,
  type ClientKey,
  type DecisionListQuery,
  type DecisionRepeats,
  type JournalBatch,
  type DeskPatch,
  type DeskRecord,
  type FillRecord,
  type KillSwitchRecord,
  type NewApiKey,
  type NewDesk,
  type NewOrder,
  type NewOrderEvent,
  type NewRoutingDecision,
  type OrderEventRecord,
  type OrderListQuery,
  type OrderPage,
  type OrderRecord,
  type RoutingDecisionRecord,
  type SessionRecord,
  type Store,
  type StoreKind,
  type CalibrationOutcomeRecord,
  type MarketContextRecord,
  type OrderTcaRecord,
  type TcaGroupRow,
  type TcaLatencyRow,
  type TcaScope,
  type TcaVenueRow,
} from "./port";
import type { ApiKeysTable, Database, DesksTable, SessionsTable } from "./schema";
import { KyselyDecisionStore } from "./kysely-decision-store";
import { KyselyKillSwitchStore } from "./kysely-kill-switch-store";
import { KyselyOrderStore } from "./kysely-order-store";
import { KyselyTcaStore } from "./kysely-tca-store";
import { wholeMs } from "./order-rows";
import { runMigrations } from "./run-migrations";
import { isUniqueViolation } from "./unique-violation";

export const DEFAULT_DESK_QPS = 20;
/** Bumped when a migration reshapes the derived roll-up tables (0004: touched-venue key). */
const TCA_BACKFILL_META = "tca_rollup_backfilled_v2";

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  kind: StoreKind;
  /** See RunMigrationsOptions.migrationTableSchema. */
  migrationTableSchema?: string;
  /** Clock for created_at columns; injected so tests can pin time. */
  nowMs?: () => number;
  /** Extra work around migrations, e.g. SQLite's cross-process write lock. */
  wrapMigrate?: (migrate: () => Promise<string[]>) => Promise<string[]>;
  /** Reads linear in a desk's orders off the event loop (SQLite; closed with the store). */
  readWorker?: SqliteReadWorker;
}

export function newId(prefix: "desk" | "key"): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

function toDesk(row: Selectable<DesksTable>): DeskRecord {
  return {
    id: row.id,
    name: row.name,
    qps: row.qps,
    restrictTradersToOwnOrders: row.restrict_traders_to_own_orders === 1,
    createdAtMs: row.created_at_ms,
  };
}

function toApiKey(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    deskId: row.desk_id,
    role: row.role,
    sandbox: row.sandbox === 1,
    hash: row.hash,
    prefix: row.prefix,
    label: row.label,
    createdAtMs: row.created_at_ms,
    revokedAtMs: row.revoked_at_ms,
    lastUsedAtMs: row.last_used_at_ms,
  };
}

function toSession(row: Selectable<SessionsTable>): SessionRecord {
  return {
    tokenHash: row.token_hash,
    keyId: row.key_id,
    createdAtMs: row.created_at_ms,
    expiresAtMs: row.expires_at_ms,
  };
}

async function translateConflict<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(`${what} already exists`, { cause: error });
    throw error;
  }
}

export class KyselyStore implements Store {
  readonly kind: StoreKind;
  private readonly db: Kysely<Database>;
  private readonly options: KyselyStoreOptions;
  private readonly nowMs: () => number;
  private readonly orders: KyselyOrderStore;
  private readonly decisions: KyselyDecisionStore;
  private readonly killSwitches: KyselyKillSwitchStore;
  private readonly tca: KyselyTcaStore;

  constructor(options: KyselyStoreOptions) {
    this.kind = options.kind;
    this.db = options.db;
    this.options = options;
    this.nowMs = options.nowMs ?? Date.now;
    this.orders = new KyselyOrderStore(options.db, options.kind);
    this.decisions = new KyselyDecisionStore(options.db);
    this.killSwitches = new KyselyKillSwitchStore(options.db);
    this.tca = new KyselyTcaStore(options.db, options.kind, options.readWorker);
  }

  async migrate(): Promise<string[]> {
    const schema = this.options.migrationTableSchema;
    const run = () => runMigrations(this.db, schema ? { migrationTableSchema: schema } : {});
    const applied = await (this.options.wrapMigrate ? this.options.wrapMigrate(run) : run());
    // Orders written before the TCA roll-up existed get their rows once (after 0003, or a
    // start that stopped between the migration and the backfill).
    if ((await this.getMeta(TCA_BACKFILL_META)) !== "1") {
      await this.tca.rebuildTca();
      await this.setMeta(TCA_BACKFILL_META, "1");
    }
    return applied;
  }

  async close(): Promise<void> {
    await this.options.readWorker?.close();
    await this.db.destroy();
  }

  async createDesk(desk: NewDesk): Promise<DeskRecord> {
    const row: Selectable<DesksTable> = {
      id: newId("desk"),
      name: desk.name,
      qps: desk.qps ?? DEFAULT_DESK_QPS,
      restrict_traders_to_own_orders: desk.restrictTradersToOwnOrders ? 1 : 0,
      created_at_ms: wholeMs(this.nowMs()),
    };
    await translateConflict(`desk "${desk.name}"`, () => this.db.insertInto("desks").values(row).execute());
    return toDesk(row);
  }

  async getDesk(id: string): Promise<DeskRecord | undefined> {
    const row = await this.db.selectFrom("desks").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toDesk(row);
  }

  async getDeskByName(name: string): Promise<DeskRecord | undefined> {
    const row = await this.db.selectFrom("desks").selectAll().where("name", "=", name).executeTakeFirst();
    return row && toDesk(row);
  }

  async updateDesk(id: string, patch: DeskPatch): Promise<DeskRecord | undefined> {
    const changes: Partial<Selectable<DesksTable>> = {};
    if (patch.qps !== undefined) changes.qps = patch.qps;
    if (patch.restrictTradersToOwnOrders !== undefined) {
      changes.restrict_traders_to_own_orders = patch.restrictTradersToOwnOrders ? 1 : 0;
    }
    if (Object.keys(changes).length > 0) await this.db.updateTable("desks").set(changes).where("id", "=", id).execute();
    return this.getDesk(id);
  }

  async listDesks(): Promise<DeskRecord[]> {
    const rows = await this.db.selectFrom("desks").selectAll().orderBy("name").execute();
    return rows.map(toDesk);
  }

  async createApiKey(key: NewApiKey): Promise<ApiKeyRecord> {
    const row: Selectable<ApiKeysTable> = {
      id: newId("key"),
      desk_id: key.deskId,
      role: key.role,
      sandbox: key.sandbox ? 1 : 0,
      hash: key.hash,
      prefix: key.prefix,
      label: key.label,
      created_at_ms: wholeMs(this.nowMs()),
      revoked_at_ms: null,
      last_used_at_ms: null,
    };
    await translateConflict("API key", () => this.db.insertInto("api_keys").values(row).execute());
    return toApiKey(row);
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom("api_keys").selectAll().where("hash", "=", hash).executeTakeFirst();
    return row && toApiKey(row);
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toApiKey(row);
  }

  async listApiKeys(deskId?: string): Promise<ApiKeyRecord[]> {
    let query = this.db.selectFrom("api_keys").selectAll();
    if (deskId !== undefined) query = query.where("desk_id", "=", deskId);
    const rows = await query.orderBy("created_at_ms").orderBy("id").execute();
    return rows.map(toApiKey);
  }

  async revokeApiKey(id: string, atMs: number): Promise<boolean> {
    // The IS NULL guard makes revocation a single atomic step: of two racing revokes
    // (server and CLI) exactly one reports true and the first timestamp is kept.
    const result = await this.db
      .updateTable("api_keys")
      .set({ revoked_at_ms: wholeMs(atMs) })
      .where("id", "=", id)
      .where("revoked_at_ms", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async touchApiKey(id: string, atMs: number): Promise<void> {
    const at = wholeMs(atMs);
    // Never move last-used backwards when several processes touch the same key.
    await this.db
      .updateTable("api_keys")
      .set({ last_used_at_ms: at })
      .where("id", "=", id)
      .where((eb) => eb.or([eb("last_used_at_ms", "is", null), eb("last_used_at_ms", "<", at)]))
      .execute();
  }

  async createSession(session: SessionRecord): Promise<void> {
    await translateConflict("session", () =>
      this.db
        .insertInto("sessions")
        .values({
          token_hash: session.tokenHash,
          key_id: session.keyId,
          created_at_ms: wholeMs(session.createdAtMs),
          expires_at_ms: wholeMs(session.expiresAtMs),
        })
        .execute(),
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom("sessions").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
    return row && toSession(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  }

  async deleteExpiredSessions(nowMs: number): Promise<number> {
    const result = await this.db.deleteFrom("sessions").where("expires_at_ms", "<=", wholeMs(nowMs)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto("meta")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
      .execute();
  }

  // Orders, decisions and kill switches live in their own files; these only forward.

  createOrder(order: NewOrder, firstEvents: readonly OrderEvent[]): Promise<OrderRecord> {
    return this.orders.createOrder(order, firstEvents);
  }

  createOrderGraph(orders: readonly NewOrder[], events: readonly NewOrderEvent[]): Promise<OrderRecord[]> {
    return this.orders.createOrderGraph(orders, events);
  }

  createOrdersFenced(orders: readonly NewOrder[], events: readonly NewOrderEvent[]): Promise<{ records: OrderRecord[]; killSwitchVersion: number }> {
    return this.orders.createOrdersFenced(orders, events);
  }

  appendJournalBatch(batch: JournalBatch): Promise<void> {
    return this.orders.appendJournalBatch(batch);
  }

  findOrderByClientKey(deskId: string, key: ClientKey): Promise<OrderRecord | undefined> {
    return this.orders.findOrderByClientKey(deskId, key);
  }

  getOrder(deskId: string, id: string): Promise<OrderRecord | undefined> {
    return this.orders.getOrder(deskId, id);
  }

  getOrderByNodeOrderId(deskId: string, nodeOrderId: string): Promise<OrderRecord | undefined> {
    return this.orders.getOrderByNodeOrderId(deskId, nodeOrderId);
  }

  listOrders(deskId: string, query: OrderListQuery): Promise<OrderPage> {
    return this.orders.listOrders(deskId, query);
  }

  listWorkingOrders(): Promise<OrderRecord[]> {
    return this.orders.listWorkingOrders();
  }

  appendOrderEvents(orderId: string, events: readonly OrderEvent[], expectedSeq?: number): Promise<OrderEventRecord[]> {
    return this.orders.appendOrderEvents(orderId, events, expectedSeq);
  }

  listOrderEvents(orderId: string, afterSeq?: number): Promise<OrderEventRecord[]> {
    return this.orders.listOrderEvents(orderId, afterSeq);
  }

  insertFills(fills: readonly FillRecord[]): Promise<string[]> {
    return this.orders.insertFills(fills);
  }

  listFills(orderId: string): Promise<FillRecord[]> {
    return this.orders.listFills(orderId);
  }

  updateOrderStatus(id: string, status: OrderStatus, atMs: number): Promise<boolean> {
    return this.orders.updateOrderStatus(id, status, atMs);
  }

  insertDecision(decision: NewRoutingDecision): Promise<RoutingDecisionRecord> {
    return this.decisions.insertDecision(decision);
  }

  listDecisions(deskId: string, query: DecisionListQuery): Promise<RoutingDecisionRecord[]> {
    return this.decisions.listDecisions(deskId, query);
  }

  recordDecisionRepeats(repeats: readonly DecisionRepeats[]): Promise<void> {
    return this.decisions.recordDecisionRepeats(repeats);
  }

  listKillSwitches(): Promise<KillSwitchRecord[]> {
    return this.killSwitches.listKillSwitches();
  }

  getKillSwitch(deskId: string): Promise<KillSwitchRecord> {
    return this.killSwitches.getKillSwitch(deskId);
  }

  setKillSwitch(deskId: string, engaged: boolean, byKeyId: string | null, atMs: number): Promise<KillSwitchRecord> {
    return this.killSwitches.setKillSwitch(deskId, engaged, byKeyId, atMs);
  }

  listTcaGroups(scope: TcaScope): Promise<TcaGroupRow[]> {
    return this.tca.listTcaGroups(scope);
  }

  listTcaVenues(scope: TcaScope): Promise<TcaVenueRow[]> {
    return this.tca.listTcaVenues(scope);
  }

  listTcaLatencies(scope: TcaScope): Promise<TcaLatencyRow[]> {
    return this.tca.listTcaLatencies(scope);
  }

  listRealizedCostsSorted(scope: TcaScope): Promise<Float64Array> {
    return this.tca.listRealizedCostsSorted(scope);
  }

  listOrderTca(scope: TcaScope, limit?: number): Promise<OrderTcaRecord[]> {
    return this.tca.listOrderTca(scope, limit);
  }

  getOrderTca(orderIds: readonly string[]): Promise<Map<string, OrderTcaRecord>> {
    return this.tca.getOrderTca(orderIds);
  }

  listCalibrationOutcomes(sinceMs: number, limit: number, deskId?: string): Promise<CalibrationOutcomeRecord[]> {
    return this.tca.listCalibrationOutcomes(sinceMs, limit, deskId);
  }

  rebuildTca(): Promise<number> {
    return this.tca.rebuildTca();
  }

  putMarketContext(context: MarketContextRecord): Promise<void> {
    return this.tca.putMarketContext(context);
  }

  getMarketContext(orderId: string): Promise<MarketContextRecord | undefined> {
    return this.tca.getMarketContext(orderId);
  }
}
