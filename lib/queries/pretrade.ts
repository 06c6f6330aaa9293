"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { VenueId } from "@/lib/contracts/common";
import {
  ForecastResponseSchema,
  SimulateResponseSchema,
  type ForecastResponse,
  type Side,
  type SimulateResponse,
  type Urgency,
} from "@/lib/contracts/pretrade";
import { apiFetch, isRetryable, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** A validated pre-trade order: `qty` in human units (10 = 10 ETH). */
export interface ForecastParams {
  symbol: string;
  side: Side;
  qty: number;
  excludeVenues: readonly VenueId[];
}

export interface SimulationParams extends ForecastParams {
  urgency: Urgency;
  passiveOnly: boolean;
  /** Drop strategies whose P50 cost is above this; null = no cap. */
  maxCostBps: number | null;
  seed: number;
  paths: number;
}

function pretradeQuery(p: ForecastParams): URLSearchParams {
  const q = new URLSearchParams({ symbol: p.symbol, side: p.side, qty: String(p.qty) });
  if (p.excludeVenues.length > 0) q.set("exclude_venues", p.excludeVenues.join(","));
  return q;
}

/** `/v1/execution/forecast?…` for these params. */
export function forecastPath(p: ForecastParams): string {
  return `/v1/execution/forecast?${pretradeQuery(p).toString()}`;
}

/** `/v1/execution/simulate?…` for these params. */
export function simulationPath(p: SimulationParams): string {
  const q = pretradeQuery(p);
  q.set("urgency", p.urgency);
  q.set("passive_only", p.passiveOnly ? "true" : "false");
  if (p.maxCostBps !== null) q.set("max_cost_bps", String(p.maxCostBps));
  q.set("seed", String(p.seed));
  q.set("paths", String(p.paths));
  return `/v1/execution/simulate?${q.toString()}`;
}

export interface ForecastOptions {
  /** Re-forecast period in ms while the page is visible (paused in background tabs), or false. */
  refetchInterval?: number | false;
}

/**
 * P50/P90 cost, fill confidence, capacity curve, landed-cost venue ranking and urgency
 * trade-off for an order (GET /v1/execution/forecast). Disabled while `params` is null
 * (e.g. the qty does not validate). Refreshes every 3 s by default so a trader watches
 * it move with the market; when the order changes the previous forecast stays on screen
 * (`isPlaceholderData`) until the new one arrives.
 */
export function useForecast(params: ForecastParams | null, options: ForecastOptions = {}) {
  return useQuery<ForecastResponse, ApiClientError>({
    queryKey: params ? queryKeys.forecast(params) : queryKeys.forecastAll,
    queryFn: ({ signal }) => {
      if (!params) throw new Error("useForecast: no params");
      return apiFetch(forecastPath(params), ForecastResponseSchema, { signal });
    },
    enabled: params !== null,
    // A 4xx (e.g. 422 for the order) will not change by asking again: stop polling until the order changes.
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : (options.refetchInterval ?? 3000)),
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/**
 * Aggressive vs passive vs split on simulated paths for an order
 * (GET /v1/execution/simulate). Runs when `params` becomes non-null and never on its
 * own afterwards (no polling, no refetch on focus): the page sets params on submit, and
 * calls `refetch()` to re-run the same order.
 */
export function useSimulation(params: SimulationParams | null) {
  return useQuery<SimulateResponse, ApiClientError>({
    queryKey: params ? queryKeys.simulation(params) : queryKeys.simulationAll,
    queryFn: ({ signal }) => {
      if (!params) throw new Error("useSimulation: no params");
      return apiFetch(simulationPath(params), SimulateResponseSchema, { signal });
    },
    enabled: params !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}
