/**
 * The desk summary computed the way it was before the TCA roll-up: by replaying every
 * order's stored event log. Tests hold the roll-up to it.
 */
import { arrivalMidOf, orderFigures } from "@/lib/execution-figures";
import { SUMMARY_RECENT_ORDERS } from "@/lib/contracts/summary";
import { msToNs } from "@/server/shared/clock";
import { collectFills } from "@/server/tca/collect-fills";
import type { SummaryResponse } from "@/lib/contracts/summary";
import { e8ToQty, e9ToPrice } from "@/lib/units";
import { deriveOrder, summarizeOrder } from "@/server/execution/order-states";
import type { VenueId } from "@/server/market-data/types";
import type { Store, TcaScope } from "@/server/store/port";
import { computeRealizedCostBps } from "@/server/tca/realized-cost";
import { quantile } from "../get-summary";
import { readStoredBody } from "../stored-order-body";

type Figures = Omit<SummaryResponse, "start_date" | "end_date" | "filters" | "scope" | "generated_at_ns">;

export async function summaryFromLogs(store: Store, scope: TcaScope): Promise<Figures> {
  const fromMs = Date.parse(`${scope.fromDay}T00:00:00Z`);
  const toMs = Date.parse(`${scope.toDay}T00:00:00Z`) + 86_400_000;
  const rows = [];
  let cursor: string | undefined;
  do {
    const page = await store.listOrders(scope.deskId, { fromMs, toMs, limit: 200, ...(scope.symbol ? { symbol: scope.symbol } : {}), ...(cursor ? { cursor } : {}) });
    for (const record of page.orders) {
      if (scope.keyId && record.keyId !== scope.keyId) continue;
      const events = (await store.listOrderEvents(record.id)).map((e) => e.event);
      const s = summarizeOrder(deriveOrder(events).state);
      const forecast = readStoredBody(record.bodyJson).forecast;
      const arrival = { arrivalMid: arrivalMidOf(collectFills(events).firstChildSentMid, forecast?.arrivalMid), p90Bps: forecast?.p90Bps ?? null };
      const filled = e8ToQty(s.filledE8);
      const avg = s.avgPriceE9 === null ? null : e9ToPrice(s.avgPriceE9);
      const realized = avg !== null ? (computeRealizedCostBps(record.side, [{ qty: filled, price: avg, fee: e9ToPrice(s.feesE9) }], arrival?.arrivalMid) ?? null) : null;
      rows.push({ record, s, events, arrival: arrival?.arrivalMid ?? null, p90: arrival?.p90Bps ?? null, realized, notional: avg !== null ? avg * filled : 0 });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const kept = scope.venue ? rows.filter((r) => r.events.some((e) => "venue" in e && e.venue === scope.venue)) : rows;
  const withCost = kept.filter((r) => r.realized !== null);
  const costs = withCost.map((r) => r.realized!).sort((a, b) => a - b);
  const costNotional = withCost.reduce((s, r) => s + r.notional, 0);
  const stats = (g: typeof kept) => {
    const c = g.filter((r) => r.realized !== null);
    const n = c.reduce((s, r) => s + r.notional, 0);
    return { orders: g.length, notional_usd: g.reduce((s, r) => s + r.notional, 0), avg_cost_bps: n > 0 ? c.reduce((s, r) => s + r.realized! * r.notional, 0) / n : null };
  };
  const group = (key: (r: (typeof kept)[number]) => string) => {
    const m = new Map<string, typeof kept>();
    for (const r of kept) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  const venues = new Map<VenueId, { fills: number; notional: number; sentQty: number; filledQty: number; sent: number; rejected: number; lat: number[]; w: number; n: number }>();
  for (const r of kept) {
    const sentAt = new Map<string, { venue: VenueId; atMs: number }>();
    const seen = new Set<string>();
    const sign = r.record.side === "buy" ? 1 : -1;
    const v = (venue: VenueId) => venues.get(venue) ?? venues.set(venue, { fills: 0, notional: 0, sentQty: 0, filledQty: 0, sent: 0, rejected: 0, lat: [], w: 0, n: 0 }).get(venue)!;
    for (const e of r.events) {
      if (e.kind === "child_sent") {
        v(e.venue).sent++;
        v(e.venue).sentQty += e8ToQty(e.qtyE8);
        sentAt.set(e.childId, { venue: e.venue, atMs: e.atMs });
      } else if (e.kind === "child_acked" && sentAt.has(e.childId)) {
        const s = sentAt.get(e.childId)!;
        v(s.venue).lat.push(e.atMs - s.atMs);
        sentAt.delete(e.childId);
      } else if (e.kind === "child_rejected" && sentAt.has(e.childId)) v(sentAt.get(e.childId)!.venue).rejected++;
      else if (e.kind === "fill" && !seen.has(e.fillId)) {
        seen.add(e.fillId);
        const a = v(e.venue);
        const qty = e8ToQty(e.qtyE8);
        const price = e9ToPrice(e.priceE9);
        a.fills++;
        a.filledQty += qty;
        a.notional += qty * price;
        if (r.arrival) {
          a.w += ((sign * (price - r.arrival) * qty + e9ToPrice(e.feeE9)) / r.arrival) * 1e4;
          a.n += qty;
        }
      }
    }
  }
  const calibrated = withCost.filter((r) => r.p90 !== null);
  const ordered = kept.reduce((s, r) => s + e8ToQty(r.s.qtyE8), 0);
  const filled = kept.reduce((s, r) => s + e8ToQty(r.s.filledE8), 0);
  const recent = [...kept].sort((a, b) => b.record.createdAtMs - a.record.createdAtMs || (a.record.id < b.record.id ? 1 : -1)).slice(0, SUMMARY_RECENT_ORDERS);
  return {
    recent_orders: recent.map((r) => {
      const body = readStoredBody(r.record.bodyJson);
      const f = orderFigures({
        side: r.record.side,
        filledQty: e8ToQty(r.s.filledE8),
        avgPrice: r.s.avgPriceE9 === null ? null : e9ToPrice(r.s.avgPriceE9),
        feesUsd: e9ToPrice(r.s.feesE9),
        decisionMid: body.forecast?.arrivalMid ?? null,
        firstSendMid: collectFills(r.events).firstChildSentMid,
        p50Bps: body.forecast?.p50Bps ?? null,
      });
      return {
        order_id: r.record.id,
        node_order_id: r.record.nodeOrderId,
        created_at_ns: msToNs(r.record.createdAtMs).toString(),
        symbol: r.record.symbol,
        side: r.record.side,
        status: r.s.status,
        filled_qty: e8ToQty(r.s.filledE8),
        arrival_mid: f.arrivalMid,
        realized_cost_bps: f.realizedCostBps,
        realized_cost_usd: f.realizedCostUsd,
        fees_usd: f.feesUsd,
        forecast_p50_bps: body.forecast?.p50Bps ?? null,
        vs_forecast_bps: f.vsForecastBps,
      };
    }),
    totals: {
      orders: kept.length,
      completed_orders: kept.filter((r) => r.s.status === "COMPLETED").length,
      fills: kept.reduce((s, r) => s + deriveOrder(r.events).state.fillIds.size, 0),
      filled_notional_usd: kept.reduce((s, r) => s + r.notional, 0),
      fill_rate: ordered > 0 ? filled / ordered : 0,
    },
    slippage_bps: costs.length
      ? { p50: quantile(costs, 0.5), p75: quantile(costs, 0.75), p90: quantile(costs, 0.9), p95: quantile(costs, 0.95), p99: quantile(costs, 0.99), notional_weighted_mean: costNotional > 0 ? withCost.reduce((s, r) => s + r.realized! * r.notional, 0) / costNotional : 0 }
      : null,
    per_venue: [...venues.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([venue, a]) => {
        const lat = [...a.lat].sort((x, y) => x - y);
        return {
          venue, fills: a.fills, notional_usd: a.notional, fill_rate: a.sentQty > 0 ? a.filledQty / a.sentQty : 0, reject_rate: a.sent > 0 ? a.rejected / a.sent : 0,
          ack_latency_p50_ms: lat.length ? quantile(lat, 0.5) : null, ack_latency_p99_ms: lat.length ? quantile(lat, 0.99) : null, avg_cost_bps: a.n > 0 ? a.w / a.n : null,
        };
      }),
    per_symbol: group((r) => r.record.symbol).map(([symbol, g]) => ({
      symbol, ...stats(g),
      fill_rate: (() => { const q = g.reduce((s, r) => s + e8ToQty(r.s.qtyE8), 0); return q > 0 ? g.reduce((s, r) => s + e8ToQty(r.s.filledE8), 0) / q : 0; })(),
    })),
    per_router_version: group((r) => r.record.routerVersion ?? "none").map(([router_version, g]) => ({ router_version, ...stats(g) })),
    by_day: group((r) => new Date(r.record.createdAtMs).toISOString().slice(0, 10)).map(([date, g]) => ({ date, ...stats(g) })),
    calibration: { observations: calibrated.length, within_p90_share: calibrated.length ? calibrated.filter((r) => r.realized! <= r.p90!).length / calibrated.length : null },
  };
}
