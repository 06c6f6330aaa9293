/**
 * Benchmark stack of an order (post-trade TCA): the prices its average fill price is
 * compared with, and the cost against each, in bps of the benchmark (positive = cost:
 * a buy that paid above the benchmark, or a sell that received below it).
 *
 * - Decision mid: the paper price of Perold (1988), the mid when the router decided.
 * - Arrival mid: the consolidated mid when the order reached the market (first child
 *   sent), the "arrival price" benchmark of Perold (1988) / Kissell, "The Science of
 *   Algorithmic Trading and Portfolio Management" (2013), ch. 3.
 * - Interval VWAP: Σ price·qty / Σ qty of the market's trade tape (all venues) over the
 *   order's life [from, to], inclusive at both ends (Berkowitz, Logue & Noser 1988, "The
 *   Total Cost of Transactions on the NYSE"). Undefined when the tape has no prints there.
 * - TWAP of mids: the time average of the mid step function over [from, to]
 *   (mid(t) = last sample at or before t). Integration starts at the first sample when the
 *   series begins inside the window; undefined when no sample exists at or before `to`.
 *
 * Average price is the qty-weighted fill price without fees: fees are a separate part of
 * the shortfall (shortfall.ts), so every benchmark cost here is a price comparison only.
 */
import type { MidSample } from "@/server/market-data/observation-store";
import type { Trade } from "@/server/market-data/types";
import { midAtOrBefore, sortMidsByTime } from "./mid-at";
import { priceCostBps } from "@/lib/execution-figures";
import type { Side } from "./types";

/** Arrival mid: the consolidated mid in force at `atMs` (last sample at or before it). */
export function arrivalMid(mids: readonly MidSample[], atMs: number): number | undefined {
  return midAtOrBefore(sortMidsByTime(mids), atMs);
}

/** Interval VWAP of the trade tape over [fromMs, toMs]; undefined when no prints. */
export function intervalVwap(trades: readonly Pick<Trade, "price" | "qty" | "tsMs">[], fromMs: number, toMs: number): number | undefined {
  let q = 0;
  let pq = 0;
  for (const t of trades) {
    if (t.tsMs < fromMs || t.tsMs > toMs || !(t.qty > 0)) continue;
    q += t.qty;
    pq += t.qty * t.price;
  }
  return q > 0 ? pq / q : undefined;
}

/** Time-weighted average of the mid step function over [fromMs, toMs]. */
export function twapOfMids(mids: readonly MidSample[], fromMs: number, toMs: number): number | undefined {
  const sorted = sortMidsByTime(mids);
  if (toMs <= fromMs) return midAtOrBefore(sorted, fromMs);
  let area = 0;
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i] as MidSample;
    const next = sorted[i + 1];
    const start = Math.max(s.tsMs, fromMs);
    const end = Math.min(next === undefined ? toMs : next.tsMs, toMs);
    if (end <= start) continue;
    area += s.mid * (end - start);
    covered += end - start;
  }
  if (covered > 0) return area / covered;
  // Only a sample exactly at `toMs` (zero-width coverage): that sample is the answer.
  return midAtOrBefore(sorted, toMs);
}

export interface BenchmarkCost {
  /** The benchmark price; undefined when it cannot be computed from the data. */
  price: number | undefined;
  /** side·(avgPrice − price)/price·1e4; positive = cost. Undefined without fills or price. */
  costBps: number | undefined;
}

export interface Benchmarks {
  avgPrice: number | undefined;
  fromMs: number;
  toMs: number;
  decision: BenchmarkCost;
  arrival: BenchmarkCost;
  intervalVwap: BenchmarkCost;
  twap: BenchmarkCost;
}

export interface BenchmarkInputs {
  side: Side;
  /** Qty-weighted average fill price (no fees); undefined when nothing filled. */
  avgPrice: number | undefined;
  decisionMid: number | undefined;
  arrivalMid: number | undefined;
  mids: readonly MidSample[];
  trades: readonly Pick<Trade, "price" | "qty" | "tsMs">[];
  /**
   * The tape's VWAP over exactly [fromMs, toMs] when it was computed earlier (a stored
   * market context outlives the tape): used instead of `trades`; null = no prints.
   */
  tapeVwap?: number | null;
  /** The order's life: decision (or first send) to last fill. */
  fromMs: number;
  toMs: number;
}

/** Signed cost of `avgPrice` against `benchmark` in bps of the benchmark; positive = cost. */
export function costVsBenchmarkBps(side: Side, avgPrice: number | undefined, benchmark: number | undefined): number | undefined {
  return priceCostBps(side, avgPrice, benchmark);
}

export function computeBenchmarks(input: BenchmarkInputs): Benchmarks {
  const bench = (price: number | undefined): BenchmarkCost => ({ price, costBps: costVsBenchmarkBps(input.side, input.avgPrice, price) });
  return {
    avgPrice: input.avgPrice,
    fromMs: input.fromMs,
    toMs: input.toMs,
    decision: bench(input.decisionMid),
    arrival: bench(input.arrivalMid),
    intervalVwap: bench(input.tapeVwap !== undefined ? (input.tapeVwap ?? undefined) : intervalVwap(input.trades, input.fromMs, input.toMs)),
    twap: bench(twapOfMids(input.mids, input.fromMs, input.toMs)),
  };
}
