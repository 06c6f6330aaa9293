import { formatBps, formatPrice, formatSignedBps, formatUsdCents, priceDecimals } from "@/lib/format";
import { GlossaryTerm } from "@/components/ui/glossary-term";
import type { GlossaryTerm as Term } from "@/lib/execution-figures";

export interface OrderFiguresView {
  decision_mid: number | null;
  arrival_mid: number | null;
  realized_cost_bps: number | null;
  realized_cost_usd: number | null;
  fees_usd: number;
  forecast_p50_bps: number | null;
  vs_forecast_bps: number | null;
}

/**
 * One order's headline figures, laid out the same on Live and Review (and read the same
 * way by the e2e test): each labelled from the glossary, each value with a stable test id.
 */
export function OrderFiguresStrip({ figures, testId, final = true }: { figures: OrderFiguresView; testId: string; final?: boolean }) {
  // From the arrival mid, as the Summary's row does: the same price reads the same everywhere.
  const decimals = priceDecimals(figures.arrival_mid ?? figures.decision_mid ?? 1);
  const items: { term: Term; id: string; value: string }[] = [
    { term: "decision_mid", id: "decision-mid", value: formatPrice(figures.decision_mid, { decimals }) },
    { term: "arrival_mid", id: "arrival-mid", value: formatPrice(figures.arrival_mid, { decimals }) },
    { term: "realized_cost", id: "realized-bps", value: formatBps(figures.realized_cost_bps) },
    { term: "realized_cost", id: "realized-usd", value: formatUsdCents(figures.realized_cost_usd) },
    { term: "fees", id: "fees", value: formatUsdCents(figures.fees_usd) },
    { term: "forecast_p50", id: "forecast-p50", value: formatBps(figures.forecast_p50_bps) },
    { term: "vs_forecast", id: "vs-forecast", value: formatSignedBps(figures.vs_forecast_bps) },
  ];
  return (
    <dl className="num grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4 lg:grid-cols-7" data-testid={testId} data-final={String(final)}>
      {items.map((it) => (
        <div key={it.id} className="min-w-0">
          <dt className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">
            <GlossaryTerm term={it.term}>{it.id === "realized-usd" ? "Realized cost (USD)" : undefined}</GlossaryTerm>
          </dt>
          <dd className="font-semibold text-slate-900" data-testid={`figure-${it.id}`}>
            {it.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
