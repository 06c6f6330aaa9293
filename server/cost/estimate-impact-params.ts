/**
 * Almgren–Chriss parameters for a crypto symbol, estimated from the books and the tape
 * (units: base quantity, quote currency, seconds). Each estimate says where it came from.
 *
 * - σ: the observation store's EWMA volatility, as price units per √s (σ_per_second · mid).
 * - ε (fixed cost per unit): half the consolidated spread plus the taker fee, the paper's own
 *   recipe ("half the bid-ask spread plus fees", AC 2000 §1.5).
 * - Temporary impact η: the consolidated book's slope b — the sweep's average price offset
 *   beyond the half spread grows ≈ b·n with size n (least squares through the origin over
 *   the sizes priced) — times the book's resilience time τᵣ: trading n within τᵣ walks the
 *   book once, so η·(n/τᵣ) = b·n. τᵣ is a stated assumption (default 5 s), not estimated.
 * - Permanent impact γ: Kyle's (1985) λ from the tape, the regression of 1 s mid changes on
 *   the net signed aggressor volume of that second (through the origin), capped at b (a
 *   trade cannot move the price for good by more than its own sweep does); without enough
 *   signal, a stated fraction of b.
 * - Daily volume: the tape's traded quantity per second over the window, × 86 400 (crypto
 *   trades around the clock).
 *
 * The tape part (estimateTapeStats) reads thousands of trades and changes slowly; the book
 * part is per order. They are separate so a service can cache the first per symbol.
 */
import type { MidSample } from "@/server/market-data/observation-store";
import type { Trade } from "@/server/market-data/types";
import { SECONDS_PER_DAY } from "./square-root-impact";

export interface SizeCostPoint {
  /** Quantity the consolidated books filled at this size. */
  filledQty: number;
  /** Price-only sweep cost of that fill vs mid, bps (no fees). */
  priceCostBps: number;
}

export interface EstimateImpactInput {
  mid: number;
  /** Consolidated half spread, bps of mid. */
  halfSpreadBps: number;
  /** Taker fee paid per unit, bps (e.g. the sweep's quantity-weighted fee). */
  feeBps: number;
  sizePoints: readonly SizeCostPoint[];
  sigmaPerSecond: number;
  /** What the tape says (estimateTapeStats); it changes slowly, so callers may cache it. */
  tape: TapeStats;
  resilienceMs?: number;
  /** γ as a fraction of b when the tape says too little (default 0.25). */
  permanentFraction?: number;
  /** Seconds with trades needed for Kyle's λ (default 30). */
  minKyleIntervals?: number;
}

export interface TapeStats {
  /** Kyle's λ, price units per unit of net signed flow; undefined without flow. */
  kyleLambda: number | undefined;
  kyleIntervals: number;
  /** Units per day; undefined without trades. */
  dailyVolume: number | undefined;
  tradesObserved: number;
  /** Span of tape measured, ms. */
  tapeSpanMs: number;
  /** Market time the stats were taken at. */
  asOfMs: number;
}

export interface EstimateTapeStatsInput {
  /** Each venue's recent trades, oldest first. */
  tradesByVenue: readonly (readonly Trade[])[];
  /** Consolidated mid samples (1 s), oldest first. */
  mids: readonly MidSample[];
  nowMs: number;
  /** Tape window (default 120 000 ms). */
  windowMs?: number;
}

/** Daily volume and Kyle's λ from the tape over the window (see the file comment). */
export function estimateTapeStats(input: EstimateTapeStatsInput): TapeStats {
  const windowMs = input.windowMs ?? 120_000;
  const fromMs = input.nowMs - windowMs;
  const kyle = kyleLambda(input.mids, input.tradesByVenue, fromMs);
  let volume = 0;
  let trades = 0;
  for (const venue of input.tradesByVenue) {
    for (const t of venue) {
      if (t.tsMs < fromMs || t.tsMs > input.nowMs) continue;
      volume += t.qty;
      trades++;
    }
  }
  // The store may hold less than the window (just started): measure over what it covers.
  const firstMid = input.mids[0]?.tsMs;
  const start = firstMid !== undefined ? Math.max(fromMs, firstMid) : fromMs;
  const tapeSpanMs = Math.max(0, input.nowMs - start);
  return {
    kyleLambda: kyle.lambda,
    kyleIntervals: kyle.intervals,
    dailyVolume: trades > 0 && tapeSpanMs > 0 ? (volume / (tapeSpanMs / 1000)) * SECONDS_PER_DAY : undefined,
    tradesObserved: trades,
    tapeSpanMs,
    asOfMs: input.nowMs,
  };
}

export interface ImpactParams {
  price: number;
  sigmaPerSecond: number;
  /** σ in price units per √s. */
  sigmaPrice: number;
  /** Half spread + fee, price units per unit traded. */
  epsilon: number;
  /** Slope of the sweep's average price offset in size, price units per unit². */
  bookSlope: number;
  resilienceS: number;
  /** b·τᵣ, price units per (unit / s). */
  eta: number;
  /** Price units per unit. */
  gamma: number;
  gammaSource: "kyle_lambda" | "kyle_lambda_capped" | "fraction_of_temporary";
  kyleLambda: number | undefined;
  kyleIntervals: number;
  /** Units per day; undefined without trades. */
  dailyVolume: number | undefined;
  tradesObserved: number;
  /** Span of tape the volume was measured over, ms. */
  tapeSpanMs: number;
}

export function estimateImpactParams(input: EstimateImpactInput): ImpactParams {
  const { mid } = input;
  const resilienceS = (input.resilienceMs ?? 5000) / 1000;
  const sigma = input.sigmaPerSecond > 0 && Number.isFinite(input.sigmaPerSecond) ? input.sigmaPerSecond : 0;
  const halfSpread = (Math.max(0, input.halfSpreadBps) * mid) / 1e4;

  let num = 0;
  let den = 0;
  let largest = 0;
  for (const p of input.sizePoints) {
    if (!(p.filledQty > 0) || !Number.isFinite(p.priceCostBps)) continue;
    const excess = Math.max(0, (p.priceCostBps * mid) / 1e4 - halfSpread);
    num += p.filledQty * excess;
    den += p.filledQty * p.filledQty;
    largest = Math.max(largest, p.filledQty);
  }
  // A book flat over every size priced still has some slope; keep η̃ > 0 with a token one.
  const floor = largest > 0 ? (mid * 1e-8) / largest : mid * 1e-8;
  const bookSlope = den > 0 ? Math.max(num / den, floor) : floor;
  const eta = bookSlope * resilienceS;

  const kyle = input.tape;
  const minIntervals = input.minKyleIntervals ?? 30;
  let gamma: number;
  let gammaSource: ImpactParams["gammaSource"];
  if (kyle.kyleLambda !== undefined && kyle.kyleIntervals >= minIntervals && kyle.kyleLambda > 0) {
    gamma = Math.min(kyle.kyleLambda, bookSlope);
    gammaSource = kyle.kyleLambda > bookSlope ? "kyle_lambda_capped" : "kyle_lambda";
  } else {
    gamma = (input.permanentFraction ?? 0.25) * bookSlope;
    gammaSource = "fraction_of_temporary";
  }

  return {
    price: mid,
    sigmaPerSecond: sigma,
    sigmaPrice: sigma * mid,
    epsilon: halfSpread + (Math.max(0, input.feeBps) * mid) / 1e4,
    bookSlope,
    resilienceS,
    eta,
    gamma,
    gammaSource,
    kyleLambda: kyle.kyleLambda,
    kyleIntervals: kyle.kyleIntervals,
    dailyVolume: kyle.dailyVolume,
    tradesObserved: kyle.tradesObserved,
    tapeSpanMs: kyle.tapeSpanMs,
  };
}

/**
 * Kyle's λ: Σ flowᵢ·Δmidᵢ / Σ flowᵢ² over the mid-sample intervals (tᵢ₋₁, tᵢ] after fromMs,
 * flow = buy-aggressor minus sell-aggressor quantity across venues.
 */
export function kyleLambda(mids: readonly MidSample[], tradesByVenue: readonly (readonly Trade[])[], fromMs: number): { lambda: number | undefined; intervals: number } {
  let first = 0;
  while (first < mids.length && (mids[first] as MidSample).tsMs < fromMs) first++;
  const m = mids.length - first;
  if (m < 2) return { lambda: undefined, intervals: 0 };
  const flow = new Float64Array(m);
  for (const trades of tradesByVenue) {
    let i = 1;
    for (const t of trades) {
      if (t.tsMs <= (mids[first] as MidSample).tsMs) continue;
      while (i < m && t.tsMs > (mids[first + i] as MidSample).tsMs) i++;
      if (i >= m) break;
      flow[i] = (flow[i] as number) + (t.aggressor === "buy" ? t.qty : -t.qty);
    }
  }
  let num = 0;
  let den = 0;
  let intervals = 0;
  for (let i = 1; i < m; i++) {
    const f = flow[i] as number;
    if (f === 0) continue;
    num += f * ((mids[first + i] as MidSample).mid - (mids[first + i - 1] as MidSample).mid);
    den += f * f;
    intervals++;
  }
  return { lambda: den > 0 ? num / den : undefined, intervals };
}
