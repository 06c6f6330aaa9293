"use client";

import type { VenueId } from "@/lib/contracts/common";
import type { Quote } from "@/lib/contracts/market";
import { formatAge, formatBps, formatPrice, formatQty } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { crossKind, quoteDecimals, venueRows, type VenueQuote } from "./market-math";
import { TH, TD } from "@/components/ui/table-cells";

/**
 * Each venue's top of book for one symbol. Cells at the NBBO are highlighted; stale or
 * down venues are flagged (they are excluded from the NBBO by the server).
 */
export function VenueQuotesTable({ quote, quoteFamily = new Map() }: { quote: Quote; quoteFamily?: ReadonlyMap<VenueId, string> }) {
  const cross = crossKind(quote, quoteFamily);
  const rows = venueRows(quote);
  const d = quoteDecimals(quote);
  return (
    <table className="num w-full border-collapse text-xs" data-testid="quotes-table" data-symbol={quote.symbol}>
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th className={cx(TH, "text-left")}>Venue</th>
          <th className={cx(TH, "text-right")}>Bid size</th>
          <th className={cx(TH, "text-right")}>Bid</th>
          <th className={cx(TH, "text-right")}>Ask</th>
          <th className={cx(TH, "text-right")}>Ask size</th>
          <th className={cx(TH, "text-right")} title="(ask − bid) / venue mid">
            Spread
          </th>
          <th className={cx(TH, "text-right")} title="Time since the venue's book last updated">
            Age
          </th>
          <th className={cx(TH, "text-left")}>Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const q = r.quote;
          const down = q.status === "down";
          return (
            <tr
              key={r.venue}
              data-testid={`quote-row-${r.venue}`}
              data-stale={q.stale || undefined}
              data-status={q.status}
              data-nbbo-bid={r.atBestBid || undefined}
              data-nbbo-ask={r.atBestAsk || undefined}
              className={cx(
                "border-b border-slate-100 last:border-b-0",
                q.stale && "bg-amber-50/70",
                down && "text-slate-400",
                (r.atBestBid || r.atBestAsk) && !q.stale && "shadow-[inset_3px_0_0_0_#0f172a]",
              )}
            >
              <td className={cx(TD, "font-medium text-slate-800", down && "text-slate-400")}>{r.venue}</td>
              <td className={cx(TD, "text-right text-slate-600")}>{formatQty(q.bid_size)}</td>
              <td className={cx(TD, "text-right text-emerald-700", r.atBestBid && "bg-emerald-50 font-semibold text-emerald-800")}>
                {r.atBestBid && <span className="mr-1 text-[9px] font-semibold tracking-wide text-emerald-600">NBBO</span>}
                {formatPrice(q.bid, { decimals: d })}
              </td>
              <td className={cx(TD, "text-right text-rose-700", r.atBestAsk && "bg-rose-50 font-semibold text-rose-800")}>
                {formatPrice(q.ask, { decimals: d })}
                {r.atBestAsk && <span className="ml-1 text-[9px] font-semibold tracking-wide text-rose-600">NBBO</span>}
              </td>
              <td className={cx(TD, "text-right text-slate-600")}>{formatQty(q.ask_size)}</td>
              <td className={cx(TD, "text-right text-slate-700")}>{formatBps(r.spreadBps, { unit: false })}</td>
              <td className={cx(TD, "text-right", q.stale ? "font-medium text-amber-700" : "text-slate-500")}>{formatAge(q.age_ms)}</td>
              <td className={TD}>
                <StatusBadges quote={q} />
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot className="border-t-2 border-slate-200 bg-slate-50 font-semibold">
        <tr data-testid="quote-row-nbbo">
          <td className={cx(TD, "text-slate-800")}>
            NBBO
            {cross === "crossed" && (
              <Badge tone="amber" title="Best bid ≥ best ask across venues (locked or crossed market)" className="ml-1.5">
                crossed
              </Badge>
            )}
            {cross === "quote_basis" && (
              <Badge tone="blue" title="Best bid ≥ best ask between a USDT-quoted and a USD-quoted book: the USDT/USD rate, not an arbitrage" className="ml-1.5">
                USDT/USD basis
              </Badge>
            )}
          </td>
          <td className={TD} />
          <td className={cx(TD, "text-right text-emerald-800")}>{formatPrice(quote.nbbo.bid, { decimals: d })}</td>
          <td className={cx(TD, "text-right text-rose-800")}>{formatPrice(quote.nbbo.ask, { decimals: d })}</td>
          <td className={TD} />
          <td className={cx(TD, "text-right text-slate-800")}>{formatBps(quote.nbbo.spread_bps, { unit: false })}</td>
          <td className={cx(TD, "text-left text-[11px] font-normal text-slate-500")} colSpan={2}>
            mid <span className="text-slate-700">{formatPrice(quote.nbbo.mid, { decimals: d })}</span>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function StatusBadges({ quote }: { quote: VenueQuote }) {
  return (
    <span className="flex items-center gap-1">
      {quote.status === "ok" && !quote.stale && <Badge tone="green">ok</Badge>}
      {quote.status === "degraded" && <Badge tone="amber">degraded</Badge>}
      {quote.status === "down" && <Badge tone="red">down</Badge>}
      {quote.stale && (
        <Badge tone="amber" title="Book older than the staleness limit; excluded from the NBBO">
          stale
        </Badge>
      )}
    </span>
  );
}
