/**
 * Pure helpers for the Live page: the progress-vs-schedule series accumulated from stream
 * updates, the fills-over-mid chart data, and small display decisions. Unit-tested in
 * live-math.test.ts.
 */
import type { VenueId } from "@/lib/contracts/common";
import type { LiveResponse } from "@/lib/contracts/live";
import { nsToMs } from "@/lib/format";

/** One observation of the order's progress: fill % planned by the schedule and actually filled, 0–100. */
export interface ProgressPoint {
  /** ms since the epoch. */
  t: number;
  /** null where it was not observed (points rebuilt from the fills before the first update). */
  planned: number | null;
  actual: number;
}

/** The series' memory bound: beyond this, older points are thinned (every other one dropped). */
export const MAX_PROGRESS_POINTS = 1200;

function clampPct(x: number): number {
  return Number.isFinite(x) ? Math.min(100, Math.max(0, x)) : 0;
}

/** Filled share of the order in percent, from the quantities (exact, whatever the server rounds). */
export function filledPct(filled: number, ordered: number): number {
  return ordered > 0 ? clampPct((filled / ordered) * 100) : 0;
}

/**
 * The history before the first update this page saw: the order's start at 0 %, then the
 * cumulative fill % after each fill. The schedule's plan at those times is unknown (null).
 */
export function seedFromFills(live: LiveResponse): ProgressPoint[] {
  const ordered = live.totals.ordered_qty;
  const start = nsToMs(live.order.created_at_ns);
  const asOf = nsToMs(live.as_of_ns);
  const out: ProgressPoint[] = [];
  if (start !== null && (asOf === null || start < asOf)) out.push({ t: start, planned: null, actual: 0 });
  const fills = live.fills
    .map((f) => ({ t: nsToMs(f.at_ns), qty: f.qty }))
    .filter((f): f is { t: number; qty: number } => f.t !== null && (asOf === null || f.t < asOf))
    .sort((a, b) => a.t - b.t);
  let cum = 0;
  for (const f of fills) {
    cum += f.qty;
    const point = { t: f.t, planned: null, actual: filledPct(cum, ordered) };
    const last = out.at(-1);
    if (last && last.t === point.t) out[out.length - 1] = point;
    else out.push(point);
  }
  return out;
}

/** The point one update contributes, or null when it has no usable time. */
export function progressPointOf(live: LiveResponse): ProgressPoint | null {
  const t = nsToMs(live.as_of_ns);
  if (t === null) return null;
  return {
    t,
    planned: clampPct(live.schedule.planned_fill_pct),
    actual: filledPct(live.totals.filled_qty, live.totals.ordered_qty),
  };
}

function same(a: ProgressPoint, b: ProgressPoint): boolean {
  return a.planned === b.planned && a.actual === b.actual;
}

/**
 * Adds one update to the series. The first update also brings the fills before it; an
 * update no newer than the last point is ignored (a late poll answer, a repeated event);
 * a run of unchanged values keeps only its first and last point; past `maxPoints` the
 * older half is thinned. Returns `prev` itself when nothing changed.
 */
export function accumulateProgress(prev: readonly ProgressPoint[], live: LiveResponse, maxPoints = MAX_PROGRESS_POINTS): readonly ProgressPoint[] {
  const point = progressPointOf(live);
  if (!point) return prev;
  const base = prev.length === 0 ? seedFromFills(live) : prev;
  const last = base.at(-1);
  if (prev.length > 0 && last && point.t <= last.t) return prev;
  const beforeLast = base.at(-2);
  let next: ProgressPoint[];
  if (last && beforeLast && same(last, point) && same(beforeLast, point)) {
    next = [...base.slice(0, -1), point];
  } else {
    next = [...base, point];
  }
  return next.length > maxPoints ? thin(next) : next;
}

/** Drops every other point of the older half (keeping the very first). */
function thin(points: readonly ProgressPoint[]): ProgressPoint[] {
  const half = Math.floor(points.length / 2);
  const older = points.slice(0, half).filter((_, i) => i === 0 || i % 2 === 0);
  return [...older, ...points.slice(half)];
}

export interface ProgressRow {
  /** Seconds since the series starts. */
  s: number;
  planned: number | null;
  actual: number;
}

export function progressRows(points: readonly ProgressPoint[]): ProgressRow[] {
  const t0 = points[0]?.t ?? 0;
  return points.map((p) => ({ s: (p.t - t0) / 1000, planned: p.planned, actual: p.actual }));
}

export interface FillPoint {
  /** ms since the epoch. */
  t: number;
  price: number;
  qty: number;
  venue: VenueId;
  liquidity: "maker" | "taker";
  feeUsd: number;
}

export interface FillsChartData {
  mids: { t: number; mid: number }[];
  /** Fills grouped by venue, in the order venues first filled. */
  byVenue: { venue: VenueId; fills: FillPoint[] }[];
  /** Price axis: every mid and fill, padded. */
  yDomain: [number, number];
  /** Time axis (ms). */
  xDomain: [number, number];
}

/**
 * The mid line and the fills as points coloured by venue, on shared axes. `window` keeps
 * only the mids inside it (e.g. the life of a finished order, whose mid history keeps
 * growing afterwards); fills are always kept.
 */
export function fillsChartData(live: Pick<LiveResponse, "mids" | "fills">, window: { fromMs?: number | null; toMs?: number | null } = {}): FillsChartData {
  const from = window.fromMs ?? -Infinity;
  const to = window.toMs ?? Infinity;
  const mids = live.mids
    .map((m) => ({ t: nsToMs(m.at_ns), mid: m.mid }))
    .filter((m): m is { t: number; mid: number } => m.t !== null && Number.isFinite(m.mid) && m.t >= from && m.t <= to)
    .sort((a, b) => a.t - b.t);
  const groups = new Map<VenueId, FillPoint[]>();
  for (const f of live.fills) {
    const t = nsToMs(f.at_ns);
    if (t === null || !Number.isFinite(f.price)) continue;
    const list = groups.get(f.venue) ?? [];
    list.push({ t, price: f.price, qty: f.qty, venue: f.venue, liquidity: f.liquidity, feeUsd: f.fee_usd });
    groups.set(f.venue, list);
  }
  const byVenue = [...groups.entries()].map(([venue, fills]) => ({ venue, fills: fills.sort((a, b) => a.t - b.t) }));
  const prices = [...mids.map((m) => m.mid), ...byVenue.flatMap((g) => g.fills.map((f) => f.price))];
  const times = [...mids.map((m) => m.t), ...byVenue.flatMap((g) => g.fills.map((f) => f.t))];
  const lo = prices.length ? Math.min(...prices) : 0;
  const hi = prices.length ? Math.max(...prices) : 1;
  // Pad by 10 % of the range, or 1 bp of the price when everything sits on one level.
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(hi) * 1e-4, 1e-8);
  const t0 = times.length ? Math.min(...times) : 0;
  const t1 = times.length ? Math.max(...times) : 1;
  return { mids, byVenue, yDomain: [lo - pad, hi + pad], xDomain: [t0, t1 > t0 ? t1 : t0 + 1000] };
}

/** Margin shown around a finished order's life on the fills chart. */
export const FILLS_WINDOW_PAD_MS = 5000;

/** The mid window for the fills chart: from shortly before the order started; for a final order, until shortly after its last update. */
export function fillsWindow(order: Pick<LiveResponse["order"], "created_at_ns" | "updated_at_ns">, final: boolean): { fromMs: number | null; toMs: number | null } {
  const start = nsToMs(order.created_at_ns);
  const end = final ? nsToMs(order.updated_at_ns) : null;
  return { fromMs: start === null ? null : start - FILLS_WINDOW_PAD_MS, toMs: end === null ? null : end + FILLS_WINDOW_PAD_MS };
}

export type Tone = "neutral" | "green" | "red" | "amber" | "blue";

export const SCHEDULE_TONE: Record<LiveResponse["schedule"]["status"], Tone> = {
  ahead: "blue",
  on_track: "green",
  behind: "amber",
  done: "neutral",
};

export const HEALTH_TONE: Record<LiveResponse["venue_health"][number]["status"], Tone> = {
  ok: "green",
  degraded: "amber",
  down: "red",
};

/** Cost in bps where positive is worse: red when worse, green when better, neutral at ~0. */
export function costTone(bps: number | null, tolerance = 0.05): Tone {
  if (bps === null || !Number.isFinite(bps) || Math.abs(bps) < tolerance) return "neutral";
  return bps > 0 ? "red" : "green";
}

export const ADVICE_TEXT: Record<LiveResponse["aggressiveness"]["advice"], string> = {
  speed_up: "Speed up",
  slow_down: "Slow down",
  hold: "Hold the current pace",
};

/** USD with cents, for fees: $0.42 · $1,234.50. */
export function formatUsdCents(value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const text = Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${value < 0 ? "-" : ""}$${text}`;
}

const TIME_STEPS_MS = [100, 200, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 21_600e3, 43_200e3, 86_400e3];

/** Clock-aligned ticks (whole 1/2/5/10/15/30 s, minutes, hours) inside [t0, t1], about `target` of them, and the step. */
export function timeTicks(t0: number, t1: number, target = 6): { ticks: number[]; stepMs: number } {
  const span = Math.max(1, t1 - t0);
  const stepMs = TIME_STEPS_MS.find((s) => span / s <= target) ?? TIME_STEPS_MS[TIME_STEPS_MS.length - 1] ?? 86_400e3;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / stepMs) * stepMs; t <= t1 && ticks.length < 100; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}
