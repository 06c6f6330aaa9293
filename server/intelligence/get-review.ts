/**
 * GET /v1/execution/review/{id}: what an order cost against every benchmark, why each
 * routing decision was made and what the best alternative would have been. A working order
 * is reviewed on what is known so far, and the answer says so.
 *
 * Market data: the in-memory history while it still reaches back to the order; after that
 * (an older or seeded order, or after a restart) the market context stored for it
 * (capture-market-context.ts), and `note` says so. A final order's answer is cached by
 * order id and log position once it can no longer change (stored context, or every
 * markout horizon in memory); only generated_at_ns is refreshed.
 */
import type { ReviewResponse } from "@/lib/contracts/review";
import { e8ToQty, e9ToPrice } from "@/lib/units";
import type { Core } from "@/server/core";
import { deriveOrder, isTerminalStatus, summarizeOrder } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { ApiError } from "@/server/http/api-error";
import type { RoutingDecision } from "@/server/router/routing-decision";
import { msToNs } from "@/server/shared/clock";
import { analyzeOrder } from "@/server/tca/analyze-order";
import type { BestAlternative } from "@/server/tca/decision-audit";
import { collectFills } from "@/server/tca/collect-fills";
import { midAtOrBefore } from "@/server/tca/mid-at";
import type { MidSample } from "@/server/market-data/observation-store";
import type { Trade } from "@/server/market-data/types";
import type { OrderRecord } from "@/server/store/port";
import { benchmarkWindow } from "./capture-market-context";
import { toFillView } from "./fill-view";
import { toOrderView } from "./order-view";
import { findDeskOrder } from "./read-orders";
import { orderFigures } from "@/lib/execution-figures";
import { toForecastOutcome, withinP90 } from "@/server/tca/calibration-record";
import { decisionMidOf, readStoredBody } from "./stored-order-body";

type CachedReview = Omit<ReviewResponse, "generated_at_ns">;
const CACHE_LIMIT = 1_000;
// Per store, so two cores in one process (tests) never share answers.
const caches = new WeakMap<object, Map<string, { seq: number; review: CachedReview }>>();

export async function getReview(core: Core, deskId: string, id: string): Promise<ReviewResponse> {
  const record = await findDeskOrder(core, deskId, id);
  let cache = caches.get(core.store);
  if (!cache) caches.set(core.store, (cache = new Map()));
  const hit = cache.get(record.id);
  if (hit) {
    const seq = (await core.store.getOrderTca([record.id])).get(record.id)?.lastSeq;
    if (seq === hit.seq) {
      cache.delete(record.id); // most recently used goes last
      cache.set(record.id, hit);
      return { ...hit.review, generated_at_ns: msToNs(core.clock.nowMs()).toString() };
    }
  }
  const { review, cacheable, seq } = await buildReview(core, deskId, record);
  if (cacheable) {
    cache.set(record.id, { seq, review });
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return { ...review, generated_at_ns: msToNs(core.clock.nowMs()).toString() };
}

interface MarketForReview {
  mids: MidSample[];
  /** ~1 s apart: what the page charts (the event-time series would be thousands of points). */
  chartMids: MidSample[];
  trades: Pick<Trade, "price" | "qty" | "tsMs">[];
  tapeVwap?: number | null;
  stored: boolean;
}

/** In-memory history when it reaches back to the order; else the stored context of a final order. */
async function marketFor(core: Core, record: OrderRecord, acceptedAtMs: number, final: boolean, window: { fromMs: number; toMs: number }): Promise<MarketForReview> {
  const grid = core.market.observations.midSamples(record.symbol);
  const memoryCovers = grid.length > 0 && grid[0]!.tsMs <= acceptedAtMs;
  if (!memoryCovers && final) {
    const ctx = await core.store.getMarketContext(record.id);
    if (ctx) {
      const sameWindow = ctx.vwapFromMs === Math.floor(window.fromMs) && ctx.vwapToMs === Math.floor(window.toMs);
      return { mids: ctx.mids, chartMids: ctx.mids, trades: [], ...(sameWindow ? { tapeVwap: ctx.vwap } : { tapeVwap: null }), stored: true };
    }
  }
  const trades = core.market.source.venuesFor(record.symbol).flatMap((v) => core.market.observations.trades(record.symbol, v, acceptedAtMs - 1_000));
  // Markouts and TWAP read the mid at event time where the store still holds it (≤ 50 ms
  // resolution requirement, observation-store.ts), the 1 s grid before that.
  return { mids: core.market.observations.tcaMids(record.symbol, -Infinity, Infinity), chartMids: grid, trades, stored: false };
}

async function buildReview(core: Core, deskId: string, record: OrderRecord): Promise<{ review: CachedReview; cacheable: boolean; seq: number }> {
  const events = (await core.store.listOrderEvents(record.id)).map((e) => e.event);
  const derived = deriveOrder(events);
  const summary = summarizeOrder(derived.state);
  const final = isTerminalStatus(summary.status);
  const body = readStoredBody(record.bodyJson);
  const decisions = (await core.store.listDecisions(deskId, { nodeOrderId: record.nodeOrderId, lastN: 1000 }))
    .map((d) => d.detail as RoutingDecision | null)
    .filter((d): d is RoutingDecision => d !== null)
    .sort((a, b) => a.atMs - b.atMs);
  const { fills, firstChildSentAtMs, firstChildSentMid, lastFillAtMs } = collectFills(events);
  const now = core.clock.nowMs();
  const market = await marketFor(core, record, summary.acceptedAtMs, final, benchmarkWindow(summary.acceptedAtMs, lastFillAtMs, summary.updatedAtMs));
  const mids = market.mids;
  const decisionMid = decisionMidOf(body) ?? decisions[0]?.mid ?? undefined;
  if (decisionMid === undefined || decisionMid === null) {
    throw new ApiError("SERVICE_UNAVAILABLE", "No reference price recorded for this order yet; retry shortly", [], { "Retry-After": "1" });
  }
  const order = toOrderView(record, summary);
  // The same totals and definitions as Live and the roll-up (lib/execution-figures.ts).
  const figures = orderFigures({
    side: record.side,
    filledQty: order.filled_qty,
    avgPrice: order.avg_price,
    feesUsd: order.fees_usd,
    decisionMid,
    firstSendMid: firstChildSentMid,
    p50Bps: body.forecast?.p50Bps ?? null,
  });
  const endAtMs = final ? (lastFillAtMs ?? summary.updatedAtMs) : now;
  // The mid when the order ended (not today's): what the unfilled part would have cost.
  const finalMid = midAtOrBefore(mids, final ? summary.updatedAtMs : now) ?? decisionMid;
  const analysis = analyzeOrder({
    side: record.side,
    orderedQty: e8ToQty(record.qtyE8),
    decisionMid,
    decisionAtMs: summary.acceptedAtMs,
    ...(figures.arrivalMid !== null ? { arrivalMid: figures.arrivalMid } : {}),
    ...(firstChildSentAtMs !== undefined ? { arrivalAtMs: firstChildSentAtMs } : {}),
    fills,
    finalMid,
    mids,
    trades: market.trades,
    ...(market.tapeVwap !== undefined ? { tapeVwap: market.tapeVwap } : {}),
    decisions,
    forecast: body.forecast ? { p50Bps: body.forecast.p50Bps, p90Bps: body.forecast.p90Bps } : null,
    endAtMs,
  });
  const b = analysis.benchmarks;
  const bench = (x: { price: number | undefined; costBps: number | undefined }) => ({ price: x.price ?? null, cost_bps: x.costBps ?? null });
  const part = (x: { usd: number; bps: number }) => ({ usd: x.usd, bps: x.bps });
  const s = analysis.shortfall;
  const note = !final
    ? `Order is ${summary.status.toLowerCase()}: figures cover the fills so far`
    : market.stored
      ? "Market data from the context stored for this order (in-memory history no longer covers it)"
      : mids.length === 0 || mids[0]!.tsMs > summary.acceptedAtMs
        ? "No market history covers this order: markouts, interval VWAP and TWAP are unavailable"
        : null;
  const review: CachedReview = {
    order,
    final,
    note,
    timeline: derived.timeline.map((t) => timelineEntry(t.event, t.status)),
    fills: (await core.store.listFills(record.id)).map((f) => toFillView(f, (t) => midAtOrBefore(mids, t) ?? null)),
    benchmarks: { avg_price: b.avgPrice ?? null, decision: bench(b.decision), arrival: bench(b.arrival), interval_vwap: bench(b.intervalVwap), twap: bench(b.twap) },
    markouts: analysis.markouts.map((m) => ({ horizon_ms: m.horizonMs, available: m.available, bps: m.bps ?? null, usd: m.usd ?? null })),
    shortfall: {
      delay: part(s.delay),
      spread: part(s.spread),
      impact: part(s.impact),
      fees: part(s.fees),
      opportunity: part(s.opportunity),
      total: part(s.total),
      filled_qty: s.filledQty,
      unfilled_qty: s.unfilledQty,
    },
    decision_audit: analysis.audit.decisions.map((d) => ({
      decision_id: d.decisionId,
      at_ns: msToNs(d.atMs).toString(),
      router_version: d.routerVersion,
      cost_model_version: d.costModelVersion,
      chosen: d.chosen.map((l) => ({ venue: l.venue, qty: l.qty, est_cost_bps: l.estCostBps, realized_cost_bps: l.realizedBps ?? null, score_parts: { ...l.scoreParts } })),
      counterfactual_best: d.counterfactualBest ? { venue: d.counterfactualBest.venue, cost_bps: d.counterfactualBest.equivalentBps } : null,
      selection_error_bps: d.selectionErrorBps ?? null,
      best_alternative: toBestAlternative(d.bestAlternative),
      forecast_error_bps: d.forecastErrorBps ?? null,
    })),
    policy_regret: { bps: analysis.audit.policyRegret.regretBps ?? null, usd: analysis.audit.policyRegret.regretUsd },
    forecast: {
      expected_cost_bps: body.forecast?.p50Bps ?? null,
      downside_cost_bps: body.forecast?.p90Bps ?? null,
      realized_cost_bps: figures.realizedCostBps,
      realized_cost_usd: figures.realizedCostUsd,
      fees_usd: figures.feesUsd,
      vs_forecast_bps: figures.vsForecastBps,
      decision_mid: figures.decisionMid,
      arrival_mid: figures.arrivalMid,
      within_p90: body.forecast && figures.realizedCostBps !== null ? withinP90(toForecastOutcome(body.forecast, figures.realizedCostBps)) : null,
    },
    mids: market.chartMids
      .filter((m) => m.tsMs >= summary.acceptedAtMs - 5_000 && m.tsMs <= endAtMs + 5_000)
      .slice(-600)
      .map((m) => ({ at_ns: msToNs(m.tsMs).toString(), mid: m.mid })),
  };
  const settled = market.stored || analysis.markouts.every((m) => m.available);
  return { review, cacheable: final && settled, seq: events.length };
}

function timelineEntry(e: OrderEvent, status: string): ReviewResponse["timeline"][number] {
  const base = { at_ns: msToNs(e.atMs).toString(), kind: e.kind, status, child_id: null, venue: null, qty: null, price: null, reason: null };
  switch (e.kind) {
    case "child_sent":
      return { ...base, child_id: e.childId, venue: e.venue, qty: e8ToQty(e.qtyE8), price: e.limitPriceE9 === null ? null : e9ToPrice(e.limitPriceE9) };
    case "fill":
      return { ...base, child_id: e.childId, venue: e.venue, qty: e8ToQty(e.qtyE8), price: e9ToPrice(e.priceE9) };
    case "child_rejected":
      return { ...base, child_id: e.childId, reason: e.reason };
    case "child_cancelled":
      return { ...base, child_id: e.childId, qty: e8ToQty(e.qtyE8) };
    case "child_acked":
      return { ...base, child_id: e.childId };
    case "rejected":
      return { ...base, reason: e.reason };
    case "cancelled":
    case "failed":
      return { ...base, reason: e.reason };
    default:
      return base;
  }
}

function toBestAlternative(b: BestAlternative | undefined): ReviewResponse["decision_audit"][number]["best_alternative"] {
  if (!b) return null;
  return { kind: b.kind, venue: b.kind === "single_venue" ? b.venue : null, cost_bps: b.equivalentBps, saving_bps: b.savingBps };
}
