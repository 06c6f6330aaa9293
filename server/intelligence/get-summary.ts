/**
 * GET /v1/execution/summary: the desk's orders in a UTC date range rolled up by day,
 * symbol, venue and routing version, with slippage percentiles and forecast calibration.
 *
 * Read from the TCA roll-up (migration 0003), which the store keeps in step with the
 * orders' event logs (the single source of truth) in the same transaction as each
 * append: SQL sums per day/symbol/router and per venue, an ack-latency histogram (whole
 * ms, so its percentiles are exact), and the per-order realized costs for the slippage
 * percentiles (exact, type 7, as before the roll-up).
 */
import type { SummaryQuery, SummaryResponse } from "@/lib/contracts/summary";
import { MAX_SUMMARY_DAYS, SUMMARY_RECENT_ORDERS } from "@/lib/contracts/summary";
import type { Principal } from "@/server/auth/principal";
import { can } from "@/server/auth/roles";
import type { Core } from "@/server/core";
import { ApiError } from "@/server/http/api-error";
import { msToNs } from "@/server/shared/clock";
import type { TcaGroupRow, TcaLatencyRow, TcaScope } from "@/server/store/port";
import { figuresOfTcaRow } from "./figures-of-tca-row";

const DAY_MS = 86_400_000;

export interface SummaryScope {
  scope: TcaScope;
  start: string;
  end: string;
  visibility: SummaryResponse["scope"];
}

/** The query's dates and filters as a roll-up scope; bad ranges are 422. */
export function resolveSummaryScope(core: Core, principal: Principal, q: SummaryQuery): SummaryScope {
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
  return {
    scope: {
      deskId: principal.deskId,
      fromDay: start,
      toDay: end,
      ...(q.symbol ? { symbol: q.symbol } : {}),
      ...(ownOnly ? { keyId: principal.keyId } : {}),
      ...(q.venue ? { venue: q.venue } : {}),
    },
    start,
    end,
    visibility: ownOnly ? "own_orders" : "desk",
  };
}

export async function getSummary(core: Core, principal: Principal, q: SummaryQuery): Promise<SummaryResponse> {
  const { scope, start, end, visibility } = resolveSummaryScope(core, principal, q);
  const groups = await core.store.listTcaGroups(scope);
  const venues = await core.store.listTcaVenues(scope);
  const latencies = await core.store.listTcaLatencies(scope);
  const costs = await core.store.listRealizedCostsSorted(scope);
  const recent = await core.store.listOrderTca(scope, SUMMARY_RECENT_ORDERS);
  const all = sumGroups(groups);

  return {
    start_date: start,
    end_date: end,
    filters: { symbol: q.symbol ?? null, venue: q.venue ?? null },
    scope: visibility,
    totals: {
      orders: all.orders,
      completed_orders: all.completed,
      fills: all.fills,
      filled_notional_usd: all.notional,
      fill_rate: ratio(all.filled, all.qty),
    },
    slippage_bps: costs.length
      ? {
          p50: quantile(costs, 0.5),
          p75: quantile(costs, 0.75),
          p90: quantile(costs, 0.9),
          p95: quantile(costs, 0.95),
          p99: quantile(costs, 0.99),
          notional_weighted_mean: all.costNotional > 0 ? all.costW / all.costNotional : 0,
        }
      : null,
    per_venue: venues.map((v) => {
      const lat = latencies.filter((l) => l.venue === v.venue);
      return {
        venue: v.venue,
        fills: v.fills,
        notional_usd: v.notional,
        fill_rate: ratio(v.filledQty, v.sentQty),
        reject_rate: ratio(v.rejected, v.sent),
        ack_latency_p50_ms: histogramQuantile(lat, 0.5),
        ack_latency_p99_ms: histogramQuantile(lat, 0.99),
        avg_cost_bps: v.costN > 0 ? v.costW / v.costN : null,
      };
    }),
    per_symbol: groupBy(groups, (g) => g.symbol).map(([symbol, g]) => ({ symbol, ...costStats(g), fill_rate: ratio(g.filled, g.qty) })),
    per_router_version: groupBy(groups, (g) => g.routerVersion ?? "none").map(([router_version, g]) => ({ router_version, ...costStats(g) })),
    by_day: groupBy(groups, (g) => g.day).map(([date, g]) => ({ date, ...costStats(g) })),
    calibration: { observations: all.calibN, within_p90_share: all.calibN ? all.calibWithin / all.calibN : null },
    recent_orders: recent.map((r) => {
      const f = figuresOfTcaRow(r);
      return {
        order_id: r.orderId,
        node_order_id: r.nodeOrderId,
        created_at_ns: msToNs(r.createdAtMs).toString(),
        symbol: r.symbol,
        side: r.side,
        status: r.status,
        filled_qty: r.filled,
        arrival_mid: f.arrivalMid,
        realized_cost_bps: f.realizedCostBps,
        realized_cost_usd: f.realizedCostUsd,
        fees_usd: f.feesUsd,
        forecast_p50_bps: r.forecastP50Bps,
        vs_forecast_bps: f.vsForecastBps,
      };
    }),
    generated_at_ns: msToNs(core.clock.nowMs()).toString(),
  };
}

/** Linear interpolation between closest ranks (Hyndman & Fan 1996, type 7, as in R and numpy). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(sorted.length - 1, lo + 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/**
 * The same type-7 quantile over a histogram (value → count, values ascending): the values
 * at ranks ⌊h⌋ and ⌊h⌋+1 are found by cumulative counts, so the answer equals quantile()
 * over the expanded list. Null for an empty histogram.
 */
export function histogramQuantile(hist: readonly Pick<TcaLatencyRow, "latencyMs" | "n">[], p: number): number | null {
  const total = hist.reduce((s, x) => s + x.n, 0);
  if (total === 0) return null;
  const h = (total - 1) * p;
  const lo = Math.floor(h);
  const at = (rank: number) => {
    let seen = 0;
    for (const x of hist) {
      seen += x.n;
      if (rank < seen) return x.latencyMs;
    }
    return hist[hist.length - 1]!.latencyMs;
  };
  const a = at(lo);
  const b = at(Math.min(total - 1, lo + 1));
  return a + (h - lo) * (b - a);
}

type Sums = Omit<TcaGroupRow, "day" | "symbol" | "routerVersion">;

function sumGroups(groups: readonly TcaGroupRow[]): Sums {
  const s: Sums = { orders: 0, completed: 0, fills: 0, qty: 0, filled: 0, notional: 0, costNotional: 0, costW: 0, calibN: 0, calibWithin: 0 };
  for (const g of groups) for (const k of Object.keys(s) as (keyof Sums)[]) s[k] += g[k];
  return s;
}

function costStats(s: Sums) {
  return { orders: s.orders, notional_usd: s.notional, avg_cost_bps: s.costNotional > 0 ? s.costW / s.costNotional : null };
}

function groupBy(rows: readonly TcaGroupRow[], key: (r: TcaGroupRow) => string): [string, Sums][] {
  const m = new Map<string, TcaGroupRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, g]) => [k, sumGroups(g)]);
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
