"use client";

import { GlossaryTerm } from "@/components/ui/glossary-term";
import { OrderFiguresStrip } from "./order-figures-strip";
import { KpiCard } from "@/components/ui/kpi-card";
import Link from "next/link";
import { useState } from "react";
import type { LiveResponse } from "@/lib/contracts/live";
import { isApiClientError } from "@/lib/queries/api-fetch";
import { isFinalStatus, useLiveOrder, type LiveTransport } from "@/lib/queries/live";
import { useCancelOrder, useOrderAction } from "@/lib/queries/orders";
import { useSession } from "@/lib/queries/session";
import { formatAge, formatBps, formatPrice, formatQty, formatTimeNs, priceDecimals } from "@/lib/format";
import { FillsChart } from "@/components/charts/fills-chart";
import { ProgressChart } from "@/components/charts/progress-chart";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import {
  accumulateProgress,
  ADVICE_TEXT,
  costTone,
  fillsChartData,
  fillsWindow,
  filledPct,
  formatUsdCents,
  HEALTH_TONE,
  progressRows,
  SCHEDULE_TONE,
  type ProgressPoint,
} from "./live-math";
import { baseAsset } from "./order-form-state";
import { formatPct, isWorking } from "./orders-math";
import { OrderDustNote } from "./order-dust-note";
import { OrderReasonBanner } from "./order-reason-banner";
import { OrderStatusBadge } from "./orders-status";
import { Freshness } from "./source-badge";

const CHART_HEIGHT = 260;

/**
 * The progress series, accumulated in component state from each update the page receives
 * (stream events or polls). Starts over when the order changes.
 */
function useProgressSeries(nodeOrderId: string, data: LiveResponse | undefined): readonly ProgressPoint[] {
  const [series, setSeries] = useState<{ id: string; asOf: string | null; points: readonly ProgressPoint[] }>({ id: nodeOrderId, asOf: null, points: [] });
  // Adjusting state while rendering (React's pattern for state derived from a stream of props).
  if (data && (series.id !== nodeOrderId || series.asOf !== data.as_of_ns)) {
    const base = series.id === nodeOrderId ? series.points : [];
    setSeries({ id: nodeOrderId, asOf: data.as_of_ns, points: accumulateProgress(base, data) });
  }
  return series.id === nodeOrderId ? series.points : [];
}

const TRANSPORT: Record<LiveTransport, { label: string; dot: string; title: string }> = {
  idle: { label: "idle", dot: "bg-slate-400", title: "" },
  connecting: { label: "connecting…", dot: "bg-slate-400 animate-pulse", title: "Opening the event stream" },
  stream: { label: "streaming", dot: "bg-emerald-500", title: "Server-sent events from /v1/execution/live/{id}/stream" },
  polling: { label: "polling every 1 s", dot: "bg-amber-500", title: "The event stream failed; polling GET /v1/execution/live/{id}" },
  ended: { label: "final", dot: "bg-slate-500", title: "The order is final; no more updates" },
};

/**
 * Live: one order as it executes — status and totals, progress against its schedule, fills
 * over the mid, in-flight TCA, venue health and the router's advice, updated from the
 * server-sent event stream (or by polling when the stream is unavailable).
 */
export function LiveView({ nodeOrderId }: { nodeOrderId: string }) {
  const live = useLiveOrder(nodeOrderId);
  const data = live.data;
  const points = useProgressSeries(nodeOrderId, data);
  const transport = TRANSPORT[live.transport];

  return (
    <div className="space-y-3" data-testid="live-page" data-transport={live.transport}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1">
          <Link href="/live" className="text-xs font-medium text-sky-700 hover:underline">
            ← Live orders
          </Link>
          <h1 className="text-lg font-semibold text-slate-900">Live</h1>
          <code className="truncate font-mono text-xs text-slate-600" title="node order id">
            {nodeOrderId}
          </code>
          <Link href={`/review/${encodeURIComponent(nodeOrderId)}`} className="text-xs font-medium text-sky-700 hover:underline" data-testid="live-review-link">
            Review →
          </Link>
        </div>
        <div className="flex items-center gap-3 text-xs text-slate-500">
          {(data || !live.error) && (
            <span className="flex items-center gap-1.5" title={transport.title} data-testid="live-transport">
              <span aria-hidden className={cx("size-2 rounded-full", transport.dot)} />
              {transport.label}
            </span>
          )}
          {data && <Freshness asOfNs={data.as_of_ns} receivedAt={live.dataUpdatedAt} staleAfterMs={live.transport === "ended" ? Infinity : 5000} testId="live-freshness" />}
        </div>
      </div>

      {live.error && (
        <ErrorState
          error={live.error}
          title={
            data
              ? "Updates stopped — showing the last good view"
              : isApiClientError(live.error) && live.error.status === 404
                ? "No such order"
                : "Could not load this order"
          }
          onRetry={() => void live.refetch()}
          compact={Boolean(data)}
          scope="live"
        />
      )}

      {data ? <LiveBody live={data} points={points} /> : live.error ? null : <LiveSkeleton />}
    </div>
  );
}

function LiveSkeleton() {
  return (
    <div className="space-y-3" role="status" aria-label="Loading order">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}


function LiveBody({ live, points }: { live: LiveResponse; points: readonly ProgressPoint[] }) {
  const o = live.order;
  const t = live.totals;
  const base = baseAsset(o.symbol);
  const pct = filledPct(t.filled_qty, t.ordered_qty);
  const decimals = priceDecimals(live.tca.current_mid ?? t.avg_price ?? live.tca.arrival_mid ?? 1);
  const session = useSession();
  const cancel = useCancelOrder();
  const pause = useOrderAction("pause");
  const resume = useOrderAction("resume");
  const canTrade = session.data ? session.data.role !== "viewer" : false;
  const chart = fillsChartData(live, fillsWindow(o, isFinalStatus(o.status)));

  return (
    <div className="space-y-3">
      <OrderReasonBanner order={o} testId="live-reason" />
      <OrderDustNote order={o} testId="live-dust" />

      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-[minmax(0,1.3fr)_repeat(4,minmax(0,1fr))]" data-testid="live-totals">
        <KpiCard label="Order">
          <span className={cx("uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</span> {formatQty(t.ordered_qty)}{" "}
          <span className="text-xs font-medium text-slate-500">{o.symbol}</span>
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs font-normal">
            <span data-testid="live-status" data-status={o.status} className="inline-flex">
              <OrderStatusBadge status={o.status} title={o.reason_message ?? undefined} />
            </span>
            <Badge tone={SCHEDULE_TONE[live.schedule.status]} testId="live-schedule" title={`deviation ${live.schedule.deviation_pct.toFixed(1)}%`}>
              {live.schedule.status.replace("_", " ")}
            </Badge>
            {o.sandbox && <Badge tone="amber">sandbox</Badge>}
          </div>
        </KpiCard>
        <KpiCard label="Filled" sub={`${formatQty(t.filled_qty)} of ${formatQty(t.ordered_qty)} ${base}`} testId="live-filled">
          <span data-testid="live-fill-pct">{formatPct(pct)}</span>
          <span className="mt-1 block h-1.5 rounded-full bg-slate-100">
            <span className={cx("block h-1.5 rounded-full", pct >= 99.995 ? "bg-emerald-500" : "bg-sky-500")} style={{ width: `${pct}%` }} />
          </span>
        </KpiCard>
        <KpiCard label="Remaining" sub={`planned ${live.schedule.planned_fill_pct.toFixed(1)}% filled by now`} testId="live-remaining">
          {formatQty(t.remaining_qty)} <span className="text-xs font-medium text-slate-500">{base}</span>
        </KpiCard>
        <KpiCard label="Avg price" sub={`fees ${formatUsdCents(o.fees_usd)} · ${live.fills.length} fill${live.fills.length === 1 ? "" : "s"}`} testId="live-avg-price">
          {formatPrice(t.avg_price, { decimals })}
        </KpiCard>
        <KpiCard
          label="Routing"
          sub={
            <>
              {o.policy} · {o.urgency} urgency{o.venue ? ` · ${o.venue} only` : ""}
              <br />
              started {formatTimeNs(o.created_at_ns)}
            </>
          }
        >
          <span className="font-mono text-sm">{o.router_version ?? "—"}</span>
        </KpiCard>
      </div>

      <div className="flex flex-wrap items-center gap-2 text-xs">
        {isWorking(o.status) && canTrade && (
          <button
            type="button"
            data-testid="live-cancel"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ orderId: o.order_id })}
            className="rounded border border-rose-300 bg-white px-2.5 py-1 font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-50"
          >
            {cancel.isPending ? "Cancelling…" : "Cancel order"}
          </button>
        )}
        {o.status === "RUNNING" && canTrade && (
          <button
            type="button"
            data-testid="live-pause"
            disabled={pause.isPending}
            title="Stop sending child orders and hold the schedule; fills of orders already sent still count"
            onClick={() => pause.mutate({ orderId: o.order_id })}
            className="rounded border border-amber-300 bg-white px-2.5 py-1 font-medium text-amber-800 hover:bg-amber-50 disabled:opacity-50"
          >
            {pause.isPending ? "Pausing…" : "Pause"}
          </button>
        )}
        {o.status === "PAUSED" && canTrade && (
          <button
            type="button"
            data-testid="live-resume"
            disabled={resume.isPending}
            title="Work the order again; the schedule moves later by the pause"
            onClick={() => resume.mutate({ orderId: o.order_id })}
            className="rounded border border-emerald-300 bg-white px-2.5 py-1 font-medium text-emerald-800 hover:bg-emerald-50 disabled:opacity-50"
          >
            {resume.isPending ? "Resuming…" : "Resume"}
          </button>
        )}
        <Link
          href={`/decisions?node_order_id=${encodeURIComponent(o.node_order_id)}`}
          className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50"
          data-testid="live-decisions-link"
        >
          Routing decisions →
        </Link>
        <Link href="/orders" className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50">
          Blotter
        </Link>
        <span className="text-slate-400">
          order <code className="font-mono">{o.order_id}</code>
          {o.parent_id ? ` · parent ${o.parent_id}` : ""}
        </span>
      </div>
      {cancel.isError && <ErrorState error={cancel.error} title="Could not cancel the order" compact scope="cancel" />}
      {pause.isError && <ErrorState error={pause.error} title="Could not pause the order" compact scope="pause" />}
      {resume.isError && <ErrorState error={resume.error} title="Could not resume the order" compact scope="resume" />}

      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <Panel title="Progress vs schedule" subtitle={`planned ${live.schedule.planned_fill_pct.toFixed(1)}% · filled ${formatPct(pct)} · ${points.length} point${points.length === 1 ? "" : "s"}`}>
          <div className="px-2 pt-2 pb-1">
            <ProgressChart rows={progressRows(points)} height={CHART_HEIGHT} />
          </div>
        </Panel>
        <Panel title="Fills over the mid" subtitle={`${live.fills.length} fill${live.fills.length === 1 ? "" : "s"} · sized by quantity`}>
          <div className="px-2 pt-2 pb-1">
            <FillsChart data={chart} arrivalMid={live.tca.arrival_mid} avgPrice={t.avg_price} base={base} height={CHART_HEIGHT} />
          </div>
        </Panel>
      </div>

      <TcaCards live={live} decimals={decimals} />
      <OrderFiguresStrip figures={live.tca} testId="live-figures" final={isFinalStatus(live.order.status)} />

      <Panel title="Venue health" subtitle="venues this order is using" testId="venue-health">
        {live.venue_health.length === 0 ? (
          <EmptyState title="No venue in use yet" />
        ) : (
          <div className="grid grid-cols-1 gap-2 p-3 sm:grid-cols-2 lg:grid-cols-4 2xl:grid-cols-7">
            {live.venue_health.map((v) => (
              <div
                key={v.venue}
                data-testid={`venue-health-${v.venue}`}
                data-status={v.status}
                className={cx(
                  "rounded-md border px-2.5 py-2",
                  v.status === "down" ? "border-rose-300 bg-rose-50/60" : v.status === "degraded" ? "border-amber-300 bg-amber-50/60" : "border-slate-200",
                )}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="flex items-center gap-1.5 text-xs font-semibold text-slate-800">
                    <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[v.venue] }} />
                    {v.venue}
                  </span>
                  <Badge tone={HEALTH_TONE[v.status]}>{v.status}</Badge>
                </div>
                <dl className="num mt-1.5 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-[11px]">
                  <dt className="text-slate-500">Ack latency</dt>
                  <dd className="text-right text-slate-800">{v.ack_latency_ms === null ? "—" : `${v.ack_latency_ms.toFixed(0)} ms`}</dd>
                  <dt className="text-slate-500">Reject rate</dt>
                  <dd className={cx("text-right", v.reject_rate >= 0.05 ? "text-rose-700" : "text-slate-800")}>{(v.reject_rate * 100).toFixed(1)}%</dd>
                  <dt className="text-slate-500">Book age</dt>
                  <dd className={cx("text-right", v.book_age_ms !== null && v.book_age_ms > 2000 ? "text-amber-700" : "text-slate-800")}>{formatAge(v.book_age_ms)}</dd>
                </dl>
              </div>
            ))}
          </div>
        )}
      </Panel>

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Panel title="Suggestions" subtitle="from the router, while there is time to act" testId="suggestions">
          <Aggressiveness live={live} />
          {live.suggestions.filter((s) => s.kind !== "none").length === 0 ? (
            <p className="px-3 py-3 text-xs text-slate-500" data-testid="suggestions-empty">
              {live.suggestions[0]?.message ?? "No suggestions — the order is on plan."}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {live.suggestions
                .filter((s) => s.kind !== "none")
                .map((s, i) => (
                  <li key={i} className="flex items-start gap-2 px-3 py-2 text-xs" data-testid="suggestion" data-kind={s.kind}>
                    <Badge tone={s.kind === "reroute" ? "amber" : "blue"}>{s.kind.replace("_", " ")}</Badge>
                    <span className="min-w-0 text-slate-700">
                      {s.message}
                      {s.venue && <span className="ml-1 text-slate-500">({s.venue})</span>}
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </Panel>
        <Panel title="Fills" subtitle="newest first" testId="live-fills">
          <FillsTable live={live} decimals={decimals} />
        </Panel>
      </div>
    </div>
  );
}

function Aggressiveness({ live }: { live: LiveResponse }) {
  const a = live.aggressiveness;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-3 py-2 text-xs" data-testid="aggressiveness" data-advice={a.advice}>
      <span className="font-semibold uppercase tracking-wide text-slate-500">Aggressiveness</span>
      <Badge tone={a.advice === "hold" ? "green" : "amber"}>{ADVICE_TEXT[a.advice]}</Badge>
      <span className="num text-slate-600">
        current <span className="font-semibold text-slate-900">{a.current.toFixed(2)}</span> · planned <span className="font-semibold text-slate-900">{a.planned.toFixed(2)}</span>
      </span>
    </div>
  );
}

function TcaCards({ live, decimals }: { live: LiveResponse; decimals: number }) {
  const tca = live.tca;
  // All-in (book + fees) vs the arrival mid: the basis of the forecast (lib/execution-figures.ts).
  const slip = tca.realized_cost_bps;
  const slipTone = costTone(slip);
  const beyondP90 = slip !== null && tca.forecast_p90_bps !== null && slip > tca.forecast_p90_bps;
  const vsTone = costTone(tca.vs_forecast_bps);
  return (
    <div className="grid grid-cols-1 gap-2 md:grid-cols-3" data-testid="live-tca">
      <KpiCard
        label={<GlossaryTerm term="realized_cost">Realized cost vs arrival</GlossaryTerm>}
        tone={slipTone === "red" ? "amber" : slipTone === "green" ? "green" : "neutral"}
        sub={`arrival ${formatPrice(tca.arrival_mid, { decimals })} · book ${formatBps(tca.slippage_vs_arrival_bps)} + fees · positive = worse`}
        testId="tca-slippage"
      >
        <span className={slipTone === "red" ? "text-rose-700" : slipTone === "green" ? "text-emerald-700" : undefined}>{formatBps(slip)}</span>
      </KpiCard>
      <KpiCard
        label={
          <span className="flex items-center gap-1.5">
            <GlossaryTerm term="vs_forecast">vs forecast P50</GlossaryTerm>
            {beyondP90 && <Badge tone="red">beyond P90</Badge>}
          </span>
        }
        tone={beyondP90 ? "red" : "neutral"}
        sub={`forecast P50 ${formatBps(tca.forecast_p50_bps)} · P90 ${formatBps(tca.forecast_p90_bps)}`}
        testId="tca-vs-forecast"
      >
        <span className={vsTone === "red" ? "text-rose-700" : vsTone === "green" ? "text-emerald-700" : undefined}>
          {tca.vs_forecast_bps !== null && tca.vs_forecast_bps > 0 ? "+" : ""}
          {formatBps(tca.vs_forecast_bps)}
        </span>
      </KpiCard>
      <KpiCard
        label="Mid now"
        sub={
          tca.arrival_mid !== null && tca.current_mid !== null && tca.arrival_mid > 0
            ? `${(((tca.current_mid - tca.arrival_mid) / tca.arrival_mid) * 1e4).toFixed(2)} bps since arrival`
            : "move since arrival unknown"
        }
        testId="tca-mid"
      >
        {formatPrice(tca.current_mid, { decimals })}
      </KpiCard>
    </div>
  );
}

function FillsTable({ live, decimals }: { live: LiveResponse; decimals: number }) {
  const fills = [...live.fills].sort((a, b) => (BigInt(b.at_ns) > BigInt(a.at_ns) ? 1 : BigInt(b.at_ns) < BigInt(a.at_ns) ? -1 : 0)).slice(0, 100);
  if (fills.length === 0) return <EmptyState title="No fills yet">Fills appear here as the venues report them.</EmptyState>;
  const sign = live.order.side === "buy" ? 1 : -1;
  const TH = "whitespace-nowrap px-2 py-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500";
  const TD = "whitespace-nowrap px-2 py-1";
  return (
    <div className="max-h-72 overflow-auto">
      <table className="num w-full border-collapse text-xs">
        <thead className="sticky top-0 border-b border-slate-200 bg-slate-50">
          <tr>
            <th className={cx(TH, "text-left")}>Time (UTC)</th>
            <th className={cx(TH, "text-left")}>Venue</th>
            <th className={cx(TH, "text-right")}>Qty</th>
            <th className={cx(TH, "text-right")}>Price</th>
            <th className={cx(TH, "text-right")} title="Fill price vs the mid at the fill; positive = paid over mid (buy) / sold under (sell)">
              vs mid
            </th>
            <th className={cx(TH, "text-left")}>Liq.</th>
            <th className={cx(TH, "text-right")}>Fee</th>
          </tr>
        </thead>
        <tbody>
          {fills.map((f) => {
            const vsMid = f.mid_at_fill && f.mid_at_fill > 0 ? (sign * (f.price - f.mid_at_fill) * 1e4) / f.mid_at_fill : null;
            return (
              <tr key={f.fill_id} className="border-b border-slate-100 last:border-b-0">
                <td className={cx(TD, "text-slate-600")}>{formatTimeNs(f.at_ns).replace(" UTC", "")}</td>
                <td className={cx(TD, "text-slate-800")}>
                  <span aria-hidden className="mr-1.5 inline-block size-2 rounded-full" style={{ background: VENUE_COLORS[f.venue] }} />
                  {f.venue}
                </td>
                <td className={cx(TD, "text-right text-slate-800")}>{formatQty(f.qty)}</td>
                <td className={cx(TD, "text-right text-slate-900")}>{formatPrice(f.price, { decimals })}</td>
                <td className={cx(TD, "text-right", vsMid !== null && vsMid > 0 ? "text-rose-700" : "text-emerald-700")}>{formatBps(vsMid, { unit: false })}</td>
                <td className={cx(TD, "text-slate-500")}>{f.liquidity}</td>
                <td className={cx(TD, "text-right text-slate-600")}>{formatUsdCents(f.fee_usd)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
