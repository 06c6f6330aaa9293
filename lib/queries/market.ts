"use client";

import { useQuery } from "@tanstack/react-query";
import { DEFAULT_BANDS_BPS, DepthResponseSchema, QuotesResponseSchema, type DepthResponse, type QuotesResponse } from "@/lib/contracts/market";
import { apiFetch, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

export interface PollOptions {
  /** Poll period in ms, or false to fetch once. */
  refetchInterval?: number | false;
  enabled?: boolean;
}

function list(values: readonly (string | number)[]): string {
  return values.map((v) => encodeURIComponent(String(v))).join(",");
}

/** NBBO and per-venue top of book for `symbols` (GET /v1/quotes), polled every second by default. */
export function useQuotes(symbols: readonly string[], options: PollOptions = {}) {
  return useQuery<QuotesResponse, ApiClientError>({
    queryKey: queryKeys.quotes(symbols),
    queryFn: ({ signal }) => apiFetch(`/v1/quotes?symbols=${list(symbols)}`, QuotesResponseSchema, { signal }),
    enabled: (options.enabled ?? true) && symbols.length > 0,
    refetchInterval: options.refetchInterval ?? 1000,
    staleTime: 0,
  });
}

/** Bid/ask quantity and notional within each bps band of mid (GET /v1/intelligence/depth). */
export function useDepth(symbol: string, bands: readonly number[] = DEFAULT_BANDS_BPS, options: PollOptions = {}) {
  return useQuery<DepthResponse, ApiClientError>({
    queryKey: queryKeys.depth(symbol, bands),
    queryFn: ({ signal }) =>
      apiFetch(`/v1/intelligence/depth?symbol=${encodeURIComponent(symbol)}&bands=${list(bands)}`, DepthResponseSchema, { signal }),
    enabled: (options.enabled ?? true) && symbol.length > 0 && bands.length > 0,
    refetchInterval: options.refetchInterval ?? 2000,
    staleTime: 0,
  });
}
