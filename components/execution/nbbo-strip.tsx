"use client";

import type { VenueId } from "@/lib/contracts/common";
import type { Quote } from "@/lib/contracts/market";
import { formatBps, formatPrice } from "@/lib/format";
import { cx } from "@/components/ui/cx";
import { Skeleton } from "@/components/ui/skeleton";
import { crossKind, quoteDecimals } from "./market-math";

/** One card per symbol: mid, NBBO bid/ask with the venues setting them, spread. Click to focus. */
export function NbboStrip({
  symbols,
  quotes,
  selected,
  onSelect,
  quoteFamily = new Map(),
}: {
  symbols: readonly string[];
  quotes: readonly Quote[];
  selected: string;
  onSelect: (symbol: string) => void;
  /** Each venue's quote family: a USDT/USD cross is the quote basis, not a crossed market. */
  quoteFamily?: ReadonlyMap<VenueId, string>;
}) {
  return (
    <div className="grid grid-cols-5 gap-2" data-testid="nbbo-strip">
      {symbols.map((symbol) => {
        const q = quotes.find((x) => x.symbol === symbol);
        return <NbboCard key={symbol} symbol={symbol} quote={q} selected={symbol === selected} onSelect={() => onSelect(symbol)} quoteFamily={quoteFamily} />;
      })}
    </div>
  );
}

function NbboCard({
  symbol,
  quote,
  selected,
  onSelect,
  quoteFamily,
}: {
  symbol: string;
  quote: Quote | undefined;
  selected: boolean;
  onSelect: () => void;
  quoteFamily: ReadonlyMap<VenueId, string>;
}) {
  const cross = quote ? crossKind(quote, quoteFamily) : "none";
  const venues = quote ? Object.values(quote.venues) : [];
  const live = venues.filter((v) => v && !v.stale && v.status !== "down").length;
  const d = quote ? quoteDecimals(quote) : 2;
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-pressed={selected}
      data-testid={`nbbo-${symbol}`}
      className={cx(
        "min-w-0 rounded-md border bg-white px-3 py-2 text-left shadow-sm transition-colors",
        selected ? "border-slate-900 ring-1 ring-slate-900" : "border-slate-200 hover:border-slate-400",
      )}
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-xs font-semibold tracking-wide text-slate-800">{symbol}</span>
        {quote && (
          <span className="flex items-center gap-1">
            {cross === "crossed" && (
              <span className="rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800" title="Best bid ≥ best ask across venues" data-testid="nbbo-crossed">
                CROSSED
              </span>
            )}
            {cross === "quote_basis" && (
              <span
                className="rounded bg-sky-100 px-1 text-[10px] font-semibold text-sky-800"
                title="Best bid ≥ best ask between a USDT-quoted and a USD-quoted book: the USDT/USD rate, not an arbitrage"
                data-testid="nbbo-quote-basis"
              >
                USDT/USD
              </span>
            )}
            <span className={cx("num text-[11px]", quote.nbbo.crossed ? "font-medium text-amber-700" : "text-slate-500")} title="NBBO spread">
              {formatBps(quote.nbbo.spread_bps)}
            </span>
          </span>
        )}
      </div>
      {quote ? (
        <>
          <div className="num mt-0.5 text-lg font-semibold leading-6 text-slate-900" title="NBBO mid" data-testid="nbbo-mid">
            {formatPrice(quote.nbbo.mid, { decimals: d })}
          </div>
          <div className="mt-1 grid grid-cols-2 gap-2 text-xs">
            <div className="min-w-0">
              <div className="num font-medium text-emerald-700" data-testid="nbbo-bid">
                {formatPrice(quote.nbbo.bid, { decimals: d })}
              </div>
              <div className="truncate text-[11px] text-slate-500">bid · {quote.nbbo.bid_venue}</div>
            </div>
            <div className="min-w-0 text-right">
              <div className="num font-medium text-rose-700" data-testid="nbbo-ask">
                {formatPrice(quote.nbbo.ask, { decimals: d })}
              </div>
              <div className="truncate text-[11px] text-slate-500">{quote.nbbo.ask_venue} · ask</div>
            </div>
          </div>
          <div className={cx("mt-1 text-[11px]", live < venues.length ? "text-amber-700" : "text-slate-400")}>
            {live}/{venues.length} venues live
          </div>
        </>
      ) : (
        <div className="mt-1 text-xs text-slate-400">No quote</div>
      )}
    </button>
  );
}

export function NbboStripSkeleton({ count = 5 }: { count?: number }) {
  return (
    <div className="grid grid-cols-5 gap-2" role="status" aria-label="Loading quotes">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-md border border-slate-200 bg-white px-3 py-2 shadow-sm">
          <Skeleton className="h-3 w-16" />
          <Skeleton className="mt-2 h-5 w-28" />
          <div className="mt-2 grid grid-cols-2 gap-2">
            <Skeleton className="h-3" />
            <Skeleton className="h-3" />
          </div>
          <Skeleton className="mt-2 h-2.5 w-20" />
        </div>
      ))}
    </div>
  );
}
