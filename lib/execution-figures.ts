/**
 * The execution vocabulary, defined once. Live, Review, the Summary roll-up, the CSV export
 * and Decisions compute these figures with the functions below and label them with the
 * glossary below (the pages show it as tooltips), so one order has one arrival mid, one
 * realized cost and one vs-forecast wherever it is shown. Browser-safe: no server imports.
 *
 * Sign convention, everywhere: a COST is positive when it is bad for the desk (a buy paid
 * above the reference, a sell received below it, fees paid); a MARKOUT is positive when it
 * is good for the desk (the mid moved the desk's way after the fill). The two are opposite
 * on purpose, as in the industry's usage: cost is what was paid, markout what was earned.
 *
 * Benchmarks follow Perold (1988), "The Implementation Shortfall: Paper versus Reality",
 * J. Portfolio Management 14(3): the decision price is the paper price when the decision
 * was taken; the arrival price is the market when the order reached it (Kissell 2013,
 * "The Science of Algorithmic Trading and Portfolio Management", ch. 3).
 */

export type FigureSide = "buy" | "sell";

/** +1 for a buy, −1 for a sell: turns a price difference into "positive = paid more". */
export function sideSignOf(side: FigureSide): 1 | -1 {
  return side === "buy" ? 1 : -1;
}

export type GlossaryTerm = "routing_mid" | "est_cost" | "decision_mid" | "arrival_mid" | "realized_cost" | "vs_forecast" | "fees" | "markout" | "forecast_p50" | "forecast_p90";

/** What each figure means; the one text every page shows for it. */
export const GLOSSARY: Readonly<Record<GlossaryTerm, { label: string; definition: string }>> = {
  routing_mid: {
    label: "Routing mid",
    definition: "Consolidated mid of the book when the router made this routing decision. An order's first child is sent at its first routing decision, so that decision's mid is the order's arrival mid.",
  },
  est_cost: { label: "Est. cost", definition: "The router's all-in estimate (book walk + fee + latency risk) vs the routing mid, bps. Positive = cost." },
  decision_mid: {
    label: "Decision mid",
    definition: "Consolidated (NBBO) mid of the book when the order was accepted: the price the forecast was made against.",
  },
  arrival_mid: {
    label: "Arrival mid",
    definition: "Consolidated (NBBO) mid of the book at the instant the first child order was sent (read from the book at that event, not from a 1 s sample).",
  },
  realized_cost: {
    label: "Realized cost",
    definition:
      "All-in cost of the filled part vs the arrival mid: (Σ side·qty·(fill price − arrival mid) + fees) / (filled qty · arrival mid), in bps and USD. Positive = cost.",
  },
  vs_forecast: {
    label: "vs forecast",
    definition: "Realized cost minus the forecast P50, both all-in (book + fees) in bps. Positive = worse than the median forecast.",
  },
  fees: { label: "Fees", definition: "Venue fees paid on the fills, USD (a maker rebate is negative). Included in realized cost." },
  markout: {
    label: "Markout",
    definition: "Qty-weighted side·(mid at fill time + horizon − fill price)/fill price, bps. Positive = good for the desk (the mid moved your way after the fill).",
  },
  forecast_p50: { label: "Forecast P50", definition: "Median all-in cost (book + fees) forecast at acceptance, bps vs the decision mid. Positive = cost." },
  forecast_p90: { label: "Forecast P90", definition: "90th-percentile all-in cost forecast at acceptance: 9 orders in 10 should cost less." },
};

export interface FigureFill {
  qty: number;
  price: number;
  /** Quote currency (USD); negative for a rebate. */
  fee: number;
}

export interface RealizedCost {
  /** (Σ s·q·(p − M) + Σ fee) / (Σ q · M) · 1e4; positive = cost. */
  bps: number;
  /** Σ s·q·(p − M) + Σ fee, USD; positive = cost. */
  usd: number;
  /** Σ fee, USD. */
  feesUsd: number;
  filledQty: number;
}

/**
 * Realized all-in cost of the filled part against the arrival mid M. Undefined without
 * filled quantity or a positive mid (nothing to measure, not zero cost).
 */
export function realizedCost(side: FigureSide, fills: readonly FigureFill[], arrivalMid: number | null | undefined): RealizedCost | undefined {
  if (arrivalMid === null || arrivalMid === undefined || !(arrivalMid > 0)) return undefined;
  const s = sideSignOf(side);
  let qty = 0;
  let usd = 0;
  let fees = 0;
  for (const f of fills) {
    qty += f.qty;
    usd += s * f.qty * (f.price - arrivalMid) + f.fee;
    fees += f.fee;
  }
  if (!(qty > 0)) return undefined;
  return { bps: (usd / (qty * arrivalMid)) * 1e4, usd, feesUsd: fees, filledQty: qty };
}

/** Realized − forecast P50, both all-in bps; null when either is missing. */
export function vsForecastBps(realizedBps: number | null | undefined, p50Bps: number | null | undefined): number | null {
  if (realizedBps === null || realizedBps === undefined || p50Bps === null || p50Bps === undefined) return null;
  return realizedBps - p50Bps;
}

/** Price-only cost of `price` vs `benchmark` in bps of the benchmark (no fees); positive = cost. */
export function priceCostBps(side: FigureSide, price: number | null | undefined, benchmark: number | null | undefined): number | undefined {
  if (price === null || price === undefined || benchmark === null || benchmark === undefined || !(benchmark > 0)) return undefined;
  return ((sideSignOf(side) * (price - benchmark)) / benchmark) * 1e4;
}

/** One fill's markout: side·(laterMid − price)/price · 1e4 bps and side·qty·(laterMid − price) USD; positive = good for the desk. */
export function fillMarkout(side: FigureSide, fill: { qty: number; price: number }, laterMid: number): { bps: number; usd: number } {
  const s = sideSignOf(side);
  return { bps: ((s * (laterMid - fill.price)) / fill.price) * 1e4, usd: fill.qty * s * (laterMid - fill.price) };
}

/**
 * The arrival mid of an order: the mid recorded with its first child send (taken from the
 * book at that event). Orders logged before child sends carried a mid fall back to the
 * mid at acceptance, the only price their log has.
 */
export function arrivalMidOf(firstSendMid: number | null | undefined, midAtAcceptance: number | null | undefined): number | null {
  if (firstSendMid !== null && firstSendMid !== undefined && firstSendMid > 0) return firstSendMid;
  return midAtAcceptance !== null && midAtAcceptance !== undefined && midAtAcceptance > 0 ? midAtAcceptance : null;
}

export interface OrderFiguresInput {
  side: FigureSide;
  filledQty: number;
  /** Qty-weighted average fill price (no fees); null before the first fill. */
  avgPrice: number | null;
  feesUsd: number;
  /** Mid at acceptance (the decision mid). */
  decisionMid: number | null;
  /** Mid recorded with the first child send, when the log has one. */
  firstSendMid: number | null | undefined;
  p50Bps: number | null;
}

export interface OrderFigures {
  decisionMid: number | null;
  arrivalMid: number | null;
  realizedCostBps: number | null;
  realizedCostUsd: number | null;
  feesUsd: number;
  vsForecastBps: number | null;
}

/**
 * An order's headline figures from its totals. Σᵢ s·qᵢ·(pᵢ − M) = s·Q·(avg − M), so the
 * totals give exactly the per-fill sum; every page passes the same totals (the order
 * reducer's filled, avg price and fees) and so shows the same floats.
 */
export function orderFigures(i: OrderFiguresInput): OrderFigures {
  const arrivalMid = arrivalMidOf(i.firstSendMid, i.decisionMid);
  const cost = i.avgPrice === null ? undefined : realizedCost(i.side, [{ qty: i.filledQty, price: i.avgPrice, fee: i.feesUsd }], arrivalMid);
  const realizedCostBps = cost?.bps ?? null;
  return {
    decisionMid: i.decisionMid,
    arrivalMid,
    realizedCostBps,
    realizedCostUsd: cost?.usd ?? null,
    feesUsd: i.feesUsd,
    vsForecastBps: vsForecastBps(realizedCostBps, i.p50Bps),
  };
}
