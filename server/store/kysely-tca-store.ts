/**
 * TcaStore over Kysely, both dialects. The summary reads the day roll-ups (a few hundred
 * rows for a year of one desk; touched = "" for all orders, a venue id for the orders that
 * touched it) plus one covering-index scan for the realized costs its exact percentiles
 * need (with a venue filter, limited to the orders in order_venue_tca for that venue).
 */
import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import type { SymbolId, VenueId } from "@/lib/contracts/common";
import type { SqliteReadWorker } from "./create-sqlite-read-worker";
import { e8FromColumn, e9FromColumn } from "./decimal-columns";
import { rebuildTcaRollup } from "./project-order-tca";
import { rawForecastOfBody } from "./tca-projection";
import type { Database, OrderTcaTable } from "./schema";
import type { StoreKind } from "./port";
import type {
  CalibrationOutcomeRecord,
  MarketContextRecord,
  OrderTcaRecord,
  TcaGroupRow,
  TcaLatencyRow,
  TcaScope,
  TcaStore,
  TcaVenueRow,
} from "./tca-port";

const DAY_MS = 86_400_000;

function msRange(scope: TcaScope): { fromMs: number; toMs: number } {
  return { fromMs: Date.parse(`${scope.fromDay}T00:00:00Z`), toMs: Date.parse(`${scope.toDay}T00:00:00Z`) + DAY_MS };
}

const num = (x: unknown): number => (x === null || x === undefined ? 0 : Number(x));
const routerOf = (v: string): string | null => (v === "none" ? null : v);

/** What an OrderTcaRecord is read from: not the fold state, keys or bookkeeping. */
const RECORD_COLUMNS = [
  "o.order_id", "o.node_order_id", "o.symbol", "o.side", "o.router_version", "o.created_at_ms", "o.status", "o.reject_reason", "o.accepted_at_ms",
  "o.updated_at_ms", "o.filled", "o.avg_price", "o.fees", "o.qty_f", "o.filled_f", "o.notional_usd", "o.fees_usd", "o.fills", "o.arrival_mid",
  "o.forecast_p50_bps", "o.forecast_p90_bps", "o.realized_bps", "o.last_seq",
] as const;

type RecordRow = Pick<Selectable<OrderTcaTable>, (typeof RECORD_COLUMNS)[number] extends `o.${infer C}` ? C & keyof OrderTcaTable : never>;

function toRecord(r: RecordRow): OrderTcaRecord {
  return {
    orderId: r.order_id,
    nodeOrderId: r.node_order_id,
    symbol: r.symbol as SymbolId,
    side: r.side,
    routerVersion: routerOf(r.router_version),
    createdAtMs: r.created_at_ms,
    status: r.status,
    rejectReason: r.reject_reason,
    acceptedAtMs: r.accepted_at_ms,
    updatedAtMs: r.updated_at_ms,
    filledE8: e8FromColumn(r.filled),
    avgPriceE9: r.avg_price === null ? null : e9FromColumn(r.avg_price),
    feesE9: e9FromColumn(r.fees),
    qty: r.qty_f,
    filled: r.filled_f,
    avgPrice: r.avg_price === null ? null : Number(r.avg_price),
    fees: r.fees_usd,
    notionalUsd: r.notional_usd,
    fills: r.fills,
    arrivalMid: r.arrival_mid,
    forecastP50Bps: r.forecast_p50_bps,
    forecastP90Bps: r.forecast_p90_bps,
    realizedBps: r.realized_bps,
    lastSeq: r.last_seq,
  };
}

export class KyselyTcaStore implements TcaStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    /** Scans linear in a desk's orders run here when given (SQLite: create-sqlite-read-worker.ts). */
    private readonly readWorker?: SqliteReadWorker,
  ) {}

  /** order_tca rows in scope (alias o), including the venue filter. */
  private ordersInScope(scope: TcaScope) {
    const { fromMs, toMs } = msRange(scope);
    let q = this.db
      .selectFrom("order_tca as o")
      .where("o.desk_id", "=", scope.deskId)
      .where("o.created_at_ms", ">=", fromMs)
      .where("o.created_at_ms", "<", toMs);
    if (scope.symbol) q = q.where("o.symbol", "=", scope.symbol);
    if (scope.keyId) q = q.where("o.key_id", "=", scope.keyId);
    if (scope.venue) {
      const venue = scope.venue;
      q = q.where("o.order_id", "in", (eb) => eb.selectFrom("order_venue_tca").select("order_id").where("venue", "=", venue));
    }
    return q;
  }

  /** Day roll-up rows in scope: the key columns all three day tables share. */
  private dayScope(scope: TcaScope) {
    // Unqualified: each query reads one day table, and all three share these key columns.
    return <T extends { desk_id: string; day: string; symbol: string; key_id: string }, A extends string>(eb: ExpressionBuilder<Record<A, T>, A>) => {
      const c = eb as unknown as ExpressionBuilder<{ d: { desk_id: string; day: string; symbol: string; key_id: string } }, "d">;
      const t = c as unknown as ExpressionBuilder<{ d: { touched: string } }, "d">;
      return c.and([
        c("desk_id", "=", scope.deskId),
        t("touched", "=", scope.venue ?? ""),
        c("day", ">=", scope.fromDay),
        c("day", "<=", scope.toDay),
        ...(scope.symbol ? [c("symbol", "=", scope.symbol)] : []),
        ...(scope.keyId ? [c("key_id", "=", scope.keyId)] : []),
      ]);
    };
  }

  async listTcaGroups(scope: TcaScope): Promise<TcaGroupRow[]> {
    type Sums = { day: string; symbol: string; router_version: string; orders: unknown; completed: unknown; fills: unknown; qty: unknown; filled: unknown; notional: unknown; cost_notional: unknown; cost_w: unknown; calib_n: unknown; calib_within: unknown };
    const rows: Sums[] = await this.db
      .selectFrom("tca_day as d")
      .where(this.dayScope(scope))
      .select(["d.day", "d.symbol", "d.router_version"])
      .select((eb) => [
        eb.fn.sum("d.orders").as("orders"),
        eb.fn.sum("d.completed").as("completed"),
        eb.fn.sum("d.fills").as("fills"),
        eb.fn.sum("d.qty").as("qty"),
        eb.fn.sum("d.filled").as("filled"),
        eb.fn.sum("d.notional_usd").as("notional"),
        eb.fn.sum("d.cost_notional").as("cost_notional"),
        eb.fn.sum("d.cost_w").as("cost_w"),
        eb.fn.sum("d.calib_n").as("calib_n"),
        eb.fn.sum("d.calib_within").as("calib_within"),
      ])
      .groupBy(["d.day", "d.symbol", "d.router_version"])
      .execute();
    return rows
      .map((r) => ({
        day: r.day,
        symbol: r.symbol,
        routerVersion: routerOf(r.router_version),
        orders: num(r.orders),
        completed: num(r.completed),
        fills: num(r.fills),
        qty: num(r.qty),
        filled: num(r.filled),
        notional: num(r.notional),
        costNotional: num(r.cost_notional),
        costW: num(r.cost_w),
        calibN: num(r.calib_n),
        calibWithin: num(r.calib_within),
      }))
      .filter((r) => r.orders > 0);
  }

  async listTcaVenues(scope: TcaScope): Promise<TcaVenueRow[]> {
    const sums = (eb: ExpressionBuilder<{ v: Database["order_venue_tca"] }, "v">) => [
      eb.fn.sum("v.sent").as("sent"),
      eb.fn.sum("v.sent_qty").as("sent_qty"),
      eb.fn.sum("v.filled_qty").as("filled_qty"),
      eb.fn.sum("v.fills").as("fills"),
      eb.fn.sum("v.notional_usd").as("notional"),
      eb.fn.sum("v.rejected").as("rejected"),
      eb.fn.sum("v.cost_w").as("cost_w"),
      eb.fn.sum("v.cost_n").as("cost_n"),
    ];
    // tca_venue_day has the same sum columns as order_venue_tca, so one select list serves both.
    const rows = await this.db
      .selectFrom("tca_venue_day as v")
      .where((eb) => this.dayScope(scope)(eb as never))
      .select("v.venue")
      .select((eb) => sums(eb as unknown as ExpressionBuilder<{ v: Database["order_venue_tca"] }, "v">))
      .groupBy("v.venue")
      .execute();
    return rows
      .map((r) => ({
        venue: r.venue as VenueId,
        sent: num(r.sent),
        sentQty: num(r.sent_qty),
        filledQty: num(r.filled_qty),
        fills: num(r.fills),
        notional: num(r.notional),
        rejected: num(r.rejected),
        costW: num(r.cost_w),
        costN: num(r.cost_n),
      }))
      .sort((a, b) => (a.venue < b.venue ? -1 : 1));
  }

  async listTcaLatencies(scope: TcaScope): Promise<TcaLatencyRow[]> {
    const rows = await this.db
      .selectFrom("tca_latency_day as d")
      .where(this.dayScope(scope))
      .select(["d.venue", "d.latency_ms"])
      .select((eb) => eb.fn.sum("d.n").as("n"))
      .groupBy(["d.venue", "d.latency_ms"])
      .orderBy("d.venue")
      .orderBy("d.latency_ms")
      .execute();
    return rows.map((r) => ({ venue: r.venue as VenueId, latencyMs: Number(r.latency_ms), n: num(r.n) })).filter((r) => r.n > 0);
  }

  async listRealizedCostsSorted(scope: TcaScope): Promise<Float64Array> {
    const query = this.ordersInScope(scope).select("o.realized_bps").where("o.realized_bps", "is not", null);
    const inThread = async () => Float64Array.from((await query.execute()).map((r) => r.realized_bps as number)).sort();
    return this.readWorker ? this.readWorker.sortedColumn(query.compile(), inThread) : inThread();
  }

  async listOrderTca(scope: TcaScope, limit?: number): Promise<OrderTcaRecord[]> {
    let q = this.ordersInScope(scope).select(RECORD_COLUMNS).orderBy("o.created_at_ms", "desc").orderBy("o.order_id", "desc");
    if (limit !== undefined) q = q.limit(limit);
    const rows = await q.execute();
    return rows.map(toRecord);
  }

  async getOrderTca(orderIds: readonly string[]): Promise<Map<string, OrderTcaRecord>> {
    const out = new Map<string, OrderTcaRecord>();
    if (orderIds.length === 0) return out;
    const rows = await this.db
      .selectFrom("order_tca as o")
      .select(RECORD_COLUMNS)
      .where("o.order_id", "in", [...orderIds])
      .execute();
    for (const r of rows) out.set(r.order_id, toRecord(r));
    return out;
  }

  async listCalibrationOutcomes(sinceMs: number, limit: number, deskId?: string): Promise<CalibrationOutcomeRecord[]> {
    let query = this.db
      .selectFrom("order_tca as t")
      // The order body keeps the raw forecast and its calibration group (the fit uses those).
      .innerJoin("orders as o", "o.id", "t.order_id")
      .select(["t.symbol", "t.created_at_ms", "t.forecast_p50_bps", "t.forecast_p90_bps", "t.realized_bps", "o.body_json"])
      .where("t.status", "=", "COMPLETED")
      .where("t.created_at_ms", ">=", Math.floor(sinceMs))
      .where("t.realized_bps", "is not", null)
      .where("t.forecast_p50_bps", "is not", null)
      .where("t.forecast_p90_bps", "is not", null)
      .orderBy("t.created_at_ms", "desc")
      .orderBy("t.order_id", "desc")
      .limit(limit);
    if (deskId !== undefined) query = query.where("t.desk_id", "=", deskId);
    const rows = await query.execute();
    return rows.map((r) => {
      const raw = rawForecastOfBody(r.body_json);
      return {
        symbol: r.symbol as SymbolId,
        createdAtMs: r.created_at_ms,
        forecastP50Bps: r.forecast_p50_bps as number,
        forecastP90Bps: r.forecast_p90_bps as number,
        realizedBps: r.realized_bps as number,
        rawP50Bps: raw?.rawP50Bps ?? null,
        rawP90Bps: raw?.rawP90Bps ?? null,
        calibrationGroup: raw?.calibrationGroup ?? null,
      };
    });
  }

  rebuildTca(): Promise<number> {
    return rebuildTcaRollup(this.db, this.kind);
  }

  async putMarketContext(c: MarketContextRecord): Promise<void> {
    const row = {
      order_id: c.orderId,
      mids_json: JSON.stringify(c.mids.map((m) => [m.tsMs, m.mid])),
      vwap: c.vwap,
      tape_qty: c.tapeQty,
      vwap_from_ms: Math.floor(c.vwapFromMs),
      vwap_to_ms: Math.floor(c.vwapToMs),
      source: c.source,
      recorded_at_ms: Math.floor(c.recordedAtMs),
    };
    await this.db
      .insertInto("order_market_context")
      .values(row)
      .onConflict((oc) =>
        oc.column("order_id").doUpdateSet(({ ref }) => ({
          mids_json: ref("excluded.mids_json"),
          vwap: ref("excluded.vwap"),
          tape_qty: ref("excluded.tape_qty"),
          vwap_from_ms: ref("excluded.vwap_from_ms"),
          vwap_to_ms: ref("excluded.vwap_to_ms"),
          source: ref("excluded.source"),
          recorded_at_ms: ref("excluded.recorded_at_ms"),
        })),
      )
      .execute();
  }

  async getMarketContext(orderId: string): Promise<MarketContextRecord | undefined> {
    const r = await this.db.selectFrom("order_market_context").selectAll().where("order_id", "=", orderId).executeTakeFirst();
    if (!r) return undefined;
    const mids = (JSON.parse(r.mids_json) as [number, number][]).map(([tsMs, mid]) => ({ tsMs, mid }));
    return { orderId: r.order_id, mids, vwap: r.vwap, tapeQty: r.tape_qty, vwapFromMs: r.vwap_from_ms, vwapToMs: r.vwap_to_ms, source: r.source, recordedAtMs: r.recorded_at_ms };
  }
}
