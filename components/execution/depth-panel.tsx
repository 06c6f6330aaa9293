"use client";

import { useState } from "react";
import { DEFAULT_BANDS_BPS } from "@/lib/contracts/market";
import { formatQty, formatUsdCompact } from "@/lib/format";
import { useDepth } from "@/lib/queries/market";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import { DepthChart, type DepthChartMode } from "@/components/charts/depth-chart";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { DepthByVenueTable } from "./depth-by-venue-table";
import { depthIsEmpty, findBand, imbalance } from "./market-math";
import { Freshness, SourceBadge } from "./source-badge";

const CHART_HEIGHT = 260;
const SKELETON_BARS = [90, 70, 50, 30, 15, 15, 30, 50, 70, 90];

/** Depth chart for one symbol with a one-line summary, source and freshness. */
export function DepthChartPanel({ symbol, bands = DEFAULT_BANDS_BPS }: { symbol: string; bands?: readonly number[] }) {
  const depth = useDepth(symbol, bands);
  const [mode, setMode] = useState<DepthChartMode>("consolidated");
  const data = depth.data?.symbol === symbol ? depth.data : undefined;
  const error = useStickyError(depth.error, data !== undefined, symbol);
  const sorted = [...bands].sort((a, b) => a - b);
  const focusBand = sorted[Math.min(2, sorted.length - 1)] ?? 25;
  const focus = data ? findBand(data.consolidated.bands, focusBand) : undefined;
  const imbRaw = focus ? imbalance(focus.bid_notional_usd, focus.ask_notional_usd) : null;
  const imb = imbRaw === null ? null : Math.round(imbRaw * 100);
  const base = symbol.split("-")[0] ?? "";

  const toggle = (
    <div role="radiogroup" aria-label="Depth chart grouping" className="inline-flex rounded border border-slate-300 p-px text-[11px]">
      {(["consolidated", "venue"] as const).map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          aria-checked={mode === m}
          data-testid={`depth-mode-${m}`}
          onClick={() => setMode(m)}
          className={cx("rounded-sm px-2 py-0.5 font-medium", mode === m ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100")}
        >
          {m === "consolidated" ? "Consolidated" : "By venue"}
        </button>
      ))}
    </div>
  );


  return (
    <Panel title={`${symbol} depth`} actions={toggle} testId="depth-panel">
      {error && (
        <ErrorState
          error={error}
          title={data ? "Depth is not updating" : "Could not load depth"}
          onRetry={() => void depth.refetch()}
          compact
          className="m-3"
          scope="depth"
        />
      )}
      {data ? (
        depthIsEmpty(data) ? (
          <EmptyState title={`No resting liquidity within ${sorted.at(-1) ?? 0} bps of mid`}>
            The venues report no orders in these bands right now. The chart appears as soon as there is depth.
          </EmptyState>
        ) : (
          <div className="px-2 pt-2">
            <DepthChart depth={data} mode={mode} height={CHART_HEIGHT} />
          </div>
        )
      ) : !error ? (
        <div className="flex items-end gap-2 px-4 pb-3 pt-6" style={{ height: CHART_HEIGHT }} role="status" aria-label="Loading depth">
          {SKELETON_BARS.map((h, i) => (
            <div key={i} className="flex-1 animate-pulse rounded-t bg-slate-200/80" style={{ height: `${h}%` }} />
          ))}
        </div>
      ) : null}
      {data && (
        <div className="space-y-1 border-t border-slate-100 px-3 py-1.5 text-xs text-slate-600">
          {focus && (
            <div className="num flex flex-wrap items-baseline gap-x-3" data-testid="depth-summary">
              <span className="font-medium text-slate-700">±{focusBand} bps</span>
              <span className="whitespace-nowrap">
                bid <span className="font-medium text-emerald-700">{formatUsdCompact(focus.bid_notional_usd)}</span>{" "}
                <span className="text-slate-400">
                  {formatQty(focus.bid_qty)} {base}
                </span>
              </span>
              <span className="whitespace-nowrap">
                ask <span className="font-medium text-rose-700">{formatUsdCompact(focus.ask_notional_usd)}</span>{" "}
                <span className="text-slate-400">
                  {formatQty(focus.ask_qty)} {base}
                </span>
              </span>
              {imb !== null && (
                <span
                  className={cx("whitespace-nowrap font-medium", imb > 0 ? "text-emerald-700" : imb < 0 ? "text-rose-700" : "text-slate-600")}
                  title="(bid − ask) / (bid + ask) notional within the band"
                >
                  imbalance {imb > 0 ? "+" : ""}
                  {imb}%
                </span>
              )}
            </div>
          )}
          <div className="flex items-center gap-2">
            <SourceBadge source={data.source} testId="depth-source-badge" />
            <Freshness asOfNs={data.as_of_ns} receivedAt={depth.dataUpdatedAt} staleAfterMs={8000} testId="depth-freshness" />
          </div>
        </div>
      )}
    </Panel>
  );
}

/** The same depth answer (shared query) broken down per venue and band. */
export function DepthByVenuePanel({ symbol, bands = DEFAULT_BANDS_BPS }: { symbol: string; bands?: readonly number[] }) {
  const depth = useDepth(symbol, bands);
  const data = depth.data?.symbol === symbol ? depth.data : undefined;
  const error = useStickyError(depth.error, data !== undefined, symbol);
  return (
    <Panel title={`${symbol} depth by venue`} subtitle="USD notional within each band of the consolidated mid">
      {data ? (
        depthIsEmpty(data) ? (
          <EmptyState title="No depth to break down" />
        ) : (
          <div className="overflow-x-auto">
            <DepthByVenueTable depth={data} />
          </div>
        )
      ) : !error ? (
        <SkeletonRows rows={6} cols={11} label="Loading depth by venue" />
      ) : (
        <EmptyState title="Depth unavailable" className="py-4">
          See the error above the chart.
        </EmptyState>
      )}
    </Panel>
  );
}
