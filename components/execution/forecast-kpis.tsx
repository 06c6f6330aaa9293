"use client";

import type { ReactNode } from "react";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { formatAge, formatBps, formatQty, formatUsd } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { KpiCard } from "@/components/ui/kpi-card";
import { Skeleton } from "@/components/ui/skeleton";
import { fillablePct } from "./forecast-math";
import { baseAsset } from "./order-form-state";
import { Freshness, SourceBadge } from "./source-badge";

/** A KPI card whose value comes as a prop, so the card's own content (children) can follow it. */
function Kpi({
  label,
  value,
  sub,
  tone = "neutral",
  testId,
  title,
  children,
}: {
  label: ReactNode;
  value?: ReactNode;
  sub?: ReactNode;
  tone?: "neutral" | "amber" | "red";
  testId: string;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <KpiCard label={label} sub={sub} tone={tone} testId={testId} title={title} footer={children}>
      {value}
    </KpiCard>
  );
}

function usdCost(usd: number): string {
  // A negative cost is a gain (e.g. selling into a bid above mid).
  return usd < 0 ? `${formatUsd(-usd)} gain` : formatUsd(usd);
}

/**
 * Headline numbers of a forecast: P50 and P90 cost (bps and USD), how much of the order the
 * visible books fill, the expected horizon, the model and the data behind it.
 */
export function ForecastKpis({ forecast, receivedAt }: { forecast: ForecastResponse; receivedAt: number }) {
  const f = forecast;
  const base = baseAsset(f.symbol);
  const cal = f.calibration;
  return (
    <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-[repeat(5,minmax(0,1fr))_minmax(0,1.35fr)]" data-testid="forecast-kpis">
      <Kpi
        testId="kpi-p50"
        label="P50 expected cost"
        value={<span data-testid="kpi-p50-bps">{formatBps(f.expected_cost_bps)}</span>}
        sub={
          <>
            <span className="font-medium text-slate-700" data-testid="kpi-p50-usd">
              {usdCost(f.expected_cost_usd)}
            </span>{" "}
            · √-impact check {formatBps(f.impact_cross_check.sqrt_impact_bps)}
          </>
        }
        title={`All-in cost vs arrival mid, median outcome. Cross-check: ${f.impact_cross_check.model}`}
      />
      <Kpi
        testId="kpi-p90"
        label="P90 downside cost"
        value={
          <span className="text-amber-700" data-testid="kpi-p90-bps">
            {formatBps(f.downside_cost_bps)}
          </span>
        }
        sub={
          <>
            <span className="font-medium text-slate-700" data-testid="kpi-p90-usd">
              {usdCost(f.downside_cost_usd)}
            </span>{" "}
            · +{formatBps(f.downside_cost_bps - f.expected_cost_bps, { unit: false })} over P50
          </>
        }
        title="9 in 10 outcomes cost no more than this"
      />
      <Kpi
        testId="kpi-fillable"
        tone={f.complete ? "neutral" : "red"}
        label={
          <span className="flex items-center gap-1.5">
            Fillable now
            {!f.complete && (
              <Badge tone="red" testId="kpi-incomplete">
                incomplete
              </Badge>
            )}
          </span>
        }
        value={
          <span className={f.complete ? undefined : "text-rose-700"}>
            {formatQty(f.fillable_qty)} <span className="text-xs font-medium text-slate-500">{base}</span>
          </span>
        }
        sub={f.complete ? `whole order of ${formatQty(f.qty)} ${base} fills` : `${fillablePct(f.fillable_qty, f.qty)} of ${formatQty(f.qty)} ${base}`}
        title="Quantity the visible books across the included venues can fill now"
      />
      <Kpi
        testId="kpi-horizon"
        label="Expected horizon"
        value={formatAge(f.expected_horizon_ms)}
        sub={
          f.volatility.source === "none"
            ? "no volatility estimate"
            : `σ ${(f.volatility.sigma_annualized * 100).toFixed(1)}% ann. · ${f.volatility.source}`
        }
        title="Expected time to complete; cost risk is taken over this horizon"
      />
      <Kpi
        testId="kpi-model"
        label="Model"
        value={<span className="font-mono text-sm">{f.model_version}</span>}
        sub={`legs by router ${f.router_version} · ${
          cal.observations === 0
            ? "not calibrated yet · no realised fills"
            : `${cal.observations} obs · ${cal.within_p90_rate === null ? "—" : `${(cal.within_p90_rate * 100).toFixed(0)}%`} within P90 · ${fitLabel(cal.fit, cal.fit_observations)}`
        }`}
        title={`Calibration: how often realised costs landed within the forecast P90, and the fit that corrected this forecast (group ${cal.group}; raw P50 ${cal.raw_p50_bps.toFixed(2)} bps, P90 ${cal.raw_p90_bps.toFixed(2)} bps)`}
      />
      <Kpi testId="kpi-source" label="Data">
        <div className="mt-1 flex flex-col gap-1">
          <SourceBadge source={f.source} testId="forecast-source-badge" />
          <Freshness asOfNs={f.generated_at_ns} receivedAt={receivedAt} staleAfterMs={8000} testId="forecast-freshness" />
        </div>
      </Kpi>
    </div>
  );
}

export function ForecastKpisSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-[repeat(5,minmax(0,1fr))_minmax(0,1.35fr)]" role="status" aria-label="Loading forecast">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="rounded-md border border-slate-200 bg-white px-3 py-2 shadow-sm">
          <Skeleton className="h-2.5 w-20" />
          <Skeleton className="mt-2 h-5 w-24" />
          <Skeleton className="mt-2 h-2.5 w-28" />
        </div>
      ))}
    </div>
  );
}

/** "identity" / "conformal" / "conformal:sor|1-5x" / "conformal:sor|1-5x:all-symbols" in a trader's words. */
function fitLabel(fit: string, n: number): string {
  if (fit === "identity") return "uncorrected (too few outcomes)";
  if (fit === "conformal") return `corrected on the symbol (${n})`;
  return fit.endsWith(":all-symbols") ? `corrected on its group, all symbols (${n})` : `corrected on its group (${n})`;
}
