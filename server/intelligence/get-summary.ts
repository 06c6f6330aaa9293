/**
 * GET /v1/execution/summary: the desk's orders in a UTC date range rolled up by day,
 * symbol, venue and routing version, with slippage percentiles and forecast calibration.
 * Every figure is derived from the orders' event logs (the single source of truth).
 */
import type { SummaryQuery, SummaryResponse } from "@/lib/contracts/summary";
import { MAX_SUMMARY_DAYS } from "@/lib/contracts/summary";
import { e8ToQty, e9ToPrice } from "@/lib/units";
import type { Principal } from "@/server/auth/principal";
import { can } from "@/server/auth/roles";
import type { Core } from "@/server/core";
import { deriveOrder, summarizeOrder, type OrderSummary } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { ApiError } from "@/server/http/api-error";
import type { VenueId } from "@/server/market-data/types";
import { msToNs } from "@/server/shared/clock";
import type { OrderRecord } from "@/server/store/port";
import { computeRealizedCostBps } from "@/server/tca/realized-cost";
import { readStoredBody } from "./stored-order-body";

const DAY_MS = 86_400_000;
const PAGE = 200;

export interface SummaryRow {
  record: OrderRecord;
  summary: OrderSummary;
  events: OrderEvent[];
  arrivalMid: number | null;
  forecastP50: number | null;
  forecastP90: number | null;
  realizedBps: number | null;
  notionalUsd: number;
}

export async function loadSummaryRows(core: Core, principal: Principal, q: SummaryQuery): Promise<{ rows: SummaryRow[]; start: string; end: string; scope: SummaryResponse["scope"] }> {
  const today = new Date(core.clock.nowMs()).toISOString().slice(0, 10);
  const start = q.start_date ?? q.end_date ?? today;
  const end = q.end_date ?? (q.start_date ? start : today);
  const fromMs = Date.parse(`${start}T00:00:00Z`);
  const toMs = Date.parse(`${end}T00:00:00Z`) + DAY_MS;
  if (toMs <= fromMs) throw new ApiError("VALIDATION_ERROR", "end_date must be on or after start_date", [{ field: "end_date", message: "before start_date" }]);
  if ((toMs - fromMs) / DAY_MS > MAX_SUMMARY_DAYS) {
    throw new ApiError("VALIDATION_ERROR", `the range may span at most ${MAX_SUMMARY_DAYS} days`, [{ field: "end_date", message: `more than ${MAX_SUMMARY_DAYS} days after start_date` }]);
  }
  const ownOnly = !can(principal.role, "read_desk") && principal.restrictTradersToOwnOrders;
  const rows: SummaryRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.store.listOrders(principal.deskId, { fromMs, toMs, limit: PAGE, ...(q.symbol ? { symbol: q.symbol } : {}), ...(cursor ? { cursor } : {}) });
    for (const record of page.orders) {
      if (ownOnly && record.keyId !== principal.keyId) continue;
      rows.push(await summarize(core, record));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const filtered = q.venue ? rows.filter((r) => r.events.some((e) => "venue" in e && e.venue === q.venue)) : rows;
  return { rows: filtered, start, end, scope: ownOnly ? "own_orders" : "desk" };
}

async function summarize(core: Core, record: OrderRecord): Promise<SummaryRow> {
  const events = (await core.store.listOrderEvents(record.id)).map((e) => e.event);
  const summary = summarizeOrder(deriveOrder(events).state);
  const forecast = readStoredBody(record.bodyJson).forecast;
  const filled = e8ToQty(summary.filledE8);
  const avg = summary.avgPriceE9 === null ? null : e9ToPrice(summary.avgPriceE9);
  const fees = e9ToPrice(summary.feesE9);
  const arrival = forecast?.arrivalMid ?? null;
  const realized = avg !== null ? (computeRealizedCostBps(record.side, [{ qty: filled, price: avg, fee: fees }], arrival) ?? null) : null;
  return {
    record,
    summary,
    events,
    arrivalMid: arrival,
    forecastP50: forecast?.p50Bps ?? null,
    forecastP90: forecast?.p90Bps ?? null,
    realizedBps: realized,
    notionalUsd: avg !== null ? avg * filled : 0,
  };
}

export async function getSummary(core: Core, principal: Principal, q: SummaryQuery): Promise<SummaryResponse> {
  const { rows, start, end, scope } = await loadSummaryRows(core, principal, q);
  const withCost = rows.filter((r) => r.realizedBps !== null);
  const costs = withCost.map((r) => r.realizedBps!).sort((a, b) => a - b);
  const notional = withCost.reduce((s, r) => s + r.notionalUsd, 0);
  const ordered = rows.reduce((s, r) => s + e8ToQty(r.summary.qtyE8), 0);
  const filled = rows.reduce((s, r) => s + e8ToQty(r.summary.filledE8), 0);
  const calibrated = withCost.filter((r) => r.forecastP90 !== null);

  return {
    start_date: start,
    end_date: end,
    filters: { symbol: q.symbol ?? null, venue: q.venue ?? null },
    scope,
    totals: {
      orders: rows.length,
      completed_orders: rows.filter((r) => r.summary.status === "COMPLETED").length,
      fills: rows.reduce((s, r) => s + r.events.filter((e) => e.kind === "fill").length, 0),
      filled_notional_usd: rows.reduce((s, r) => s + r.notionalUsd, 0),
      fill_rate: ordered > 0 ? filled / ordered : 0,
    },
    slippage_bps: costs.length
      ? {
          p50: quantile(costs, 0.5),
          p75: quantile(costs, 0.75),
          p90: quantile(costs, 0.9),
          p95: quantile(costs, 0.95),
          p99: quantile(costs, 0.99),
          notional_weighted_mean: notional > 0 ? withCost.reduce((s, r) => s + r.realizedBps! * r.notionalUsd, 0) / notional : 0,
        }
      : null,
    per_venue: perVenue(rows),
    per_symbol: groupBy(rows, (r) => r.record.symbol).map(([symbol, g]) => ({
      symbol,
      ...costStats(g),
      fill_rate: ratio(g.reduce((s, r) => s + e8ToQty(r.summary.filledE8), 0), g.reduce((s, r) => s + e8ToQty(r.summary.qtyE8), 0)),
    })),
    per_router_version: groupBy(rows, (r) => r.record.routerVersion ?? "none").map(([router_version, g]) => ({ router_version, ...costStats(g) })),
    by_day: groupBy(rows, (r) => new Date(r.record.createdAtMs).toISOString().slice(0, 10)).map(([date, g]) => ({ date, ...costStats(g) })),
    calibration: {
      observations: calibrated.length,
      within_p90_share: calibrated.length ? calibrated.filter((r) => r.realizedBps! <= r.forecastP90!).length / calibrated.length : null,
    },
    generated_at_ns: msToNs(core.clock.nowMs()).toString(),
  };
}

/** Linear interpolation between closest ranks (Hyndman & Fan 1996, type 7, as in R and numpy). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(sorted.length - 1, lo + 1)] ?? a;
  return a + (h - lo) * (b - a);
}

function costStats(g: readonly SummaryRow[]) {
  const withCost = g.filter((r) => r.realizedBps !== null);
  const notional = withCost.reduce((s, r) => s + r.notionalUsd, 0);
  return {
    orders: g.length,
    notional_usd: g.reduce((s, r) => s + r.notionalUsd, 0),
    avg_cost_bps: notional > 0 ? withCost.reduce((s, r) => s + r.realizedBps! * r.notionalUsd, 0) / notional : null,
  };
}

function perVenue(rows: readonly SummaryRow[]): SummaryResponse["per_venue"] {
  interface Acc { fills: number; notional: number; sentQty: number; filledQty: number; sent: number; rejected: number; latencies: number[]; costW: number; costN: number }
  const acc = new Map<VenueId, Acc>();
  const get = (v: VenueId) => {
    let a = acc.get(v);
    if (!a) acc.set(v, (a = { fills: 0, notional: 0, sentQty: 0, filledQty: 0, sent: 0, rejected: 0, latencies: [], costW: 0, costN: 0 }));
    return a;
  };
  for (const r of rows) {
    const sentAt = new Map<string, { venue: VenueId; atMs: number }>();
    const sign = r.record.side === "buy" ? 1 : -1;
    for (const e of r.events) {
      if (e.kind === "child_sent") {
        const a = get(e.venue);
        a.sent++;
        a.sentQty += e8ToQty(e.qtyE8);
        sentAt.set(e.childId, { venue: e.venue, atMs: e.atMs });
      } else if (e.kind === "child_acked") {
        const s = sentAt.get(e.childId);
        if (s) get(s.venue).latencies.push(e.atMs - s.atMs);
      } else if (e.kind === "child_rejected") {
        const s = sentAt.get(e.childId);
        if (s) get(s.venue).rejected++;
      } else if (e.kind === "fill") {
        const a = get(e.venue);
        const qty = e8ToQty(e.qtyE8);
        const price = e9ToPrice(e.priceE9);
        a.fills++;
        a.filledQty += qty;
        a.notional += qty * price;
        if (r.arrivalMid) {
          a.costW += ((sign * (price - r.arrivalMid) * qty + e9ToPrice(e.feeE9)) / r.arrivalMid) * 1e4;
          a.costN += qty;
        }
      }
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([venue, a]) => {
      const lat = [...a.latencies].sort((x, y) => x - y);
      return {
        venue,
        fills: a.fills,
        notional_usd: a.notional,
        fill_rate: ratio(a.filledQty, a.sentQty),
        reject_rate: ratio(a.rejected, a.sent),
        ack_latency_p50_ms: lat.length ? quantile(lat, 0.5) : null,
        ack_latency_p99_ms: lat.length ? quantile(lat, 0.99) : null,
        avg_cost_bps: a.costN > 0 ? a.costW / a.costN : null,
      };
    });
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
