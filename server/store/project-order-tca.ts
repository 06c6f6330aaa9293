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
    const id = identityOf(o);
    const events = logs.get(o.id) ?? [];
    const fold = foldEvents(null, events, id.side, id.arrivalMid);
    if (!fold.state) continue;
    const share = dayShareOf(figuresOf(fold.state.order, id.side, id.arrivalMid), id.p90Bps);
    await delta.addOrder({
      id, row: tcaRowOf(id, fold.state, events.length), shareDelta: share, share, priorTouched: new Set(),
      venueIncrements: fold.venues, venueTotals: fold.venues, newLatencies: fold.latencies, allLatencies: async () => fold.latencies,
    });
  }
  return delta;
}

/**
 * Projects events appended after seq `lastSeq`. When the row's fold state is gone (a final
 * order) or behind, the stored log up to lastSeq is replayed to rebuild it first.
 */
export async function deltaForAppend(trx: Db, orderId: string, lastSeq: number, events: readonly OrderEvent[]): Promise<TcaDelta> {
  const delta = new TcaDelta();
  const existing = await trx.selectFrom("order_tca").selectAll().where("order_id", "=", orderId).executeTakeFirst();
  let id: TcaIdentity;
  let prior: ProjectionState | null = null;
  if (existing) {
    id = identityOfTcaRow(existing);
    if (existing.state_json !== null && existing.last_seq === lastSeq) prior = decodeProjectionState(existing.state_json);
  } else {
    const order = await trx
      .selectFrom("orders")
      .select(["id", "node_order_id", "desk_id", "key_id", "symbol", "side", "router_version", "created_at_ms", "body_json"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
    id = identityOf(order);
  }
  let replayed = { venues: new Map<VenueId, VenueSums>(), latencies: [] as AckLatency[] };
  if (!prior) {
    const log = await trx.selectFrom("order_events").selectAll().where("order_id", "=", orderId).where("seq", "<=", lastSeq).orderBy("seq").execute();
    const fold = foldEvents(null, log.map((r) => decodeOrderEvent({ kind: r.kind, atMs: r.at_ms, payloadJson: r.payload_json })), id.side, id.arrivalMid);
    prior = fold.state;
    // With a row, what the old events added per venue is already recorded.
    if (!existing) replayed = fold;
  }
  const fold = foldEvents(prior, events, id.side, id.arrivalMid);
  if (!fold.state) return delta;
  for (const [venue, sums] of replayed.venues) {
    const into = fold.venues.get(venue);
    if (into) addInto(into, sums);
    else fold.venues.set(venue, sums);
  }
  const newLatencies = [...replayed.latencies, ...fold.latencies];
  // The order's venue rows so far: which venues' day rows already hold it, and its totals.
  const priorVenues = existing ? await trx.selectFrom("order_venue_tca").selectAll().where("order_id", "=", orderId).execute() : [];
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
    row: tcaRowOf(id, fold.state, lastSeq + events.length),
    shareDelta: subtractDaySums(share, existing ? shareOfRow(existing) : null),
    share,
    priorTouched: new Set(priorVenues.map((v) => v.venue as VenueId)),
    venueIncrements: fold.venues,
    venueTotals,
    newLatencies,
    allLatencies: async () => {
      const stored = existing ? await trx.selectFrom("order_ack_latency").selectAll().where("order_id", "=", orderId).execute() : [];
      return [...stored.map((l) => ({ childId: l.child_id, venue: l.venue as VenueId, latencyMs: l.latency_ms })), ...newLatencies];
    },
  });
  return delta;
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
export async function applyTcaDelta(trx: Db, delta: TcaDelta): Promise<void> {
  for (const rows of chunks(delta.rows, 200)) {
    await trx
      .insertInto("order_tca")
      .values(rows)
      .onConflict((oc) => oc.column("order_id").doUpdateSet(({ ref }) => fromExcluded(ref, rows[0]!, ["order_id"])))
      .execute();
  }
  for (const days of chunks(sorted(delta.days), 500)) {
    const values = days.map(({ id, touched, sums }) => ({
      desk_id: id.deskId, touched, day: id.day, symbol: id.symbol, key_id: id.keyId, router_version: id.routerVersion,
      orders: sums.orders, completed: sums.completed, fills: sums.fills, qty: sums.qty, filled: sums.filled, notional_usd: sums.notional,
      cost_notional: sums.costNotional, cost_w: sums.costW, calib_n: sums.calibN, calib_within: sums.calibWithin,
    }));
    await trx
      .insertInto("tca_day")
      .values(values)
      .onConflict((oc) =>
        oc.columns(["desk_id", "touched", "day", "symbol", "key_id", "router_version"]).doUpdateSet((eb) =>
          incrementBy(eb, "tca_day", ["orders", "completed", "fills", "qty", "filled", "notional_usd", "cost_notional", "cost_w", "calib_n", "calib_within"]),
        ),
      )
      .execute();
  }
  const venueCols = ["sent", "sent_qty", "filled_qty", "fills", "notional_usd", "rejected", "cost_w", "cost_n"] as const;
  const venueValues = (s: VenueSums) => ({
    sent: s.sent, sent_qty: s.sentQty, filled_qty: s.filledQty, fills: s.fills, notional_usd: s.notional, rejected: s.rejected, cost_w: s.costW, cost_n: s.costN,
  });
  for (const part of chunks(sorted(delta.orderVenues), 500)) {
    await trx
      .insertInto("order_venue_tca")
      .values(part.map((v) => ({ order_id: v.orderId, venue: v.venue, ...venueValues(v.sums) })))
      .onConflict((oc) => oc.columns(["order_id", "venue"]).doUpdateSet((eb) => incrementBy(eb, "order_venue_tca", venueCols)))
      .execute();
  }
  for (const part of chunks(sorted(delta.venueDays), 500)) {
    await trx
      .insertInto("tca_venue_day")
      .values(part.map((v) => ({ desk_id: v.id.deskId, touched: v.touched, day: v.id.day, symbol: v.id.symbol, key_id: v.id.keyId, venue: v.venue, ...venueValues(v.sums) })))
      .onConflict((oc) => oc.columns(["desk_id", "touched", "day", "symbol", "key_id", "venue"]).doUpdateSet((eb) => incrementBy(eb, "tca_venue_day", venueCols)))
      .execute();
  }
  for (const part of chunks(delta.latencies, 1000)) {
    await trx
      .insertInto("order_ack_latency")
      .values(part.map(({ orderId, a }) => ({ order_id: orderId, child_id: a.childId, venue: a.venue, latency_ms: a.latencyMs })))
      .onConflict((oc) => oc.columns(["order_id", "child_id"]).doNothing())
      .execute();
  }
  for (const part of chunks(sorted(delta.latencyDays), 1000)) {
    await trx
      .insertInto("tca_latency_day")
      .values(part.map((l) => ({ desk_id: l.id.deskId, touched: l.touched, day: l.id.day, symbol: l.id.symbol, key_id: l.id.keyId, venue: l.venue, latency_ms: l.latencyMs, n: l.n })))
      .onConflict((oc) => oc.columns(["desk_id", "touched", "day", "symbol", "key_id", "venue", "latency_ms"]).doUpdateSet((eb) => incrementBy(eb, "tca_latency_day", ["n"])))
      .execute();
  }
}

/** Multi-row statements stay under SQLite's bound-parameter limit (32,766). */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Recomputes the roll-up from every order's log (the migration's backfill and a repair
 * path). Market contexts are kept: they are observations, not derived from the log.
 */
export async function rebuildTcaRollup(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    for (const t of ["tca_latency_day", "tca_venue_day", "tca_day", "order_ack_latency", "order_venue_tca", "order_tca"] as const) await trx.deleteFrom(t).execute();
    const orders = await trx.selectFrom("orders").select(["id", "node_order_id", "desk_id", "key_id", "symbol", "side", "router_version", "created_at_ms", "body_json"]).orderBy("id").execute();
    for (const batch of chunks(orders, 500)) {
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
      await applyTcaDelta(trx, await deltaForNewOrders(batch, logs));
    }
    return orders.length;
  });
}

// Kysely cannot type a column list chosen at run time; the names are this file's constants.
/* eslint-disable @typescript-eslint/no-explicit-any */
function incrementBy(eb: any, table: string, cols: readonly string[]): any {
  return Object.fromEntries(cols.map((c) => [c, eb(`${table}.${c}`, "+", eb.ref(`excluded.${c}`))]));
}

function fromExcluded(ref: any, row: object, skip: readonly string[]): any {
  return Object.fromEntries(Object.keys(row).filter((c) => !skip.includes(c)).map((c) => [c, ref(`excluded.${c}`)]));
}
/* eslint-enable @typescript-eslint/no-explicit-any */
