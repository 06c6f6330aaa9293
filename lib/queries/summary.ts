"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { VenueId } from "@/lib/contracts/common";
import { SummaryResponseSchema, type SummaryResponse } from "@/lib/contracts/summary";
import { apiFetch, isRetryable, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** Desk summary filters (GET /v1/execution/summary query); dates are YYYY-MM-DD (UTC), inclusive. */
export interface SummaryFilters {
  startDate?: string | undefined;
  endDate?: string | undefined;
  symbol?: string | undefined;
  venue?: VenueId | undefined;
}

/** `/v1/execution/summary?…` for these filters; `csv` asks for the orders with their TCA as a CSV download. */
export function summaryPath(filters: SummaryFilters, format: "json" | "csv" = "json"): string {
  const q = new URLSearchParams();
  if (filters.startDate) q.set("start_date", filters.startDate);
  if (filters.endDate) q.set("end_date", filters.endDate);
  if (filters.symbol) q.set("symbol", filters.symbol);
  if (filters.venue) q.set("venue", filters.venue);
  if (format === "csv") q.set("format", "csv");
  const query = q.toString();
  return `/v1/execution/summary${query ? `?${query}` : ""}`;
}

/** The CSV download of the orders behind a summary, with the same filters (same-origin: the session cookie authenticates). */
export function summaryCsvUrl(filters: SummaryFilters): string {
  return summaryPath(filters, "csv");
}

export interface SummaryOptions {
  /** Refresh period in ms (default 15000), or false. */
  refetchInterval?: number | false;
  enabled?: boolean;
}

/**
 * The desk's roll-up over a date range (GET /v1/execution/summary): totals, slippage
 * percentiles, per venue / symbol / router version / day, and forecast calibration.
 * Refreshed every 15 s; changing the filters keeps the previous answer on screen
 * (`isPlaceholderData`) until the new one arrives. A 4xx stops the refreshing.
 */
export function useSummary(filters: SummaryFilters, options: SummaryOptions = {}) {
  return useQuery<SummaryResponse, ApiClientError>({
    queryKey: queryKeys.summary(filters),
    queryFn: ({ signal }) => apiFetch(summaryPath(filters), SummaryResponseSchema, { signal }),
    enabled: options.enabled ?? true,
    refetchInterval: (query) => (query.state.status === "error" && !isRetryable(query.state.error) ? false : (options.refetchInterval ?? 15_000)),
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
