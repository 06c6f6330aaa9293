"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { DEFAULT_SYMBOLS, SPOT_VENUES, type VenueId } from "@/lib/contracts/common";
import { MarketStatusResponseSchema, type MarketStatusResponse } from "@/lib/contracts/market-status";
import { apiFetch, type ApiClientError } from "./api-fetch";
import { queryKeys } from "./keys";

/** Running market source, feed states and book ages (GET /v1/market), polled every 2 s. */
export function useMarketStatus(options: { refetchInterval?: number | false } = {}) {
  return useQuery<MarketStatusResponse, ApiClientError>({
    queryKey: queryKeys.marketStatus,
    queryFn: ({ signal }) => apiFetch("/v1/market", MarketStatusResponseSchema, { signal }),
    refetchInterval: options.refetchInterval ?? 2000,
    staleTime: 1000,
  });
}

export interface MarketUniverse {
  /** False until the first status arrives (the lists are then the defaults). */
  known: boolean;
  symbols: readonly string[];
  venuesFor(symbol: string): readonly VenueId[];
  /** Each venue's quote family (USD, USDT): books of one instrument in different families differ by the USDT/USD rate. */
  quoteFamily: ReadonlyMap<VenueId, string>;
}

/**
 * What the running source can trade: a replay of Binance recordings serves BTC-USD (spot)
 * and BTC-USD-PERP (USD-M and COIN-M), the simulated market five spot symbols on seven venues. Forms offer only these.
 */
export function useMarketUniverse(): MarketUniverse {
  const status = useMarketStatus();
  // Stable while the status data is (react-query keeps structurally equal data identical).
  return useMemo(() => universeOf(status.data), [status.data]);
}

export function universeOf(status: MarketStatusResponse | undefined): MarketUniverse {
  if (!status) return { known: false, symbols: DEFAULT_SYMBOLS, venuesFor: () => SPOT_VENUES, quoteFamily: new Map() };
  const bySymbol = new Map<string, VenueId[]>();
  for (const v of status.venues) {
    for (const b of v.books) bySymbol.set(b.symbol, [...(bySymbol.get(b.symbol) ?? []), v.venue]);
  }
  const allVenues = status.venues.map((v) => v.venue);
  return {
    known: true,
    symbols: status.symbols,
    // Books are listed for running symbols only; a symbol not yet started lists every venue of the source.
    venuesFor: (symbol) => bySymbol.get(symbol) ?? allVenues,
    quoteFamily: new Map(status.venues.map((v) => [v.venue, v.quote])),
  };
}
