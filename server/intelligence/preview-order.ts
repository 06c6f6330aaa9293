import type { z } from "zod";
import type { PreTradeCheckSchema, PreviewResponse, SimpleOrderBody } from "@/lib/contracts/orders";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import type { VenueId } from "@/lib/contracts/common";
import type { SweepCandidate } from "@/server/cost/allocate-sweep";
import { forecastOrder } from "@/server/cost/forecast-order";
import { computeNbbo } from "@/server/market-data/nbbo";
import type { BookView } from "@/server/market-data/types";
import { noTwoSidedMarket, validationError } from "@/server/http/api-error";
import { getVenue, instrumentFor } from "@/server/market-data/venues";
import { msToNs } from "@/server/shared/clock";
import { PRETRADE_ROUTER } from "./get-routing";
import { loadVenueBooks } from "./load-venue-books";
import { planForecastPenalties } from "./plan-forecast-penalties";
import { toRoutingLeg } from "./to-routing-leg";

type Check = z.infer<typeof PreTradeCheckSchema>;

/** A limit this far from mid is refused as a likely fat finger; half of it earns a warning. */
const PRICE_DEVIATION_FAIL_BPS = 1000;
const PRICE_DEVIATION_WARN_BPS = 200;
const LARGE_NOTIONAL_USD = 10_000_000;

/** POST /v1/orders/preview: what the order would do and cost, and the checks it would face. Places nothing. */
export async function previewOrder(core: Core, principal: Principal, body: SimpleOrderBody): Promise<PreviewResponse> {
  if (!core.market.source.symbols().includes(body.symbol)) {
    throw validationError("symbol", `unknown symbol ${body.symbol}; served: ${core.market.source.symbols().join(", ")}`);
  }
  const loaded = await loadVenueBooks(core, body.symbol, body.exclude_venues);
  const direct = body.venue;
  const books = direct ? loaded.books.filter((b) => b.venue === direct) : loaded.books;
  if (direct && books.length === 0) throw validationError("venue", `${direct} does not quote ${body.symbol}`);

  const nbboMid = midOf(loaded.books);
  const qty = body.qty ?? (body.notional ?? 0) / nbboMid;
  // The order as it will execute (pin, limit), the same forecast submit stores.
  const order = forecastOrder({
    symbol: body.symbol,
    side: body.side,
    qty,
    books: loaded.books,
    nowMs: loaded.nowMs,
    observations: core.market.observations,
    execution: { venue: direct, limitPrice: body.limit_price },
    planPenalties: planForecastPenalties(body.symbol, body.side, loaded.nowMs, core.market.observations),
    calibration: (group) => core.calibration.current(body.symbol, group),
    options: { urgency: false },
  });
  const f = order.forecast;
  const mid = order.arrivalMid ?? nbboMid;
  const legs = f.sweep.legs.map(toRoutingLeg);
  const feesUsd = f.sweep.legs.reduce((s, l) => s + (l.notional * l.scoreParts.feeBps) / 1e4, 0);

  const checks: Check[] = [
    { check: "symbol", status: "pass", message: `${body.symbol} is quoted on ${loaded.books.length} venue(s)` },
    venueCheck(direct),
    minSizeCheck(body.symbol, qty, mid, books.map((b) => b.venue), f.sweep.candidates),
    priceDeviationCheck(body, mid),
    f.sweep.complete
      ? { check: "depth", status: "pass", message: "visible depth covers the order" }
      : { check: "depth", status: "warn", message: `visible depth covers ${f.sweep.filledQty} of ${qty}; the rest would work over time` },
    venueStatusCheck(legs.map((l) => l.venue)),
    principal.sandbox
      ? { check: "trading_mode", status: "pass", message: "sandbox key: fills are simulated against the current books" }
      : { check: "trading_mode", status: "fail", message: "live key: this deployment has no venue trading credentials, so live orders are refused" },
    qty * mid > LARGE_NOTIONAL_USD
      ? { check: "notional_limit", status: "warn", message: `notional ${Math.round(qty * mid).toLocaleString("en-US")} USD is above ${LARGE_NOTIONAL_USD.toLocaleString("en-US")} USD` }
      : { check: "notional_limit", status: "pass", message: "within the desk's notional guard" },
  ];

  return {
    symbol: body.symbol,
    side: body.side,
    qty,
    notional_usd: qty * mid,
    mid,
    source: loaded.source,
    routing: direct ? "direct" : "sor",
    router: direct ? `direct:${direct}` : PRETRADE_ROUTER,
    legs,
    unfilled_qty: f.sweep.unfilledQty,
    estimated: {
      avg_price: f.sweep.avgPrice ?? null,
      cost_bps: order.calibrated.p50Bps,
      p90_cost_bps: order.calibrated.p90Bps,
      cost_usd: (order.calibrated.p50Bps / 1e4) * f.sweep.filledQty * mid,
      fees_usd: feesUsd,
    },
    checks,
    would_accept: checks.every((c) => c.status !== "fail"),
    generated_at_ns: msToNs(loaded.nowMs).toString(),
  };
}

function midOf(books: readonly BookView[]): number {
  const mid = computeNbbo(books).mid;
  if (mid === undefined) throw noTwoSidedMarket(undefined);
  return mid;
}

function venueCheck(direct: VenueId | undefined): Check {
  if (!direct) return { check: "venue", status: "pass", message: "smart order router chooses venues" };
  return { check: "venue", status: "pass", message: `direct to ${direct}` };
}

function minSizeCheck(symbol: string, qty: number, mid: number, venues: VenueId[], candidates: readonly SweepCandidate[]): Check {
  const accepting = venues.filter((v) => {
    const i = instrumentFor(v, symbol);
    return i !== undefined && qty >= i.minQty && qty * mid >= i.minNotional;
  });
  if (accepting.length === 0) {
    const mins = venues
      .map((v) => instrumentFor(v, symbol))
      .filter((i) => i !== undefined)
      .map((i) => Math.max(i.minQty, i.minNotional / mid));
    return { check: "min_size", status: "fail", message: `below every venue's minimum; smallest accepted is ${Math.min(...mins).toPrecision(3)}` };
  }
  const dropped = candidates.filter((c) => c.status.startsWith("dropped_min")).map((c) => c.venue);
  return dropped.length
    ? { check: "min_size", status: "pass", message: `meets minimums; ${dropped.join(", ")} left out because their share would be below their minimum` }
    : { check: "min_size", status: "pass", message: "meets every routed venue's minimum size" };
}

function priceDeviationCheck(body: SimpleOrderBody, mid: number): Check {
  if (body.limit_price === undefined) return { check: "price_deviation", status: "pass", message: "no limit price (marketable)" };
  const devBps = ((body.limit_price - mid) / mid) * 1e4;
  const away = Math.abs(devBps);
  const text = `limit ${body.limit_price} is ${away.toFixed(0)} bps ${devBps >= 0 ? "above" : "below"} mid ${mid.toPrecision(8)}`;
  if (away > PRICE_DEVIATION_FAIL_BPS) return { check: "price_deviation", status: "fail", message: `${text}; over ${PRICE_DEVIATION_FAIL_BPS} bps is refused` };
  if (away > PRICE_DEVIATION_WARN_BPS) return { check: "price_deviation", status: "warn", message: text };
  return { check: "price_deviation", status: "pass", message: text };
}

function venueStatusCheck(venues: VenueId[]): Check {
  const statuses = venues.map((v) => ({ v, s: getVenue(v).status }));
  const down = statuses.filter((x) => x.s === "down").map((x) => x.v);
  const degraded = statuses.filter((x) => x.s === "degraded").map((x) => x.v);
  if (down.length) return { check: "venue_status", status: "fail", message: `venue down: ${down.join(", ")}` };
  if (degraded.length) return { check: "venue_status", status: "warn", message: `venue degraded: ${degraded.join(", ")}` };
  return { check: "venue_status", status: "pass", message: venues.length ? `all routed venues up (${venues.join(", ")})` : "no venue routed" };
}
