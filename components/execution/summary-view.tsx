"use client";

import { KpiCard } from "@/components/ui/kpi-card";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useId, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { DEFAULT_SYMBOLS, VENUES, type VenueId } from "@/lib/contracts/common";
import type { SummaryResponse } from "@/lib/contracts/summary";
import { summaryCsvUrl, useSummary, type SummaryFilters } from "@/lib/queries/summary";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import Link from "next/link";
import { formatBps, formatPrice, formatSignedBps, formatUsdCents, formatUsdCompact, priceDecimals } from "@/lib/format";
import { GlossaryTerm } from "@/components/ui/glossary-term";
import { CalibrationChart } from "@/components/charts/calibration-chart";
import { SlippagePercentileChart } from "@/components/charts/slippage-percentile-chart";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { costTone } from "./live-math";
import { SummaryCalibrationPanel } from "./summary-calibration-panel";
import { CALIBRATION_TARGET, calibrationVerdict, formatShare, percentileBars, rangeDays, rangeError, todayUtc } from "./summary-math";
import { TH, TD } from "@/components/ui/table-cells";
import { TONE_TEXT } from "./review-math";

const FIELD = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-700 shadow-sm focus:border-slate-500 focus:outline-none aria-[invalid=true]:border-rose-400";
const noSubscribe = () => () => {};

function costCell(bps: number | null) {
  return <span className={TONE_TEXT[costTone(bps)]}>{formatBps(bps, { unit: false })}</span>;
}

/**
 * Summary: the desk's execution quality over a date range (UTC days, the last 7 by
 * default: what a desk lead reviews), optionally for one symbol or venue — KPIs, slippage
 * percentiles, per-venue / per-symbol / per-router-version tables, forecast calibration,
 * and the orders behind it all as CSV. The filters live in the URL under the API's own
 * names (?start_date=&end_date=&symbol=&venue=), so a view can be linked and reloaded.
 */
const DEFAULT_DAYS = 7;

function defaultStart(today: string): string {
  return todayUtc(Date.parse(`${today}T00:00:00Z`) - (DEFAULT_DAYS - 1) * 86_400_000);
}

interface SummaryParams {
  start_date?: string | undefined;
  end_date?: string | undefined;
  symbol?: string | undefined;
  venue?: VenueId | undefined;
}

/** The filters from the URL; a patch rewrites it in place (no navigation, no refetch of the page). */
function useSummaryParams(): [SummaryParams, (patch: Partial<Record<keyof SummaryParams, string>>) => void] {
  const search = useSearchParams();
  const pathname = usePathname();
  const query = search.toString();
  const params = useMemo(() => {
    const q = new URLSearchParams(query);
    const venue = q.get("venue") ?? undefined;
    return {
      start_date: q.get("start_date") ?? undefined,
      end_date: q.get("end_date") ?? undefined,
      symbol: q.get("symbol")?.toUpperCase() || undefined,
      venue: venue && (VENUES as readonly string[]).includes(venue) ? (venue as VenueId) : undefined,
    };
  }, [query]);
  const update = useCallback(
    (patch: Partial<Record<keyof SummaryParams, string>>) => {
      // Read the live URL, not the render's: two patches in one handler must both land.
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      const q = next.toString();
      window.history.replaceState(null, "", q ? `${pathname}?${q}` : pathname);
    },
    [pathname],
  );
  return [params, update];
}

export function SummaryView() {
  // Today is the browser's UTC date, read after hydration (the page is prerendered).
  const today = useSyncExternalStore(noSubscribe, () => todayUtc(), () => null);
  const [params, setParams] = useSummaryParams();
  const startInput = params.start_date;
  const endInput = params.end_date;
  const symbol = params.symbol ?? "";
  const venue = params.venue ?? "";
  const setStart = (v: string) => setParams({ start_date: v });
  const setEnd = (v: string) => setParams({ end_date: v });
  const setSymbol = (v: string) => setParams({ symbol: v });
  const setVenue = (v: VenueId | "") => setParams({ venue: v });
  const start = startInput ?? (today ? defaultStart(today) : "");
  const end = endInput ?? today ?? "";
  const invalid = today === null ? null : rangeError(start, end);
  // An invalid range keeps asking for the last valid one (and says why the new one was not used).
  const [lastValid, setLastValid] = useState<{ start: string; end: string } | null>(null);
  if (today !== null && !invalid && (lastValid?.start !== start || lastValid.end !== end)) setLastValid({ start, end });
  const range = invalid ? lastValid : today === null ? null : { start, end };
  const filters: SummaryFilters = { startDate: range?.start, endDate: range?.end, symbol: symbol || undefined, venue: venue || undefined };
  const scope = `${filters.startDate}|${filters.endDate}|${filters.symbol ?? ""}|${filters.venue ?? ""}`;
  const summary = useSummary(filters, { enabled: range !== null });
  const data = summary.data;
  const error = useStickyError(summary.error, data !== undefined, scope);
  const ids = { start: useId(), end: useId(), symbol: useId(), venue: useId() };

  return (
    <div className="space-y-3" data-testid="summary-page">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-slate-900">Summary</h1>
          <span className="text-xs text-slate-500">the desk&apos;s execution quality over a date range · UTC days · refreshes every 15 s</span>
          {data?.scope === "own_orders" && (
            <Badge tone="amber" title="The desk restricts traders to their own orders">
              your orders only
            </Badge>
          )}
        </div>
      </div>

      <form
        onSubmit={(e) => e.preventDefault()}
        className="flex flex-wrap items-end gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2 shadow-sm"
        data-testid="summary-filters"
      >
        <label htmlFor={ids.start} className="flex flex-col gap-0.5 text-[10px] font-semibold uppercase tracking-wider text-slate-500">
          From
          <input id={ids.start} type="date" value={start} max={end || undefined} onChange={(e) => setStart(e.target.value)} className={FIELD} aria-invalid={Boolean(invalid)} data-testid="summary-start" />
        </label>
        <label htmlFor={ids.end} className="flex flex-col gap-0.5 text-[10px] font-semibold uppercase tracking-wider text-slate-500">
          To
          <input id={ids.end} type="date" value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} className={FIELD} aria-invalid={Boolean(invalid)} data-testid="summary-end" />
        </label>
        <label htmlFor={ids.symbol} className="flex flex-col gap-0.5 text-[10px] font-semibold uppercase tracking-wider text-slate-500">
          Symbol
          <select id={ids.symbol} value={symbol} onChange={(e) => setSymbol(e.target.value)} className={FIELD} data-testid="summary-symbol">
            <option value="">All</option>
            {DEFAULT_SYMBOLS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.venue} className="flex flex-col gap-0.5 text-[10px] font-semibold uppercase tracking-wider text-slate-500">
          Venue
          <select id={ids.venue} value={venue} onChange={(e) => setVenue(e.target.value as VenueId | "")} className={FIELD} data-testid="summary-venue">
            <option value="">All</option>
            {VENUES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-1 pb-px">
          {[
            ["Today", 1],
            ["7 days", 7],
            ["30 days", 30],
          ].map(([label, days]) => (
            <button
              key={label}
              type="button"
              onClick={() => {
                const now = todayUtc();
                setParams({ end_date: now, start_date: todayUtc(Date.parse(`${now}T00:00:00Z`) - (Number(days) - 1) * 86_400_000) });
              }}
              className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[11px] font-medium text-slate-600 hover:bg-slate-50"
            >
              {label}
            </button>
          ))}
        </div>
        <a
          href={range ? summaryCsvUrl(filters) : undefined}
          download
          data-testid="csv-download"
          className="ml-auto rounded border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          title="The orders in this range with their TCA, as CSV"
        >
          Download CSV ↓
        </a>
        {invalid && (
          <p role="alert" className="basis-full text-xs text-rose-700" data-testid="summary-range-error">
            {invalid}{range ? ` — showing ${range.start} … ${range.end}` : ""}.
          </p>
        )}
      </form>

      {error && (
        <ErrorState
          error={error}
          title={data ? "The summary is not updating — showing the last good one" : "Could not load the summary"}
          onRetry={() => void summary.refetch()}
          compact={Boolean(data)}
          scope="summary"
        />
      )}

      {data ? (
        <div className={cx("space-y-3 transition-opacity", summary.isPlaceholderData && "opacity-60")} data-testid="summary-body" data-orders={data.totals.orders}>
          <SummaryBody summary={data} />
        </div>
      ) : error ? null : (
        <SummarySkeleton />
      )}
    </div>
  );
}

function SummarySkeleton() {
  return (
    <div className="space-y-3" role="status" aria-label="Loading summary">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
      <Skeleton className="h-48" />
    </div>
  );
}

function SummaryBody({ summary: s }: { summary: SummaryResponse }) {
  const t = s.totals;
  const days = rangeDays(s.start_date, s.end_date);
  const verdict = calibrationVerdict(s.calibration);
  const slip = s.slippage_bps;
  const bars = percentileBars(slip);
  return (
    <>
      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6" data-testid="summary-kpis">
        <KpiCard truncateSub label="Orders" sub={`${t.completed_orders} completed · ${s.start_date === s.end_date ? s.start_date : `${days ?? "?"} days`}`} testId="kpi-orders">
          {t.orders.toLocaleString("en-US")}
        </KpiCard>
        <KpiCard truncateSub label="Filled notional" sub={`${t.fills.toLocaleString("en-US")} fill${t.fills === 1 ? "" : "s"}`} testId="kpi-notional">
          {formatUsdCompact(t.filled_notional_usd)}
        </KpiCard>
        <KpiCard truncateSub label="Fill rate" sub="filled qty / ordered qty" testId="kpi-fill-rate">
          {formatShare(t.fill_rate)}
        </KpiCard>
        <KpiCard truncateSub label="Slippage P50" sub="vs arrival, fees incl." testId="kpi-p50">
          <span className={TONE_TEXT[costTone(slip?.p50 ?? null)]}>{formatBps(slip?.p50)}</span>
        </KpiCard>
        <KpiCard truncateSub label="Slippage P90" sub={`mean ${formatBps(slip?.notional_weighted_mean)} (notional-wtd)`} testId="kpi-p90">
          <span className={TONE_TEXT[costTone(slip?.p90 ?? null)]}>{formatBps(slip?.p90)}</span>
        </KpiCard>
        <KpiCard truncateSub label="Within forecast P90" sub={`${s.calibration.observations} obs. · target ${formatShare(CALIBRATION_TARGET, 0)}`} tone={verdict.tone === "neutral" ? "neutral" : verdict.tone} testId="kpi-calibration">
          {formatShare(s.calibration.within_p90_share)}
        </KpiCard>
      </div>

      {t.orders === 0 ? (
        <Panel>
          <EmptyState title="No orders in this range">
            Nothing was placed {s.start_date === s.end_date ? `on ${s.start_date}` : `between ${s.start_date} and ${s.end_date}`}
            {s.filters.symbol ? ` for ${s.filters.symbol}` : ""}
            {s.filters.venue ? ` on ${s.filters.venue}` : ""}. Widen the dates or clear the filters.
          </EmptyState>
        </Panel>
      ) : (
        <>
          <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]">
            <Panel title="Slippage percentiles" subtitle="realized cost (all-in) vs arrival mid per order · positive = cost" testId="percentile-chart">
              {bars.length === 0 ? (
                <EmptyState title="No fills to measure yet" />
              ) : (
                <div className="px-2 pt-2 pb-1">
                  <SlippagePercentileChart bars={bars} mean={slip?.notional_weighted_mean ?? null} height={240} />
                </div>
              )}
            </Panel>
            <Panel title="Calibration" subtitle="realized cost within the forecast P90" testId="calibration-chart">
              <div className="px-2 pt-2">
                <CalibrationChart share={s.calibration.within_p90_share} target={CALIBRATION_TARGET} tone={verdict.tone} />
              </div>
              <p className="flex flex-wrap items-center gap-2 px-3 pb-3 text-xs text-slate-600">
                <Badge tone={verdict.tone}>{verdict.text}</Badge>
                <span className="num">
                  {formatShare(s.calibration.within_p90_share)} of {s.calibration.observations} order{s.calibration.observations === 1 ? "" : "s"} · target {formatShare(CALIBRATION_TARGET, 0)}
                </span>
              </p>
            </Panel>
          </div>

          <SummaryCalibrationPanel />

          <VenueTable rows={s.per_venue} />

          <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-2">
            <SymbolTable rows={s.per_symbol} />
            <RouterTable rows={s.per_router_version} />
          </div>

          {s.by_day.length > 1 && <DayTable rows={s.by_day} />}

          <RecentOrdersTable rows={s.recent_orders} />
        </>
      )}
    </>
  );
}

/** One row per order, the figures and definitions Live and Review show (lib/execution-figures.ts). */
function RecentOrdersTable({ rows }: { rows: SummaryResponse["recent_orders"] }) {
  return (
    <Panel title="Recent orders" subtitle={`newest ${rows.length} in range · all of them in the CSV`} testId="recent-orders">
      <div className="max-h-96 overflow-auto">
        <table className="num w-full border-collapse text-xs">
          <thead className="sticky top-0 border-b border-slate-200 bg-slate-50">
            <tr>
              <th className={cx(TH, "text-left")}>Order</th>
              <th className={cx(TH, "text-left")}>Symbol</th>
              <th className={cx(TH, "text-right")}><GlossaryTerm term="arrival_mid" /></th>
              <th className={cx(TH, "text-right")}><GlossaryTerm term="realized_cost" /></th>
              <th className={cx(TH, "text-right")}><GlossaryTerm term="realized_cost">Realized (USD)</GlossaryTerm></th>
              <th className={cx(TH, "text-right")}><GlossaryTerm term="fees" /></th>
              <th className={cx(TH, "text-right")}><GlossaryTerm term="vs_forecast" /></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.order_id} data-testid={`recent-order-${r.node_order_id}`}>
                <td className={cx(TD, "text-left")}>
                  <Link className="text-sky-700 hover:underline" href={`/review/${r.node_order_id}`}>{r.node_order_id}</Link>
                </td>
                <td className={cx(TD, "text-left")}>{r.symbol} {r.side}</td>
                <td className={cx(TD, "text-right")} data-testid="figure-arrival-mid">{formatPrice(r.arrival_mid, { decimals: priceDecimals(r.arrival_mid ?? 1) })}</td>
                <td className={cx(TD, "text-right")} data-testid="figure-realized-bps">{formatBps(r.realized_cost_bps)}</td>
                <td className={cx(TD, "text-right")} data-testid="figure-realized-usd">{formatUsdCents(r.realized_cost_usd)}</td>
                <td className={cx(TD, "text-right")} data-testid="figure-fees">{formatUsdCents(r.fees_usd)}</td>
                <td className={cx(TD, "text-right")} data-testid="figure-vs-forecast">{formatSignedBps(r.vs_forecast_bps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function VenueTable({ rows }: { rows: SummaryResponse["per_venue"] }) {
  return (
    <Panel title="By venue" subtitle="child orders routed to each venue" testId="venue-table">
      {rows.length === 0 ? (
        <EmptyState title="No venue activity in range" />
      ) : (
        <div className="overflow-x-auto">
          <table className="num w-full border-collapse text-xs">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={cx(TH, "text-left")}>Venue</th>
                <th className={cx(TH, "text-right")}>Fills</th>
                <th className={cx(TH, "text-right")}>Notional</th>
                <th className={cx(TH, "text-right")}>Fill rate</th>
                <th className={cx(TH, "text-right")}>Reject rate</th>
                <th className={cx(TH, "text-right")}>Ack p50</th>
                <th className={cx(TH, "text-right")}>Ack p99</th>
                <th className={cx(TH, "text-right")} title="average cost vs arrival, bps; positive = cost">
                  Avg cost (bps)
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.venue} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50/70" data-venue={v.venue}>
                  <td className={cx(TD, "font-medium text-slate-800")}>
                    <span aria-hidden className="mr-1.5 inline-block size-2 rounded-full" style={{ background: VENUE_COLORS[v.venue] }} />
                    {v.venue}
                  </td>
                  <td className={cx(TD, "text-right text-slate-800")}>{v.fills.toLocaleString("en-US")}</td>
                  <td className={cx(TD, "text-right text-slate-800")}>{formatUsdCompact(v.notional_usd)}</td>
                  <td className={cx(TD, "text-right text-slate-800")}>{formatShare(v.fill_rate)}</td>
                  <td className={cx(TD, "text-right", v.reject_rate >= 0.05 ? "text-rose-700" : "text-slate-800")}>{formatShare(v.reject_rate)}</td>
                  <td className={cx(TD, "text-right text-slate-700")}>{v.ack_latency_p50_ms === null ? "—" : `${v.ack_latency_p50_ms.toFixed(0)} ms`}</td>
                  <td className={cx(TD, "text-right text-slate-700")}>{v.ack_latency_p99_ms === null ? "—" : `${v.ack_latency_p99_ms.toFixed(0)} ms`}</td>
                  <td className={cx(TD, "text-right font-medium")}>{costCell(v.avg_cost_bps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

interface CostGroupRow {
  key: string;
  label: ReactNode;
  orders: number;
  notional_usd: number;
  /** Shown only when the table has a fill-rate column. */
  fill_rate?: number;
  avg_cost_bps: number | null;
}

/** One group per row (symbol, router version, day): orders, notional, optional fill rate, average cost. */
function CostGroupTable({
  title,
  subtitle,
  testId,
  keyHeader,
  empty,
  rows,
  withFillRate = false,
  scroll = false,
}: {
  title: string;
  subtitle?: string;
  testId: string;
  keyHeader: string;
  empty: string;
  rows: readonly CostGroupRow[];
  withFillRate?: boolean;
  /** A long list scrolls inside the panel under a sticky header. */
  scroll?: boolean;
}) {
  const table = (
    <table className="num w-full border-collapse text-xs">
      <thead className={cx("border-b border-slate-200 bg-slate-50", scroll && "sticky top-0")}>
        <tr>
          <th className={cx(TH, "text-left")}>{keyHeader}</th>
          <th className={cx(TH, "text-right")}>Orders</th>
          <th className={cx(TH, "text-right")}>Notional</th>
          {withFillRate && <th className={cx(TH, "text-right")}>Fill rate</th>}
          <th className={cx(TH, "text-right")}>Avg cost (bps)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50/70" data-key={r.key}>
            <td className={cx(TD, "font-medium text-slate-800")}>{r.label}</td>
            <td className={cx(TD, "text-right text-slate-800")}>{r.orders.toLocaleString("en-US")}</td>
            <td className={cx(TD, "text-right text-slate-800")}>{formatUsdCompact(r.notional_usd)}</td>
            {withFillRate && <td className={cx(TD, "text-right text-slate-800")}>{formatShare(r.fill_rate)}</td>}
            <td className={cx(TD, "text-right font-medium")}>{costCell(r.avg_cost_bps)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Panel title={title} subtitle={subtitle} testId={testId}>
      {rows.length === 0 ? <EmptyState title={empty} /> : scroll ? <div className="max-h-72 overflow-auto">{table}</div> : table}
    </Panel>
  );
}

function SymbolTable({ rows }: { rows: SummaryResponse["per_symbol"] }) {
  return (
    <CostGroupTable
      title="By symbol"
      testId="symbol-table"
      keyHeader="Symbol"
      empty="No symbols in range"
      withFillRate
      rows={rows.map((r) => ({ ...r, key: r.symbol, label: r.symbol }))}
    />
  );
}

function RouterTable({ rows }: { rows: SummaryResponse["per_router_version"] }) {
  return (
    <CostGroupTable
      title="By router version"
      testId="router-table"
      keyHeader="Router"
      empty="No routed orders in range"
      rows={rows.map((r) => ({ ...r, key: r.router_version, label: <Badge>{r.router_version}</Badge> }))}
    />
  );
}

function DayTable({ rows }: { rows: SummaryResponse["by_day"] }) {
  return (
    <CostGroupTable
      title="By day"
      subtitle="UTC"
      testId="day-table"
      keyHeader="Date"
      empty="No orders in range"
      scroll
      rows={rows.map((r) => ({ ...r, key: r.date, label: r.date }))}
    />
  );
}
