/**
 * Post-trade mark-outs: how the consolidated mid moved relative to each fill price over a
 * set of horizons, the standard measure of adverse selection / short-term alpha of fills
 * (industry "mark-out" practice; the response function of Bouchaud, Gefen, Potters &
 * Wyart 2004, "Fluctuations and response in financial markets", Quantitative Finance 4).
 *
 * For horizon h: markout(h) = Σᵢ qᵢ · side · (mid(tᵢ + h) − pᵢ)/pᵢ · 1e4 / Σᵢ qᵢ, in bps,
 * positive = good for the desk (a buy followed by a rising mid). USD: Σᵢ qᵢ·side·(mid − pᵢ).
 * Sign convention and per-fill formula: lib/execution-figures.ts (fillMarkout). The mids
 * are event-time book mids where the observation store still holds them (≤ 50 ms), else
 * the 1 s samples. mid(t) = last sample at or before t. A horizon is `available` only when every fill has a
 * mid there (t + h not after the newest sample, and a sample at or before it); otherwise
 * it is reported unavailable with how many fills were covered — never extrapolated, and
 * never averaged over a subset that would bias it toward the earlier fills.
 */
import type { MidSample } from "@/server/market-data/observation-store";
import { midAtWithinData, sortMidsByTime } from "./mid-at";
import { fillMarkout } from "@/lib/execution-figures";
import type { Side, TcaFill } from "./types";

export const MARKOUT_HORIZONS_MS = [-1_000, 0, 1_000, 5_000, 30_000, 60_000, 300_000] as const;

export interface Markout {
  horizonMs: number;
  available: boolean;
  /** Qty-weighted bps, positive = good for the desk; undefined when unavailable. */
  bps: number | undefined;
  usd: number | undefined;
  /** Fills that had a mid at this horizon, of `fills`. */
  coveredFills: number;
  fills: number;
}

export function computeMarkouts(
  side: Side,
  fills: readonly Pick<TcaFill, "qty" | "price" | "atMs">[],
  mids: readonly MidSample[],
  horizonsMs: readonly number[] = MARKOUT_HORIZONS_MS,
): Markout[] {
  const sorted = sortMidsByTime(mids);
  return horizonsMs.map((horizonMs) => {
    let covered = 0;
    let qty = 0;
    let weightedBps = 0;
    let usd = 0;
    for (const f of fills) {
      const mid = midAtWithinData(sorted, f.atMs + horizonMs);
      if (mid === undefined || !(f.price > 0)) continue;
      covered += 1;
      qty += f.qty;
      const m = fillMarkout(side, f, mid);
      weightedBps += f.qty * m.bps;
      usd += m.usd;
    }
    const available = fills.length > 0 && covered === fills.length && qty > 0;
    return {
      horizonMs,
      available,
      bps: available ? weightedBps / qty : undefined,
      usd: available ? usd : undefined,
      coveredFills: covered,
      fills: fills.length,
    };
  });
}
