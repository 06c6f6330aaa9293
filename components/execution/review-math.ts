/**
 * Pure helpers for the Review page: the shortfall waterfall, the markout curve and the
 * timeline chart data (mid, fills by venue, child sends). Unit-tested in review-math.test.ts.
 */
import type { VenueId } from "@/lib/contracts/common";
import type { ReviewResponse } from "@/lib/contracts/review";
import { formatBps, nsToMs } from "@/lib/format";

export type ShortfallPart = "delay" | "spread" | "impact" | "fees" | "opportunity";
export const SHORTFALL_PARTS: readonly ShortfallPart[] = ["delay", "spread", "impact", "fees", "opportunity"];

export const SHORTFALL_LABEL: Record<ShortfallPart | "total", string> = {
  delay: "Delay",
  spread: "Spread",
  impact: "Impact",
  fees: "Fees",
  opportunity: "Opportunity",
  total: "Total",
};

export const SHORTFALL_HELP: Record<ShortfallPart | "total", string> = {
  delay: "Mid move between the decision and the arrival of the order",
  spread: "Half-spread paid (or earned) crossing to the touch",
  impact: "Price moved against the order while it traded",
  fees: "Venue fees net of rebates",
  opportunity: "Mid move on the quantity left unfilled",
  total: "Implementation shortfall: the sum of the parts",
};

export interface WaterfallSegment {
  key: ShortfallPart | "total";
  label: string;
  /** The part's value (the total's for the total bar), in the chosen unit; positive = cost. */
  value: number;
  /** Running sum before this part (0 for the total). */
  start: number;
  /** Running sum after this part (the total for the total bar). */
  end: number;
  /** Bar extent, low ≤ high. */
  low: number;
  high: number;
  kind: "up" | "down" | "total";
}

export interface Waterfall {
  segments: WaterfallSegment[];
  /** Value axis, always including 0. */
  domain: [number, number];
  /** The reported total minus the sum of the parts (≈ 0: the contract says they add exactly). */
  residual: number;
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

/**
 * The shortfall parts as floating bars: each part starts where the previous one ended and
 * goes up (cost) or down (saving); the total bar runs from 0 to the reported total, so the
 * last part's end lines up with the top of the total. `unit` picks bps or USD.
 */
export function waterfallSegments(shortfall: Pick<ReviewResponse["shortfall"], ShortfallPart | "total">, unit: "bps" | "usd" = "bps"): Waterfall {
  const segments: WaterfallSegment[] = [];
  let running = 0;
  for (const key of SHORTFALL_PARTS) {
    const value = finite(shortfall[key][unit]);
    const start = running;
    const end = running + value;
    segments.push({ key, label: SHORTFALL_LABEL[key], value, start, end, low: Math.min(start, end), high: Math.max(start, end), kind: value < 0 ? "down" : "up" });
    running = end;
  }
  const total = finite(shortfall.total[unit]);
  segments.push({ key: "total", label: SHORTFALL_LABEL.total, value: total, start: 0, end: total, low: Math.min(0, total), high: Math.max(0, total), kind: "total" });
  const lo = Math.min(0, ...segments.map((s) => s.low));
  const hi = Math.max(0, ...segments.map((s) => s.high));
  return { segments, domain: [lo, hi], residual: total - running };
}

export interface MarkoutPoint {
  horizonMs: number;
  label: string;
  bps: number;
  usd: number | null;
}

/** "−1 s" · "500 ms" · "1 s" · "30 s" · "1 min" · "5 min" · "1 h" (negative = before the fill). */
export function formatHorizon(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "−" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${+(abs / 1000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${sign}${+(abs / 60_000).toFixed(1)} min`;
  return `${sign}${+(abs / 3_600_000).toFixed(1)} h`;
}

/** The markout curve: available horizons with a finite bps value, shortest first; unavailable ones are left out. */
export function markoutSeries(markouts: ReviewResponse["markouts"]): MarkoutPoint[] {
  return markouts
    .filter((m): m is typeof m & { bps: number } => m.available && m.bps !== null && Number.isFinite(m.bps) && Number.isFinite(m.horizon_ms))
    .map((m) => ({ horizonMs: m.horizon_ms, label: formatHorizon(m.horizon_ms), bps: m.bps, usd: m.usd }))
    .sort((a, b) => a.horizonMs - b.horizonMs);
}

export interface TimelineFill {
  t: number;
  price: number;
  qty: number;
  venue: VenueId;
  liquidity: "maker" | "taker";
}

export interface TimelineSend {
  t: number;
  /** The child's limit price, or the mid at the send when it had none. */
  price: number;
  /** Whether `price` is the child's limit (false: placed on the mid). */
  limit: boolean;
  qty: number | null;
  venue: VenueId | null;
  childId: string | null;
}

export interface TimelineRef {
  key: "arrival" | "interval_vwap" | "twap";
  label: string;
  price: number;
}

export interface TimelineChartData {
  mids: { t: number; mid: number }[];
  fillsByVenue: { venue: VenueId; fills: TimelineFill[] }[];
  sends: TimelineSend[];
  refs: TimelineRef[];
  xDomain: [number, number];
  yDomain: [number, number];
}

/** The mid at `t`: the last mid at or before it (the first one before any). */
export function midAt(mids: readonly { t: number; mid: number }[], t: number): number | null {
  let found: number | null = null;
  for (const m of mids) {
    if (m.t <= t) found = m.mid;
    else break;
  }
  return found ?? mids[0]?.mid ?? null;
}

const REF_LABEL: Record<TimelineRef["key"], string> = { arrival: "arrival", interval_vwap: "interval VWAP", twap: "TWAP" };

/**
 * The timeline chart: the mid (sorted), fills grouped by venue, child sends as ticks at
 * their limit price (or the mid when they had none), and the arrival / interval VWAP /
 * TWAP benchmark prices. The price axis covers the mid, fills and benchmarks, padded;
 * a far-away limit price does not stretch it (ticks outside are clipped by the chart).
 */
export function timelineChartData(review: Pick<ReviewResponse, "mids" | "fills" | "timeline" | "benchmarks">): TimelineChartData {
  const mids = review.mids
    .map((m) => ({ t: nsToMs(m.at_ns), mid: m.mid }))
    .filter((m): m is { t: number; mid: number } => m.t !== null && Number.isFinite(m.mid))
    .sort((a, b) => a.t - b.t);
  const groups = new Map<VenueId, TimelineFill[]>();
  for (const f of review.fills) {
    const t = nsToMs(f.at_ns);
    if (t === null || !Number.isFinite(f.price)) continue;
    const list = groups.get(f.venue) ?? [];
    list.push({ t, price: f.price, qty: f.qty, venue: f.venue, liquidity: f.liquidity });
    groups.set(f.venue, list);
  }
  const fillsByVenue = [...groups.entries()].map(([venue, fills]) => ({ venue, fills: fills.sort((a, b) => a.t - b.t) }));
  const sends: TimelineSend[] = [];
  for (const e of review.timeline) {
    if (e.kind !== "child_sent") continue;
    const t = nsToMs(e.at_ns);
    if (t === null) continue;
    const limit = e.price !== null && Number.isFinite(e.price);
    const price = limit ? e.price : midAt(mids, t);
    if (price === null) continue;
    sends.push({ t, price, limit, qty: e.qty, venue: e.venue, childId: e.child_id });
  }
  sends.sort((a, b) => a.t - b.t);
  const refs: TimelineRef[] = [];
  for (const key of ["arrival", "interval_vwap", "twap"] as const) {
    const price = review.benchmarks[key].price;
    if (price !== null && Number.isFinite(price)) refs.push({ key, label: REF_LABEL[key], price });
  }
  const prices = [...mids.map((m) => m.mid), ...fillsByVenue.flatMap((g) => g.fills.map((f) => f.price)), ...refs.map((r) => r.price)];
  const times = [...mids.map((m) => m.t), ...fillsByVenue.flatMap((g) => g.fills.map((f) => f.t)), ...sends.map((s) => s.t)];
  const lo = prices.length ? Math.min(...prices) : 0;
  const hi = prices.length ? Math.max(...prices) : 1;
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(hi) * 1e-4, 1e-8);
  const t0 = times.length ? Math.min(...times) : 0;
  const t1 = times.length ? Math.max(...times) : 1;
  return { mids, fillsByVenue, sends, refs, xDomain: [t0, t1 > t0 ? t1 : t0 + 1000], yDomain: [lo - pad, hi + pad] };
}

/** A fraction-free score part name: "book_walk" → "book walk". */
export function partLabel(name: string): string {
  return name.replace(/_bps$/, "").replace(/_/g, " ");
}

/** Selection / forecast error tone: > 0 means the router or the forecast was worse. */
export function errorTone(bps: number | null, tolerance = 0.05): "neutral" | "red" | "green" {
  if (bps === null || !Number.isFinite(bps) || Math.abs(bps) < tolerance) return "neutral";
  return bps > 0 ? "red" : "green";
}

/** Text colour per cost tone (see costTone / errorTone). */
export const TONE_TEXT = { red: "text-rose-700", green: "text-emerald-700", neutral: "text-slate-800", amber: "text-amber-700", blue: "text-sky-700" } as const;

/** A bps figure with an explicit + for costs (tiny values already read "<0.01"). */
export function signedBps(value: number | null, unit = true): string {
  const text = formatBps(value, { unit });
  // Tiny values already read "<0.01" / ">-0.01".
  return value !== null && value >= 0.005 ? `+${text}` : text;
}
