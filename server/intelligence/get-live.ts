/**
 * GET /v1/execution/live/{node_order_id}: where a working order stands — fills, in-flight
 * TCA against the arrival mid and the forecast, schedule adherence, venue health and what
 * to do about it. Everything is derived from the stored log plus the current market.
 */
import type { LiveResponse } from "@/lib/contracts/live";
import type { Core } from "@/server/core";
import { expandPacing, scheduledFraction } from "@/server/execution/expand-pacing";
import { HORIZON_MS_BY_URGENCY } from "@/server/execution/horizons";
import { pausedMs } from "@/server/execution/measure-paused-time";
import { deriveOrder, isTerminalStatus, summarizeOrder } from "@/server/execution/order-states";
import { computeNbbo } from "@/server/market-data/nbbo";
import { getVenue } from "@/server/market-data/venues";
import type { VenueId } from "@/server/market-data/types";
import { msToNs } from "@/server/shared/clock";
import { currentBooks } from "@/server/market-data/current-books";
import { costVsBenchmarkBps } from "@/server/tca/benchmarks";
import { toFillView } from "./fill-view";
import { toOrderView } from "./order-view";
import { findDeskOrder } from "./read-orders";
import { orderFigures } from "@/lib/execution-figures";
import { collectFills } from "@/server/tca/collect-fills";
import { decisionMidOf, readStoredBody } from "./stored-order-body";

const SCHEDULE_TOLERANCE = 0.05;
const BAD_REJECT_RATE = 0.2;

export async function getLive(core: Core, deskId: string, id: string): Promise<LiveResponse> {
  const record = await findDeskOrder(core, deskId, id);
  const events = (await core.store.listOrderEvents(record.id)).map((e) => e.event);
  const derived = deriveOrder(events);
  const summary = summarizeOrder(derived.state);
  const order = toOrderView(record, summary);
  const body = readStoredBody(record.bodyJson);
  const now = core.clock.nowMs();
  const fillsStored = await core.store.listFills(record.id);
  const mids = core.market.observations.midsBetween(record.symbol, record.createdAtMs - 5_000, Infinity);
  const midAt = (t: number) => {
    let best: number | null = null;
    for (const m of mids) if (m.tsMs <= t) best = m.mid;
    return best;
  };
  const fills = fillsStored.map((f) => toFillView(f, midAt));

  const books = currentBooks(core.market.source, record.symbol);
  const currentMid = computeNbbo(books).mid ?? null;
  const avg = order.avg_price;
  const forecastP50 = body.forecast?.p50Bps ?? null;
  // The same totals and definitions as Review and the roll-up (lib/execution-figures.ts).
  const figures = orderFigures({
    side: record.side,
    filledQty: order.filled_qty,
    avgPrice: avg,
    feesUsd: order.fees_usd,
    decisionMid: decisionMidOf(body),
    firstSendMid: collectFills(events).firstChildSentMid,
    p50Bps: forecastP50,
  });
  const arrivalMid = figures.arrivalMid;
  const slippage = costVsBenchmarkBps(record.side, avg ?? undefined, arrivalMid ?? undefined) ?? null;

  const qty = order.qty;
  const actual = qty > 0 ? order.filled_qty / qty : 0;
  // Paused time is not working time: the runner moves the schedule later by each pause.
  const planned = plannedFraction(record.policy, body.pacing, qty, summary.acceptedAtMs, now - pausedMs(events, now), record.urgency);
  const final = isTerminalStatus(summary.status);
  const paused = summary.status === "PAUSED";
  const deviation = actual - planned;
  const scheduleStatus = final ? "done" : deviation > SCHEDULE_TOLERANCE ? "ahead" : deviation < -SCHEDULE_TOLERANCE ? "behind" : "on_track";

  // Per-venue child outcomes of this order.
  const sent = new Map<VenueId, number>();
  const rejected = new Map<VenueId, number>();
  for (const c of derived.state.children.values()) {
    sent.set(c.venue, (sent.get(c.venue) ?? 0) + 1);
    if (c.status === "rejected") rejected.set(c.venue, (rejected.get(c.venue) ?? 0) + 1);
  }
  const venueHealth = books.map((b) => {
    const info = getVenue(b.venue);
    const n = sent.get(b.venue) ?? 0;
    const rejectRate = n > 0 ? (rejected.get(b.venue) ?? 0) / n : 0;
    const age = Math.max(0, now - b.updatedAtMs);
    const stale = age > core.market.hub.stalenessMs;
    const status = info.status === "down" ? "down" : info.status === "degraded" || stale || rejectRate > BAD_REJECT_RATE ? "degraded" : "ok";
    return { venue: b.venue, status, ack_latency_ms: info.latency.medianMs, reject_rate: rejectRate, book_age_ms: Math.round(age) } as const;
  });

  const suggestions: LiveResponse["suggestions"] = [];
  if (!final) {
    for (const v of venueHealth) {
      if (v.status !== "ok" && sent.has(v.venue)) {
        suggestions.push({ kind: "reroute", venue: v.venue, message: `${v.venue} is ${v.status} (reject rate ${(v.reject_rate * 100).toFixed(0)}%, book ${v.book_age_ms} ms old): route the remainder elsewhere` });
      }
    }
    if (paused) suggestions.push({ kind: "none", venue: null, message: "Paused: no child orders are sent and the schedule is held until it is resumed" });
    else if (scheduleStatus === "behind") suggestions.push({ kind: "speed_up", venue: null, message: `${((planned - actual) * 100).toFixed(0)}% behind schedule: take more liquidity now` });
    else if (scheduleStatus === "ahead") suggestions.push({ kind: "slow_down", venue: null, message: `${((actual - planned) * 100).toFixed(0)}% ahead of schedule: rest passively to save spread` });
  }
  if (suggestions.length === 0) suggestions.push({ kind: "none", venue: null, message: final ? `Order ${summary.status.toLowerCase()}` : "On plan; nothing to change" });
  const ratio = planned > 0 ? actual / planned : 1;

  return {
    order,
    totals: { ordered_qty: qty, filled_qty: order.filled_qty, remaining_qty: order.remaining_qty, fill_pct: actual * 100, avg_price: avg },
    fills,
    tca: {
      decision_mid: figures.decisionMid,
      arrival_mid: arrivalMid,
      current_mid: currentMid,
      slippage_vs_arrival_bps: slippage,
      realized_cost_bps: figures.realizedCostBps,
      realized_cost_usd: figures.realizedCostUsd,
      fees_usd: figures.feesUsd,
      forecast_p50_bps: forecastP50,
      forecast_p90_bps: body.forecast?.p90Bps ?? null,
      vs_forecast_bps: figures.vsForecastBps,
    },
    schedule: { planned_fill_pct: planned * 100, actual_fill_pct: actual * 100, status: scheduleStatus, deviation_pct: deviation * 100 },
    venue_health: venueHealth,
    suggestions,
    aggressiveness: { current: ratio, planned: 1, advice: final || paused ? "hold" : ratio < 1 - SCHEDULE_TOLERANCE ? "speed_up" : ratio > 1 + SCHEDULE_TOLERANCE ? "slow_down" : "hold" },
    mids: mids.slice(-600).map((m) => ({ at_ns: msToNs(m.tsMs).toString(), mid: m.mid })),
    as_of_ns: msToNs(now).toString(),
  };
}

/** The planned share done by now: the TWAP schedule, a linear pace over the chase horizon, or immediate for SOR. */
function plannedFraction(
  policy: string,
  pacing: { numSlices: number; intervalMs: number } | null,
  qty: number,
  startMs: number,
  nowMs: number,
  urgency: string,
): number {
  if (pacing) return scheduledFraction(expandPacing(qty, pacing.numSlices, pacing.intervalMs, startMs), qty, nowMs);
  if (policy === "aggressive_chase") {
    const horizon = HORIZON_MS_BY_URGENCY[urgency as keyof typeof HORIZON_MS_BY_URGENCY] ?? 60_000;
    return Math.min(1, Math.max(0, (nowMs - startMs) / horizon));
  }
  return 1;
}
