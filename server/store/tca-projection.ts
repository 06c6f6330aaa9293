/**
 * The TCA roll-up's per-order projection, as a pure fold over the event log with the
 * order reducer itself (applyOrderEvent), so the roll-up cannot disagree with what
 * deriveOrder says about the same log: duplicate fills are dropped the same way, and an
 * event the reducer refuses changes nothing here either.
 *
 * Figures are in human floats, exactly as the summary computed them from the log before
 * the roll-up existed: notional = avg price × filled, realized = (side·(avg − arrival)·
 * filled + fees) / (arrival·filled) · 1e4, per-venue cost Σ side·(p − arrival)·q + fee.
 * The arrival mid is the one of lib/execution-figures.ts (arrivalMidOf): the mid recorded
 * with the first child_sent, else (older logs) the mid at acceptance from the body.
 */
import { e8ToQty, e9ToPrice } from "@/lib/units";
import type { OrderEvent } from "@/server/execution/order-events";
import { reasonOfFailureText } from "@/server/execution/order-reject-reasons";
import { applyOrderEvent, summarizeOrder, type ChildState, type OrderState, type OrderStatus } from "@/server/execution/order-states";
import type { Side } from "@/server/execution/types";
import type { VenueId } from "@/server/market-data/types";
import { arrivalMidOf } from "@/lib/execution-figures";
import { computeRealizedCostBps } from "@/server/tca/realized-cost";

export interface ProjectionState {
  order: OrderState;
  /** Sent and not yet acknowledged children: when, for the ack latency. */
  sentAt: Map<string, number>;
}

export interface VenueSums {
  sent: number;
  sentQty: number;
  filledQty: number;
  fills: number;
  notional: number;
  rejected: number;
  costW: number;
  costN: number;
}

export interface AckLatency {
  childId: string;
  venue: VenueId;
  latencyMs: number;
}

export interface FoldResult {
  state: ProjectionState | null;
  /** What these events add per venue. */
  venues: Map<VenueId, VenueSums>;
  latencies: AckLatency[];
  /** The arrival mid after these events (the first child send's mid once it is seen). */
  arrivalMid: number | null;
}

export interface BodyForecast {
  arrivalMid: number;
  p50Bps: number;
  p90Bps: number;
}

/** The pre-trade forecast stored in body_json (server/intelligence/stored-order-body.ts). */
export function forecastOfBody(json: string): BodyForecast | null {
  try {
    const f = (JSON.parse(json) as { forecast?: unknown }).forecast as Partial<BodyForecast> | null | undefined;
    if (!f || typeof f !== "object") return null;
    const { arrivalMid, p50Bps, p90Bps } = f;
    if (typeof arrivalMid !== "number" || typeof p50Bps !== "number" || typeof p90Bps !== "number") return null;
    return { arrivalMid, p50Bps, p90Bps };
  } catch {
    return null;
  }
}

export interface BodyRawForecast {
  rawP50Bps: number;
  rawP90Bps: number;
  calibrationGroup: string | null;
}

/** The raw (uncalibrated) forecast stored in body_json, when the order has one. */
export function rawForecastOfBody(json: string): BodyRawForecast | null {
  try {
    const f = (JSON.parse(json) as { forecast?: unknown }).forecast as Partial<BodyRawForecast> | null | undefined;
    if (!f || typeof f !== "object") return null;
    const { rawP50Bps, rawP90Bps, calibrationGroup } = f;
    if (typeof rawP50Bps !== "number" || typeof rawP90Bps !== "number") return null;
    return { rawP50Bps, rawP90Bps, calibrationGroup: typeof calibrationGroup === "string" ? calibrationGroup : null };
  } catch {
    return null;
  }
}

export function emptyVenueSums(): VenueSums {
  return { sent: 0, sentQty: 0, filledQty: 0, fills: 0, notional: 0, rejected: 0, costW: 0, costN: 0 };
}

/**
 * Applies events after `prior` (null: a log from its start). Times are whole ms, as the
 * log stores them, so latencies and updated times match a replay of the stored log.
 */
export function foldEvents(prior: ProjectionState | null, events: readonly OrderEvent[], side: Side, arrivalMid: number | null): FoldResult {
  let order = prior?.order ?? null;
  const sentAt = new Map(prior?.sentAt ?? []);
  const venues = new Map<VenueId, VenueSums>();
  const latencies: AckLatency[] = [];
  const sums = (v: VenueId) => {
    let s = venues.get(v);
    if (!s) venues.set(v, (s = emptyVenueSums()));
    return s;
  };
  const sign = side === "buy" ? 1 : -1;
  for (const raw of events) {
    const event = { ...raw, atMs: Math.floor(raw.atMs) } as OrderEvent;
    let next: OrderState;
    try {
      next = applyOrderEvent(order, event);
    } catch {
      continue; // the writer validates first; an illegal event would break deriveOrder too
    }
    if (next === order) continue; // a duplicate fill or ack
    const child: ChildState | undefined = "childId" in event ? order?.children.get(event.childId) : undefined;
    if (event.kind === "child_sent" && (order?.children.size ?? 0) === 0) {
      arrivalMid = arrivalMidOf(event.midE9 === undefined || event.midE9 === null ? null : e9ToPrice(event.midE9), arrivalMid);
    }
    if (event.kind === "child_sent") {
      const s = sums(event.venue);
      s.sent += 1;
      s.sentQty += e8ToQty(event.qtyE8);
      sentAt.set(event.childId, event.atMs);
    } else if (event.kind === "child_acked") {
      const at = sentAt.get(event.childId);
      if (at !== undefined && child) latencies.push({ childId: event.childId, venue: child.venue, latencyMs: event.atMs - at });
      sentAt.delete(event.childId);
    } else if (event.kind === "child_rejected") {
      if (child) sums(child.venue).rejected += 1;
      sentAt.delete(event.childId);
    } else if (event.kind === "fill") {
      const s = sums(event.venue);
      const qty = e8ToQty(event.qtyE8);
      const price = e9ToPrice(event.priceE9);
      s.fills += 1;
      s.filledQty += qty;
      s.notional += qty * price;
      if (arrivalMid) {
        s.costW += ((sign * (price - arrivalMid) * qty + e9ToPrice(event.feeE9)) / arrivalMid) * 1e4;
        s.costN += qty;
      }
    }
    order = next;
  }
  return { state: order ? { order, sentAt } : null, venues, latencies, arrivalMid };
}

/** The figures of an order's state the summary and the order view read. */
export interface OrderFigures {
  status: OrderStatus;
  qty: number;
  filled: number;
  avgPrice: number | null;
  fees: number;
  notional: number;
  fills: number;
  realizedBps: number | null;
}

export function figuresOf(state: OrderState, side: Side, arrivalMid: number | null): OrderFigures {
  const s = summarizeOrder(state);
  const filled = e8ToQty(s.filledE8);
  const avgPrice = s.avgPriceE9 === null ? null : e9ToPrice(s.avgPriceE9);
  const fees = e9ToPrice(s.feesE9);
  const realized = avgPrice !== null ? computeRealizedCostBps(side, [{ qty: filled, price: avgPrice, fee: fees }], arrivalMid) : undefined;
  return {
    status: s.status,
    qty: e8ToQty(s.qtyE8),
    filled,
    avgPrice,
    fees,
    notional: avgPrice !== null ? avgPrice * filled : 0,
    fills: state.fillIds.size,
    realizedBps: realized ?? null,
  };
}

/** One order's share of its day roll-up row. */
export interface DaySums {
  orders: number;
  completed: number;
  fills: number;
  qty: number;
  filled: number;
  notional: number;
  costNotional: number;
  costW: number;
  calibN: number;
  calibWithin: number;
}

export function dayShareOf(f: OrderFigures, p90Bps: number | null): DaySums {
  const costed = f.realizedBps !== null;
  const calibrated = f.realizedBps !== null && p90Bps !== null;
  return {
    orders: 1,
    completed: f.status === "COMPLETED" ? 1 : 0,
    fills: f.fills,
    qty: f.qty,
    filled: f.filled,
    notional: f.notional,
    costNotional: costed ? f.notional : 0,
    costW: costed ? f.realizedBps! * f.notional : 0,
    calibN: calibrated ? 1 : 0,
    calibWithin: calibrated && f.realizedBps! <= p90Bps! ? 1 : 0,
  };
}

export function subtractDaySums(a: DaySums, b: DaySums | null): DaySums {
  if (!b) return a;
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof DaySums)[]) out[k] = a[k] - b[k];
  return out;
}

interface StoredChild {
  i: string;
  v: VenueId;
  q: string;
  f: string;
  a: boolean;
  s: ChildState["status"];
  r: ChildState["rejectReason"];
}

/** JSON for the state column; bigints as decimal strings. */
export function encodeProjectionState(p: ProjectionState): string {
  const o = p.order;
  return JSON.stringify({
    st: o.status,
    q: o.qtyE8.toString(),
    f: o.filledE8.toString(),
    n: o.notionalE17.toString(),
    fe: o.feesE9.toString(),
    rr: o.rejectReason,
    fa: o.failure,
    cr: o.cancelRequestedAtMs,
    aa: o.acceptedAtMs,
    ua: o.updatedAtMs,
    wc: o.workingChildren,
    ch: [...o.children.values()].map((c): StoredChild => ({ i: c.childId, v: c.venue, q: c.qtyE8.toString(), f: c.filledE8.toString(), a: c.acked, s: c.status, r: c.rejectReason })),
    fi: [...o.fillIds],
    sa: [...p.sentAt],
  });
}

export function decodeProjectionState(json: string): ProjectionState {
  const j = JSON.parse(json) as {
    st: OrderStatus; q: string; f: string; n: string; fe: string; rr: OrderState["rejectReason"]; fa: string | null; cr: number | null;
    aa: number; ua: number; wc: number; ch: StoredChild[]; fi: string[]; sa: [string, number][];
  };
  const children = new Map<string, ChildState>(
    j.ch.map((c) => [c.i, { childId: c.i, venue: c.v, qtyE8: BigInt(c.q), filledE8: BigInt(c.f), acked: c.a, status: c.s, rejectReason: c.r }]),
  );
  return {
    order: {
      status: j.st,
      qtyE8: BigInt(j.q),
      filledE8: BigInt(j.f),
      notionalE17: BigInt(j.n),
      feesE9: BigInt(j.fe),
      // A FAILED state kept before failures carried a code has only the text to read it from.
      rejectReason: j.rr ?? (j.st === "FAILED" ? reasonOfFailureText(j.fa) : null),
      failure: j.fa,
      cancelRequestedAtMs: j.cr,
      acceptedAtMs: j.aa,
      updatedAtMs: j.ua,
      workingChildren: j.wc,
      children,
      fillIds: new Set(j.fi),
    },
    sentAt: new Map(j.sa),
  };
}
