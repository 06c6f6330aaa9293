/**
 * Keeps the TCA roll-up in step with the event log, inside the transaction that writes
 * the events (createOrderGraph, appendOrderEvents), so a committed log and its roll-up
 * never disagree. Per-order rows are rewritten; day rows are adjusted by the difference
 * between the order's old and new share (order-level figures such as the realized cost
 * change with every fill), venue and latency rows only grow (each event adds its part once).
 * Each day row exists once for every order (touched = "") and once per venue the orders
 * touched, which answers the summary's venue filter from day sums as well.
 */
import type { Kysely, Selectable } from "kysely";
import type { OrderEvent } from "@/server/execution/order-events";
import { isTerminalStatus } from "@/server/execution/order-states";
import type { Side } from "@/server/execution/types";
import type { VenueId } from "@/server/market-data/types";
import { decodeOrderEvent } from "@/server/execution/order-event-codec";
import { chunked } from "./chunk-rows";
import type { StoreKind } from "./port";
import { upsertRows } from "./upsert-rows";
import { e8ToColumn, e9ToColumn } from "./decimal-columns";
import type { Database, OrderTcaTable } from "./schema";
import {
  dayShareOf,
  decodeProjectionState,
  encodeProjectionState,
  figuresOf,
  foldEvents,
  forecastOfBody,
  subtractDaySums,
  type AckLatency,
  type DaySums,
  type ProjectionState,
  type VenueSums,
} from "./tca-projection";
import { summarizeOrder } from "@/server/execution/order-states";

type Db = Kysely<Database>;

/** What an order's roll-up rows are keyed and priced by; fixed at creation. */
export interface TcaIdentity {
  orderId: string;
  nodeOrderId: string;
  deskId: string;
  keyId: string;
  symbol: string;
  side: Side;
  routerVersion: string;
  day: string;
  createdAtMs: number;
  arrivalMid: number | null;
  p50Bps: number | null;
  p90Bps: number | null;
}

interface OrderRowForTca {
  id: string;
  node_order_id: string;
  desk_id: string;
  key_id: string;
  symbol: string;
  side: Side;
  router_version: string | null;
  created_at_ms: number;
  body_json: string;
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function identityOf(o: OrderRowForTca): TcaIdentity {
  const f = forecastOfBody(o.body_json);
  return {
    orderId: o.id,
    nodeOrderId: o.node_order_id,
    deskId: o.desk_id,
    keyId: o.key_id,
    symbol: o.symbol,
    side: o.side,
    routerVersion: o.router_version ?? "none",
    day: utcDay(o.created_at_ms),
    createdAtMs: o.created_at_ms,
    arrivalMid: f?.arrivalMid ?? null,
    p50Bps: f?.p50Bps ?? null,
    p90Bps: f?.p90Bps ?? null,
  };
}

function identityOfTcaRow(r: Selectable<OrderTcaTable>): TcaIdentity {
  return {
    orderId: r.order_id, nodeOrderId: r.node_order_id, deskId: r.desk_id, keyId: r.key_id, symbol: r.symbol, side: r.side, routerVersion: r.router_version, day: r.day,
    createdAtMs: r.created_at_ms, arrivalMid: r.arrival_mid, p50Bps: r.forecast_p50_bps, p90Bps: r.forecast_p90_bps,
  };
}

export function tcaRowOf(id: TcaIdentity, state: ProjectionState, lastSeq: number): Selectable<OrderTcaTable> {
  const s = summarizeOrder(state.order);
  const f = figuresOf(state.order, id.side, id.arrivalMid);
  // FAILED may still take late fills, so only the other final states drop the fold state.
  const keepState = !isTerminalStatus(s.status) || s.status === "FAILED";
  return {
    order_id: id.orderId, node_order_id: id.nodeOrderId, desk_id: id.deskId, key_id: id.keyId, symbol: id.symbol, side: id.side, router_version: id.routerVersion, day: id.day,
    created_at_ms: id.createdAtMs, status: s.status, last_seq: lastSeq, accepted_at_ms: s.acceptedAtMs, updated_at_ms: s.updatedAtMs,
    reject_reason: s.rejectReason, filled: e8ToColumn(s.filledE8), avg_price: s.avgPriceE9 === null ? null : e9ToColumn(s.avgPriceE9),
    fees: e9ToColumn(s.feesE9), qty_f: f.qty, filled_f: f.filled, notional_usd: f.notional, fees_usd: f.fees, fills: f.fills,
    arrival_mid: id.arrivalMid, forecast_p50_bps: id.p50Bps, forecast_p90_bps: id.p90Bps, realized_bps: f.realizedBps,
    state_json: keepState ? encodeProjectionState(state) : null,
  };
}

function shareOfRow(r: Selectable<OrderTcaTable>): DaySums {
  return dayShareOf(
    { status: r.status, qty: r.qty_f, filled: r.filled_f, avgPrice: null, fees: r.fees_usd, notional: r.notional_usd, fills: r.fills, realizedBps: r.realized_bps },
    r.forecast_p90_bps,
  );
}

/** What one order adds to the roll-up in one write. */
export interface OrderChange {
  id: TcaIdentity;
  row: Selectable<OrderTcaTable>;
  /** New day share minus the share already recorded (the whole share for a new row). */
  shareDelta: DaySums;
  /** The order's whole share now: what a venue it touches for the first time gets. */
  share: DaySums;
  /** Venues touched before this write (their day rows already hold the order). */
  priorTouched: ReadonlySet<VenueId>;
  /** What these events add per venue. */
  venueIncrements: ReadonlyMap<VenueId, VenueSums>;
  /** The order's per-venue sums after these events. */
  venueTotals: ReadonlyMap<VenueId, VenueSums>;
  newLatencies: readonly AckLatency[];
  /** Every latency of the order after these events (read only when a venue is touched first). */
  allLatencies: () => Promise<readonly AckLatency[]>;
}

/** Changes to apply to the roll-up, gathered per key so each table gets one statement. */
export class TcaDelta {
  readonly rows: Selectable<OrderTcaTable>[] = [];
  readonly days = new Map<string, { id: TcaIdentity; touched: string; sums: DaySums }>();
  readonly orderVenues = new Map<string, { orderId: string; venue: VenueId; sums: VenueSums }>();
  readonly venueDays = new Map<string, { id: TcaIdentity; touched: string; venue: VenueId; sums: VenueSums }>();
  readonly latencies: { orderId: string; a: AckLatency }[] = [];
  readonly latencyDays = new Map<string, { id: TcaIdentity; touched: string; venue: VenueId; latencyMs: number; n: number }>();

  /**
   * Day rows are kept under touched = "" (every order) and under each venue the order
   * touched; a venue touched for the first time gets the order's whole share, venue sums and
   * latencies so far, the others (and "") only what changed.
   */
  async addOrder(c: OrderChange): Promise<void> {
    const { id } = c;
    this.rows.push(c.row);
    for (const [venue, sums] of c.venueIncrements) this.orderVenues.set(`${id.orderId}|${venue}`, { orderId: id.orderId, venue, sums });
    for (const a of c.newLatencies) this.latencies.push({ orderId: id.orderId, a });
    const known = ["", ...c.priorTouched];
    const first = [...c.venueIncrements.keys()].filter((v) => !c.priorTouched.has(v));
    for (const touched of known) {
      this.addDay(id, touched, c.shareDelta);
      for (const [venue, sums] of c.venueIncrements) this.addVenueDay(id, touched, venue, sums);
      for (const a of c.newLatencies) this.addLatencyDay(id, touched, a);
    }
    if (first.length === 0) return;
    const all = await c.allLatencies();
    for (const touched of first) {
      this.addDay(id, touched, c.share);
      for (const [venue, sums] of c.venueTotals) this.addVenueDay(id, touched, venue, sums);
      for (const a of all) this.addLatencyDay(id, touched, a);
    }
  }

  private addDay(id: TcaIdentity, touched: string, sums: DaySums): void {
    const k = `${id.deskId}|${touched}|${id.day}|${id.symbol}|${id.keyId}|${id.routerVersion}`;
    const d = this.days.get(k);
    if (d) addInto(d.sums, sums);
    else this.days.set(k, { id, touched, sums: { ...sums } });
  }

  private addVenueDay(id: TcaIdentity, touched: string, venue: VenueId, sums: VenueSums): void {
    const k = `${id.deskId}|${touched}|${id.day}|${id.symbol}|${id.keyId}|${venue}`;
    const v = this.venueDays.get(k);
    if (v) addInto(v.sums, sums);
    else this.venueDays.set(k, { id, touched, venue, sums: { ...sums } });
  }

  private addLatencyDay(id: TcaIdentity, touched: string, a: AckLatency): void {
    const k = `${id.deskId}|${touched}|${id.day}|${id.symbol}|${id.keyId}|${a.venue}|${a.latencyMs}`;
    const l = this.latencyDays.get(k);
    if (l) l.n += 1;
    else this.latencyDays.set(k, { id, touched, venue: a.venue, latencyMs: a.latencyMs, n: 1 });
  }
}

function addInto<T extends object>(into: T, add: T): void {
  const a = into as Record<string, number>;
  for (const [k, v] of Object.entries(add as Record<string, number>)) a[k] = (a[k] ?? 0) + v;
}

/** Projects new orders from their first events (createOrderGraph). */
export async function deltaForNewOrders(orders: readonly OrderRowForTca[], logs: ReadonlyMap<string, readonly OrderEvent[]>): Promise<TcaDelta> {
  const delta = new TcaDelta();
  for (const o of orders) {
    const events = logs.get(o.id) ?? [];
    const fold = foldEvents(null, events, o.side, identityOf(o).arrivalMid);
    if (!fold.state) continue;
    const id = { ...identityOf(o), arrivalMid: fold.arrivalMid };
    const share = dayShareOf(figuresOf(fold.state.order, id.side, id.arrivalMid), id.p90Bps);
    await delta.addOrder({
      id, row: tcaRowOf(id, fold.state, events.length), shareDelta: share, share, priorTouched: new Set(),
      venueIncrements: fold.venues, venueTotals: fold.venues, newLatencies: fold.latencies, allLatencies: async () => fold.latencies,
    });
  }
  return delta;
}

/** One order's append, for deltaForAppends: its events and its log's end before them. */
export interface AppendForTca {
  orderId: string;
  lastSeq: number;
  events: readonly OrderEvent[];
}

/**
 * Projects events appended to many orders (each after seq `lastSeq`), reading what it
 * needs for all of them in a few statements. When an order's row keeps no fold state (a
 * final order) or is behind, its stored log up to lastSeq is replayed to rebuild it first.
 */
export async function deltaForAppends(trx: Db, appends: readonly AppendForTca[]): Promise<TcaDelta> {
  const delta = new TcaDelta();
  const ids = appends.map((a) => a.orderId);
  const existing = new Map<string, Selectable<OrderTcaTable>>();
  for (const part of chunked(ids, 500)) {
    for (const r of await trx.selectFrom("order_tca").selectAll().where("order_id", "in", part).execute()) existing.set(r.order_id, r);
  }
  const orders = new Map<string, OrderRowForTca>();
  for (const part of chunked(ids.filter((id) => !existing.has(id)), 500)) {
    const rows = await trx
      .selectFrom("orders")
      .select(["id", "node_order_id", "desk_id", "key_id", "symbol", "side", "router_version", "created_at_ms", "body_json"])
      .where("id", "in", part)
      .execute();
    for (const r of rows) orders.set(r.id, r);
  }
  const priorOf = (a: AppendForTca): ProjectionState | null => {
    const row = existing.get(a.orderId);
    return row && row.state_json !== null && row.last_seq === a.lastSeq ? decodeProjectionState(row.state_json) : null;
  };
  const replay = appends.filter((a) => !priorOf(a));
  const logs = await groupedBy(
    replay.map((a) => a.orderId),
    async (part) => trx.selectFrom("order_events").selectAll().where("order_id", "in", part).orderBy("order_id").orderBy("seq").execute(),
    (r) => r.order_id,
  );
  const withRows = ids.filter((id) => existing.has(id));
  const venueRows = await groupedBy(withRows, async (part) => trx.selectFrom("order_venue_tca").selectAll().where("order_id", "in", part).execute(), (r) => r.order_id);
  // Every latency of an order is needed only when it touches a venue for the first time.
  let storedLatencies: Promise<Map<string, Selectable<Database["order_ack_latency"]>[]>> | undefined;
  const latenciesOf = async (orderId: string) => {
    storedLatencies ??= groupedBy(withRows, async (part) => trx.selectFrom("order_ack_latency").selectAll().where("order_id", "in", part).execute(), (r) => r.order_id);
    return (await storedLatencies).get(orderId) ?? [];
  };

  for (const a of appends) {
    const row = existing.get(a.orderId);
    const order = orders.get(a.orderId);
    if (!row && !order) throw new Error(`no order ${a.orderId}`);
    const stored = row ? identityOfTcaRow(row) : identityOf(order!);
    let prior = priorOf(a);
    let priorArrival = stored.arrivalMid;
    let replayed = { venues: new Map<VenueId, VenueSums>(), latencies: [] as AckLatency[] };
    if (!prior) {
      const log = (logs.get(a.orderId) ?? []).filter((r) => r.seq <= a.lastSeq);
      // The log's first send sets the arrival mid again; a log without one keeps the stored mid.
      const fold = foldEvents(null, log.map((r) => decodeOrderEvent({ kind: r.kind, atMs: r.at_ms, payloadJson: r.payload_json })), stored.side, stored.arrivalMid);
      prior = fold.state;
      priorArrival = fold.arrivalMid;
      // With a row, what the old events added per venue is already recorded.
      if (!row) replayed = fold;
    }
    const fold = foldEvents(prior, a.events, stored.side, priorArrival);
    if (!fold.state) continue;
    const id = { ...stored, arrivalMid: fold.arrivalMid };
    for (const [venue, sums] of replayed.venues) {
      const into = fold.venues.get(venue);
      if (into) addInto(into, sums);
      else fold.venues.set(venue, sums);
    }
    const newLatencies = [...replayed.latencies, ...fold.latencies];
    // The order's venue rows so far: which venues' day rows already hold it, and its totals.
    const priorVenues = row ? (venueRows.get(a.orderId) ?? []) : [];
    const venueTotals = new Map<VenueId, VenueSums>();
    for (const v of priorVenues) {
      venueTotals.set(v.venue as VenueId, {
        sent: v.sent, sentQty: v.sent_qty, filledQty: v.filled_qty, fills: v.fills, notional: v.notional_usd, rejected: v.rejected, costW: v.cost_w, costN: v.cost_n,
      });
    }
    for (const [venue, sums] of fold.venues) {
      const total = venueTotals.get(venue);
      if (total) venueTotals.set(venue, { ...total, ...sumOf(total, sums) });
      else venueTotals.set(venue, { ...sums });
    }
    const share = dayShareOf(figuresOf(fold.state.order, id.side, id.arrivalMid), id.p90Bps);
    await delta.addOrder({
      id,
      row: tcaRowOf(id, fold.state, a.lastSeq + a.events.length),
      shareDelta: subtractDaySums(share, row ? shareOfRow(row) : null),
      share,
      priorTouched: new Set(priorVenues.map((v) => v.venue as VenueId)),
      venueIncrements: fold.venues,
      venueTotals,
      newLatencies,
      allLatencies: async () => {
        const stored = row ? await latenciesOf(a.orderId) : [];
        return [...stored.map((l) => ({ childId: l.child_id, venue: l.venue as VenueId, latencyMs: l.latency_ms })), ...newLatencies];
      },
    });
  }
  return delta;
}

/** Rows read in chunks of ids, grouped by order id (each group in the order read). */
async function groupedBy<R>(ids: readonly string[], read: (part: string[]) => Promise<R[]>, keyOf: (r: R) => string): Promise<Map<string, R[]>> {
  const out = new Map<string, R[]>();
  for (const part of chunked(ids, 500)) {
    for (const r of await read(part)) {
      const list = out.get(keyOf(r));
      if (list) list.push(r);
      else out.set(keyOf(r), [r]);
    }
  }
  return out;
}

function sumOf(a: VenueSums, b: VenueSums): VenueSums {
  const out = { ...a };
  addInto(out, b);
  return out;
}

/** Map values in key order. */
function sorted<T>(m: ReadonlyMap<string, T>): T[] {
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/**
 * Writes a delta: per-order rows replaced, day rows incremented (upsert). Shared rows are
 * written in key order, so two transactions touching the same day rows (PostgreSQL row
 * locks) take them in the same order and cannot deadlock.
 */
export async function applyTcaDelta(trx: Db, kind: StoreKind, delta: TcaDelta): Promise<void> {
  const rows = delta.rows;
  if (rows.length > 0) {
    const cols = Object.keys(rows[0]!);
    for (const part of chunked(rows, 200)) await upsertRows(trx, kind, "order_tca", cols, ["order_id"], { do: "replace" }, part);
  }
  const dayKey = ["desk_id", "touched", "day", "symbol", "key_id", "router_version"];
  const daySums = ["orders", "completed", "fills", "qty", "filled", "notional_usd", "cost_notional", "cost_w", "calib_n", "calib_within"];
  for (const days of chunked(sorted(delta.days), 500)) {
    const values = days.map(({ id, touched, sums }) => ({
      desk_id: id.deskId, touched, day: id.day, symbol: id.symbol, key_id: id.keyId, router_version: id.routerVersion,
      orders: sums.orders, completed: sums.completed, fills: sums.fills, qty: sums.qty, filled: sums.filled, notional_usd: sums.notional,
      cost_notional: sums.costNotional, cost_w: sums.costW, calib_n: sums.calibN, calib_within: sums.calibWithin,
    }));
    await upsertRows(trx, kind, "tca_day", [...dayKey, ...daySums], dayKey, { do: "increment", columns: daySums }, values);
  }
  const venueCols = ["sent", "sent_qty", "filled_qty", "fills", "notional_usd", "rejected", "cost_w", "cost_n"];
  const venueValues = (s: VenueSums) => ({
    sent: s.sent, sent_qty: s.sentQty, filled_qty: s.filledQty, fills: s.fills, notional_usd: s.notional, rejected: s.rejected, cost_w: s.costW, cost_n: s.costN,
  });
  for (const part of chunked(sorted(delta.orderVenues), 500)) {
    const values = part.map((v) => ({ order_id: v.orderId, venue: v.venue, ...venueValues(v.sums) }));
    await upsertRows(trx, kind, "order_venue_tca", ["order_id", "venue", ...venueCols], ["order_id", "venue"], { do: "increment", columns: venueCols }, values);
  }
  const venueDayKey = ["desk_id", "touched", "day", "symbol", "key_id", "venue"];
  for (const part of chunked(sorted(delta.venueDays), 500)) {
    const values = part.map((v) => ({ desk_id: v.id.deskId, touched: v.touched, day: v.id.day, symbol: v.id.symbol, key_id: v.id.keyId, venue: v.venue, ...venueValues(v.sums) }));
    await upsertRows(trx, kind, "tca_venue_day", [...venueDayKey, ...venueCols], venueDayKey, { do: "increment", columns: venueCols }, values);
  }
  for (const part of chunked(delta.latencies, 1000)) {
    const values = part.map(({ orderId, a }) => ({ order_id: orderId, child_id: a.childId, venue: a.venue, latency_ms: a.latencyMs }));
    await upsertRows(trx, kind, "order_ack_latency", ["order_id", "child_id", "venue", "latency_ms"], ["order_id", "child_id"], { do: "nothing" }, values);
  }
  const latencyKey = ["desk_id", "touched", "day", "symbol", "key_id", "venue", "latency_ms"];
  for (const part of chunked(sorted(delta.latencyDays), 1000)) {
    const values = part.map((l) => ({ desk_id: l.id.deskId, touched: l.touched, day: l.id.day, symbol: l.id.symbol, key_id: l.id.keyId, venue: l.venue, latency_ms: l.latencyMs, n: l.n }));
    await upsertRows(trx, kind, "tca_latency_day", [...latencyKey, "n"], latencyKey, { do: "increment", columns: ["n"] }, values);
  }
}

/**
 * Recomputes the roll-up from every order's log (the migration's backfill and a repair
 * path). Market contexts are kept: they are observations, not derived from the log.
 */
export async function rebuildTcaRollup(db: Db, kind: StoreKind): Promise<number> {
  return db.transaction().execute(async (trx) => {
    for (const t of ["tca_latency_day", "tca_venue_day", "tca_day", "order_ack_latency", "order_venue_tca", "order_tca"] as const) await trx.deleteFrom(t).execute();
    const orders = await trx.selectFrom("orders").select(["id", "node_order_id", "desk_id", "key_id", "symbol", "side", "router_version", "created_at_ms", "body_json"]).orderBy("id").execute();
    for (const batch of chunked(orders, 500)) {
      const rows = await trx
        .selectFrom("order_events")
        .selectAll()
        .where("order_id", "in", batch.map((o) => o.id))
        .orderBy("order_id")
        .orderBy("seq")
        .execute();
      const logs = new Map<string, OrderEvent[]>();
      for (const r of rows) {
        const log = logs.get(r.order_id) ?? [];
        log.push(decodeOrderEvent({ kind: r.kind, atMs: r.at_ms, payloadJson: r.payload_json }));
        logs.set(r.order_id, log);
      }
      await applyTcaDelta(trx, kind, await deltaForNewOrders(batch, logs));
    }
    return orders.length;
  });
}

