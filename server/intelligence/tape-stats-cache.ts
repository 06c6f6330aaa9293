/**
 * Tape statistics (trade rate, daily volume, Kyle λ) move slowly but cost hundreds of µs to
 * recompute from the observation store's buffers, so forecasts share one estimate per
 * symbol and venue set for a short time.
 */
import { estimateTapeFromObservations, type CostObservations } from "@/server/cost/forecast-cost";
import type { TapeStats } from "@/server/cost/estimate-impact-params";
import type { VenueId } from "@/server/market-data/types";

export interface TapeStatsCache {
  get(observations: CostObservations, symbol: string, venues: readonly VenueId[], nowMs: number): TapeStats;
}

export function createTapeStatsCache(ttlMs = 1_000): TapeStatsCache {
  const entries = new Map<string, { atMs: number; stats: TapeStats }>();
  return {
    get(observations, symbol, venues, nowMs) {
      const key = `${symbol}|${venues.join(",")}`;
      const hit = entries.get(key);
      if (hit && nowMs - hit.atMs < ttlMs && nowMs >= hit.atMs) return hit.stats;
      const stats = estimateTapeFromObservations(observations, symbol, venues, nowMs);
      entries.set(key, { atMs: nowMs, stats });
      return stats;
    },
  };
}
