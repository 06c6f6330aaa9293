"use client";

import type { Quote } from "@/lib/contracts/market";
import { formatBps, formatPrice } from "@/lib/format";
import { quoteDecimals, spotPerpBases } from "./market-math";

/**
 * Spot–perp basis per underlying, when the source quotes both instruments. Spot and perp
 * are separate instruments with separate books; the difference between their mids is the
 * perp's basis (funding expectations, margin currency), shown here rather than as a cross.
 */
export function BasisStrip({ quotes }: { quotes: readonly Quote[] }) {
  const rows = spotPerpBases(quotes);
  if (rows.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2" data-testid="basis-strip">
      {rows.map((r) => {
        const spotQuote = quotes.find((q) => q.symbol === r.spot);
        const d = spotQuote ? quoteDecimals(spotQuote) : 2;
        return (
          <div
            key={r.spot}
            className="flex items-baseline gap-3 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-xs shadow-sm"
            data-testid={`basis-${r.spot}`}
            title="Basis = (perp mid − spot mid) / spot mid, in bps; negative = perp below spot"
          >
            <span className="font-semibold text-slate-800">
              {r.perp} vs {r.spot}
            </span>
            <span className="text-slate-500">basis</span>
            <span className="num font-semibold text-slate-900" data-testid="basis-bps">
              {`${r.basisBps > 0 ? "+" : ""}${formatBps(r.basisBps)}`}
            </span>
            <span className="num text-slate-400">
              perp {formatPrice(r.perpMid, { decimals: d })} · spot {formatPrice(r.spotMid, { decimals: d })}
            </span>
          </div>
        );
      })}
    </div>
  );
}
