"use client";

import { useMarketUniverse } from "@/lib/queries/market-status";
import { useMemo } from "react";
import { isApiClientError } from "@/lib/queries/api-fetch";
import { queryKeys } from "@/lib/queries/keys";
import { useForecast } from "@/lib/queries/pretrade";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatBps, formatPrice, formatQty } from "@/lib/format";
import { CapacityChart } from "@/components/charts/capacity-chart";
import { FillConfidenceChart } from "@/components/charts/fill-confidence-chart";
import { LandedCostBars } from "@/components/charts/landed-cost-bars";
import { UrgencyChart } from "@/components/charts/urgency-chart";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { costForProbability, fillablePct, formatQtyFine } from "./forecast-math";
import { ForecastKpis, ForecastKpisSkeleton } from "./forecast-kpis";
import { UrgencyTable, VenueMix, VenueRankingTable } from "./forecast-venues";
import { OrderForm, useUrlFormState } from "./order-form";
import { baseAsset, fieldErrorsFrom, parseOrderForm, validateForecast } from "./order-form-state";

const REFRESH_MS = 3000;
const CHART_HEIGHT = 260;

function ChartSkeleton({ height = CHART_HEIGHT, label }: { height?: number; label: string }) {
  return (
    <div className="p-3" style={{ height }} role="status" aria-label={label}>
      <Skeleton className="h-full w-full" />
    </div>
  );
}

/**
 * Forecast: what this order will cost before it is sent, refreshed every few seconds while
 * the page is visible. The order lives in the URL (?symbol=&side=&qty=&exclude=).
 */
export function ForecastView() {
  const [form, setForm] = useUrlFormState(parseOrderForm);
  const universe = useMarketUniverse();
  const validated = useMemo(() => validateForecast(form, universe.venuesFor(form.symbol)), [form, universe]);
  const params = validated.ok ? validated.params : null;
  const scope = params ? queryKeys.forecast(params).join("|") : "invalid";

  const forecast = useForecast(params, { refetchInterval: REFRESH_MS });
  // With an invalid order nothing is requested; don't keep showing the previous order's answer.
  const data = params ? forecast.data : undefined;
  const current = data !== undefined && !forecast.isPlaceholderData;
  const error = useStickyError(params ? forecast.error : null, current, scope);
  const rejected = isApiClientError(error) && error.status === 422;
  const shown = rejected ? undefined : data;
  const errors = validated.ok ? (rejected ? fieldErrorsFrom(error.details) : {}) : validated.errors;
  const loading = params !== null && !shown && !error;
  const updating = forecast.isPlaceholderData && shown !== undefined;

  return (
    <div className="space-y-3" data-testid="forecast-page">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-slate-900">Forecast</h1>
          <span className="text-xs text-slate-500">pre-trade cost of the order · refreshes every {REFRESH_MS / 1000} s while visible</span>
        </div>
        {shown && (
          <span className="num text-xs text-slate-500" data-testid="forecast-order">
            <span className={cx("font-semibold uppercase", shown.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{shown.side}</span>{" "}
            <span className="font-medium text-slate-800">
              {formatQty(shown.qty)} {baseAsset(shown.symbol)}
            </span>{" "}
            · mid <span className="text-slate-700">{formatPrice(shown.mid)}</span>
            {updating && (
              <Badge tone="blue" className="ml-2" testId="forecast-updating">
                updating…
              </Badge>
            )}
          </span>
        )}
      </div>

      <OrderForm
        testId="forecast-form"
        value={form}
        onChange={setForm}
        errors={errors}
        referencePrice={shown?.symbol === form.symbol ? shown.mid : null}
      />

      {error && !rejected && (
        <ErrorState
          error={error}
          title={shown ? "The forecast is not updating — showing the last good one" : "Could not forecast this order"}
          onRetry={() => void forecast.refetch()}
          compact={Boolean(shown)}
          scope="forecast"
        />
      )}
      {rejected && (
        <ErrorState error={error} title="The order was rejected" compact scope="forecast" />
      )}

      {params === null ? (
        <Panel>
          <EmptyState title="Enter a valid order to see its forecast">Fix the highlighted field above; the forecast runs as soon as the order is valid.</EmptyState>
        </Panel>
      ) : shown ? (
        <div className={cx("space-y-3 transition-opacity", updating && "opacity-60")}>
          <ForecastWarnings forecast={shown} />
          <ForecastKpis forecast={shown} receivedAt={forecast.dataUpdatedAt} />
          <ForecastBody forecast={shown} />
        </div>
      ) : loading ? (
        <div className="space-y-3">
          <ForecastKpisSkeleton />
          <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
            <Panel title="Capacity curve">
              <ChartSkeleton label="Loading capacity curve" />
            </Panel>
            <Panel title="Fill confidence">
              <ChartSkeleton label="Loading fill confidence" />
            </Panel>
          </div>
          <Panel title="Venue ranking">
            <SkeletonRows rows={7} cols={9} label="Loading venue ranking" />
          </Panel>
        </div>
      ) : null}
    </div>
  );
}

function ForecastWarnings({ forecast }: { forecast: ForecastResponse }) {
  const f = forecast;
  if (f.complete && f.warnings.length === 0) return null;
  const base = baseAsset(f.symbol);
  const unfilled = Math.max(0, f.qty - f.fillable_qty);
  return (
    <div role="alert" data-testid="forecast-warnings" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
      {f.complete ? (
        <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">Warnings</p>
      ) : (
        <p className="text-sm" data-testid="forecast-incomplete">
          <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-amber-800">Order cannot complete now</span>
          <span className="num font-semibold">{formatQty(f.fillable_qty)}</span> of <span className="num font-semibold">{formatQty(f.qty)}</span> {base} fillable
          from the visible books ({fillablePct(f.fillable_qty, f.qty)}), <span className="num font-semibold">{formatQtyFine(unfilled)}</span> {base} left over;
          the costs below are for the fillable part.
        </p>
      )}
      {f.warnings.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
          {f.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ForecastBody({ forecast }: { forecast: ForecastResponse }) {
  const f = forecast;
  const base = baseAsset(f.symbol);
  const at50 = costForProbability(f.fill_confidence, 0.5);
  const at90 = costForProbability(f.fill_confidence, 0.9);
  const finalProbability = f.fill_confidence.at(-1)?.probability;
  return (
    <>
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <Panel title="Capacity curve" subtitle={`cost vs order size (${base}, log scale)`}>
          {f.capacity_curve.length === 0 ? (
            <EmptyState title="No capacity curve">The books are too thin to price any size.</EmptyState>
          ) : (
            <div className="px-2 pt-2 pb-1">
              <CapacityChart forecast={f} height={CHART_HEIGHT} />
            </div>
          )}
        </Panel>
        <Panel
          title="Fill confidence"
          subtitle={
            at90 !== null
              ? `50% within ${formatBps(at50)} · 90% within ${formatBps(at90)}`
              : finalProbability === 0
                ? "the visible books cannot complete the order"
                : finalProbability !== undefined
                  ? `at most ${(finalProbability * 100).toFixed(0)}% chance to complete`
                  : undefined
          }
        >
          {f.fill_confidence.length === 0 ? (
            <EmptyState title="No fill-confidence curve" />
          ) : (
            <div className="px-2 pt-2">
              <FillConfidenceChart forecast={f} height={CHART_HEIGHT} />
            </div>
          )}
        </Panel>
      </div>

      <div className="grid grid-cols-1 items-start gap-3 2xl:grid-cols-[minmax(0,1.35fr)_minmax(0,1fr)]">
        <Panel title="Venue ranking" subtitle="landed cost for the whole order at each venue, bps vs mid" testId="venue-ranking">
          {f.venues.length === 0 ? (
            <EmptyState title="No venue can price this order" />
          ) : (
            <div className="overflow-x-auto">
              <VenueRankingTable forecast={f} />
            </div>
          )}
        </Panel>
        <Panel title="Landed cost breakdown" subtitle="parts stacked by sign from zero">
          {f.venues.length === 0 ? (
            <EmptyState title="No venues to break down" />
          ) : (
            <div className="p-3">
              <LandedCostBars venues={f.venues} />
            </div>
          )}
        </Panel>
      </div>

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Panel title="Urgency trade-off" subtitle="expected cost vs risk when trading more slowly">
          {f.urgency_tradeoff.length === 0 ? (
            <EmptyState title="No urgency trade-off" />
          ) : (
            <div className="grid grid-cols-1 2xl:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]">
              <div className="px-2 pt-2 pb-1">
                <UrgencyChart points={f.urgency_tradeoff} />
              </div>
              <div className="overflow-x-auto border-t border-slate-100 2xl:border-t-0 2xl:border-l">
                <UrgencyTable points={f.urgency_tradeoff} nowCostBps={f.expected_cost_bps} />
              </div>
            </div>
          )}
        </Panel>
        <Panel title="Venue mix" subtitle="expected split of the order">
          <VenueMix mix={f.venue_mix} />
        </Panel>
      </div>
    </>
  );
}
