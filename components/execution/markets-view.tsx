"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { useQuotes } from "@/lib/queries/market";
import { useMarketUniverse } from "@/lib/queries/market-status";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { BasisStrip } from "./basis-strip";
import { DepthByVenuePanel, DepthChartPanel } from "./depth-panel";
import { MarketFeedsPanel } from "./market-feeds-panel";
import { NbboStrip, NbboStripSkeleton } from "./nbbo-strip";
import { Freshness, SourceBadge } from "./source-badge";
import { SymbolSelector } from "./symbol-selector";
import { VenueQuotesTable } from "./venue-quotes-table";

/** The selected symbol lives in the URL (?symbol=ETH-USD) so views can be linked and reloaded. */
function useSelectedSymbol(symbols: readonly string[]): [string, (symbol: string) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get("symbol")?.toUpperCase();
  const first = symbols[0] ?? "BTC-USD";
  const symbol = raw && symbols.includes(raw) ? raw : first;
  const select = useCallback(
    (next: string) => router.replace(next === first ? pathname : `${pathname}?symbol=${encodeURIComponent(next)}`, { scroll: false }),
    [router, pathname, first],
  );
  return [symbol, select];
}

/**
 * Markets: NBBO for every instrument (1 s polling), the spot–perp basis where both are
 * quoted, and for the selected instrument each venue's top of book and the depth within bps
 * bands of mid.
 */
export function MarketsView() {
  const universe = useMarketUniverse();
  // The running source decides the symbols (a replay serves only what its files hold).
  const SYMBOLS = universe.symbols;
  const [symbol, select] = useSelectedSymbol(SYMBOLS);
  const quotes = useQuotes(SYMBOLS, { refetchInterval: 1000, enabled: universe.known });
  const selected = quotes.data?.quotes.find((q) => q.symbol === symbol);
  const error = useStickyError(quotes.error, quotes.data !== undefined);
  const loading = !quotes.data && !error;

  return (
    <div className="space-y-3" data-testid="markets-page">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-4">
          <h1 className="text-lg font-semibold text-slate-900">Markets</h1>
          <SymbolSelector symbols={SYMBOLS} value={symbol} onChange={select} />
        </div>
        {selected && (
          <div className="flex items-center gap-3">
            <SourceBadge source={selected.source} />
            <Freshness asOfNs={selected.as_of_ns} receivedAt={quotes.dataUpdatedAt} />
          </div>
        )}
      </div>

      {error && (
        <ErrorState
          error={error}
          title={quotes.data ? "Quotes are not updating — showing the last good data" : "Could not load quotes"}
          onRetry={() => void quotes.refetch()}
          compact={Boolean(quotes.data)}
          scope="quotes"
        />
      )}

      {quotes.data ? (
        quotes.data.quotes.length === 0 ? (
          <Panel>
            <EmptyState title="No quotes available">
              The market source returned no books for {SYMBOLS.join(", ")}. Quotes appear here as soon as a venue publishes a book.
            </EmptyState>
          </Panel>
        ) : (
          <>
            <NbboStrip symbols={SYMBOLS} quotes={quotes.data.quotes} selected={symbol} onSelect={select} quoteFamily={universe.quoteFamily} />
            <BasisStrip quotes={quotes.data.quotes} />
          </>
        )
      ) : loading ? (
        <NbboStripSkeleton count={SYMBOLS.length} />
      ) : null}

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,27rem)]">
        <Panel title={`${symbol} venue quotes`} subtitle="top of book · NBBO highlighted">
          {selected ? (
            Object.keys(selected.venues).length === 0 ? (
              <EmptyState title={`No venue is quoting ${symbol}`} />
            ) : (
              <VenueQuotesTable quote={selected} quoteFamily={universe.quoteFamily} />
            )
          ) : loading ? (
            <SkeletonRows rows={7} cols={8} label="Loading venue quotes" />
          ) : quotes.data ? (
            <EmptyState title={`No quote for ${symbol}`}>The quotes response did not include this symbol.</EmptyState>
          ) : (
            <EmptyState title="Venue quotes unavailable">See the error above.</EmptyState>
          )}
        </Panel>
        <DepthChartPanel symbol={symbol} />
      </div>

      <DepthByVenuePanel symbol={symbol} />
      <MarketFeedsPanel />
    </div>
  );
}
