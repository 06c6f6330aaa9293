"use client";

import { GLOSSARY } from "@/lib/execution-figures";
import { OrderFiguresStrip } from "./order-figures-strip";
import { GlossaryTerm } from "@/components/ui/glossary-term";
import { KpiCard } from "@/components/ui/kpi-card";
import Link from "next/link";
import { useState } from "react";
import type { ReviewResponse } from "@/lib/contracts/review";
import { isApiClientError } from "@/lib/queries/api-fetch";
import { REVIEW_POLL_MS, useReview } from "@/lib/queries/review";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import { formatBps, formatPrice, formatQty, formatTimeNs, formatUsd, priceDecimals } from "@/lib/format";
import { MarkoutChart } from "@/components/charts/markout-chart";
import { ReviewTimelineChart } from "@/components/charts/review-timeline-chart";
import { ShortfallWaterfall } from "@/components/charts/shortfall-waterfall";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { costTone, formatUsdCents } from "./live-math";
import { baseAsset } from "./order-form-state";
import { formatPct, orderFilledPct } from "./orders-math";
import { OrderDustNote } from "./order-dust-note";
import { OrderReasonBanner } from "./order-reason-banner";
import { OrderStatusBadge } from "./orders-status";
import { DecisionAudit } from "./review-decision-audit";
import { markoutSeries, SHORTFALL_HELP, SHORTFALL_LABEL, SHORTFALL_PARTS, signedBps, timelineChartData, TONE_TEXT, waterfallSegments } from "./review-math";
import { TH, TD } from "@/components/ui/table-cells";

/**
 * Review: the post-trade story of one order — a timeline of child sends and fills over the
 * mid with the benchmark prices, where the cost came from (shortfall waterfall), how the
 * mid moved after the fills (markouts), why the router chose each venue (decision audit),
 * and the forecast against what was realized. Refreshed every 2 s until the order is final.
 */
export function ReviewView({ id }: { id: string }) {
  const review = useReview(id);
  const data = review.data;
  const error = useStickyError(review.error, data !== undefined, id);

  return (
    <div className="space-y-3" data-testid="review-page" data-final={data ? String(data.final) : undefined}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1">
          <Link href="/review" className="text-xs font-medium text-sky-700 hover:underline">
            ← Review
          </Link>
          <h1 className="text-lg font-semibold text-slate-900">Order review</h1>
          <code className="truncate font-mono text-xs text-slate-600" title="order id">
            {id}
          </code>
        </div>
        {data && (
          <span className="text-xs text-slate-500" data-testid="review-refresh">
            {data.final ? "final · figures will not change" : `working · refreshes every ${REVIEW_POLL_MS / 1000} s`}
          </span>
        )}
      </div>

      {error && (
        <ErrorState
          error={error}
          title={
            data ? "Updates stopped — showing the last good review" : isApiClientError(error) && error.status === 404 ? "No such order" : "Could not load the review"
          }
          onRetry={() => void review.refetch()}
          compact={Boolean(data)}
          scope="review"
        />
      )}

      {data ? <ReviewBody review={data} /> : error ? null : <ReviewSkeleton />}
    </div>
  );
}

function ReviewSkeleton() {
  return (
    <div className="space-y-3" role="status" aria-label="Loading review">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <Skeleton className="h-72" />
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}

function ReviewBody({ review }: { review: ReviewResponse }) {
  const o = review.order;
  const base = baseAsset(o.symbol);
  const decimals = priceDecimals(review.benchmarks.arrival.price ?? review.benchmarks.avg_price ?? review.mids.at(-1)?.mid ?? 1);
  const timeline = timelineChartData(review);
  const total = review.shortfall.total;
  const totalTone = costTone(total.bps);
  const sends = timeline.sends.length;
  const fills = review.fills.length;

  return (
    <div className="space-y-3">
      <div data-testid="review-header" data-status={o.status} data-final={String(review.final)} className="space-y-2">
        <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-[minmax(0,1.3fr)_repeat(4,minmax(0,1fr))]">
          <KpiCard label="Order">
            <span className={cx("uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</span> {formatQty(o.qty)}{" "}
            <span className="text-xs font-medium text-slate-500">{o.symbol}</span>
            <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs font-normal">
              <OrderStatusBadge status={o.status} title={o.reason_message ?? undefined} testId="review-status" />
              <Badge tone={review.final ? "neutral" : "blue"}>{review.final ? "final" : "working"}</Badge>
              {o.sandbox && <Badge tone="amber">sandbox</Badge>}
            </div>
          </KpiCard>
          <KpiCard label="Filled" sub={`${formatQty(review.shortfall.filled_qty)} filled · ${formatQty(review.shortfall.unfilled_qty)} ${base} unfilled`}>
            {formatPct(orderFilledPct(o))}
          </KpiCard>
          <KpiCard label="Avg fill price" sub={`fees ${formatUsdCents(o.fees_usd)} · ${fills} fill${fills === 1 ? "" : "s"} · ${sends} child send${sends === 1 ? "" : "s"}`}>
            {formatPrice(review.benchmarks.avg_price, { decimals })}
          </KpiCard>
          <KpiCard label="Shortfall" tone={totalTone === "red" ? "amber" : totalTone === "green" ? "green" : "neutral"} sub={`${formatUsd(total.usd)} · positive = cost`} testId="review-shortfall-total">
            <span className={TONE_TEXT[totalTone]}>{signedBps(total.bps)}</span>
          </KpiCard>
          <KpiCard label="Routing" sub={`${o.policy} · ${o.urgency} urgency${o.venue ? ` · ${o.venue} only` : ""} · started ${formatTimeNs(o.created_at_ns)}`}>
            <span className="font-mono text-sm">{o.router_version ?? "—"}</span>
          </KpiCard>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <Link href={`/live/${encodeURIComponent(o.node_order_id)}`} className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50" data-testid="review-live-link">
            Live view
          </Link>
          <Link
            href={`/decisions?node_order_id=${encodeURIComponent(o.node_order_id)}`}
            className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50"
          >
            Routing decisions →
          </Link>
          <span className="text-slate-400">
            order <code className="font-mono">{o.order_id}</code> · node order <code className="font-mono">{o.node_order_id}</code>
            {o.parent_id ? ` · parent ${o.parent_id}` : ""}
          </span>
        </div>
      </div>

      <OrderReasonBanner order={o} testId="review-reason" />
      <OrderDustNote order={o} testId="review-dust" />

      {!review.final ? (
        <div role="status" data-testid="review-note" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-sky-700">still working</span>
          {review.note ?? "The order is still working: the figures cover what is known so far."}
        </div>
      ) : (
        review.note && (
          <p data-testid="review-note" className="text-xs text-slate-500">
            {review.note}
          </p>
        )
      )}

      <Panel title="Timeline" subtitle={`mid · ${sends} child send${sends === 1 ? "" : "s"} · ${fills} fill${fills === 1 ? "" : "s"} · benchmark prices`} testId="review-timeline-chart">
        <div className="px-2 pt-2 pb-1">
          <ReviewTimelineChart data={timeline} base={base} height={320} />
        </div>
      </Panel>

      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <ShortfallPanel review={review} />
        <MarkoutPanel review={review} />
      </div>

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <ForecastCard review={review} />
        <BenchmarksTable review={review} decimals={decimals} />
      </div>

      <DecisionAudit review={review} />
    </div>
  );
}

function ShortfallPanel({ review }: { review: ReviewResponse }) {
  const [unit, setUnit] = useState<"bps" | "usd">("bps");
  const data = waterfallSegments(review.shortfall, unit);
  const sf = review.shortfall;
  return (
    <Panel
      title="Shortfall breakdown"
      subtitle="positive = cost · parts add to the total"
      testId="shortfall-waterfall"
      actions={
        <div className="flex overflow-hidden rounded border border-slate-300 text-[11px]" role="group" aria-label="Unit">
          {(["bps", "usd"] as const).map((u) => (
            <button
              key={u}
              type="button"
              aria-pressed={unit === u}
              onClick={() => setUnit(u)}
              className={cx("px-2 py-0.5 font-medium", unit === u ? "bg-slate-800 text-white" : "bg-white text-slate-600 hover:bg-slate-50")}
            >
              {u === "bps" ? "bps" : "USD"}
            </button>
          ))}
        </div>
      }
    >
      <div className="px-2 pt-2">
        <ShortfallWaterfall data={data} unit={unit} height={240} />
      </div>
      <table className="num w-full border-collapse border-t border-slate-100 text-xs">
        <tbody>
          {[...SHORTFALL_PARTS, "total" as const].map((k) => (
            <tr key={k} className={cx("border-b border-slate-100 last:border-b-0", k === "total" && "bg-slate-50 font-semibold")} data-part={k}>
              <td className={cx(TD, "text-slate-700")} title={SHORTFALL_HELP[k]}>
                {SHORTFALL_LABEL[k]}
              </td>
              <td className={cx(TD, "text-right", TONE_TEXT[costTone(sf[k].bps)])}>{signedBps(sf[k].bps)}</td>
              <td className={cx(TD, "text-right text-slate-600")}>{formatUsd(sf[k].usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function MarkoutPanel({ review }: { review: ReviewResponse }) {
  const points = markoutSeries(review.markouts);
  const pending = review.markouts.length - points.length;
  // A final order read from its stored market context will not get more horizons; one still
  // within memory gets each as its time passes.
  const why = review.final && review.note ? "not recorded" : "not available yet";
  return (
    <Panel title={<GlossaryTerm term="markout">Markouts</GlossaryTerm>} subtitle={`mid move after the fills · positive = good${pending > 0 ? ` · ${pending} horizon${pending === 1 ? "" : "s"} ${why}` : ""}`} testId="markout-chart">
      {points.length === 0 ? (
        <EmptyState title="No markouts yet">{review.fills.length === 0 ? "Markouts need fills." : "Each horizon appears once that much time has passed after the fills."}</EmptyState>
      ) : (
        <div className="px-2 pt-2 pb-1">
          <MarkoutChart points={points} height={240} />
        </div>
      )}
    </Panel>
  );
}

function ForecastCard({ review }: { review: ReviewResponse }) {
  const f = review.forecast;
  const within = f.within_p90;
  const values = [f.expected_cost_bps, f.downside_cost_bps, f.realized_cost_bps].filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const pos = (v: number) => `${(((v - lo) / span) * 100).toFixed(2)}%`;
  return (
    <Panel
      title="Forecast vs realized"
      subtitle="cost in bps, positive = cost"
      testId="forecast-vs-realized"
      actions={
        <span data-testid="forecast-within-p90" data-within={within === null ? "unknown" : String(within)}>
          <Badge tone={within === null ? "neutral" : within ? "green" : "red"}>{within === null ? "P90 check n/a" : within ? "within P90" : "beyond P90"}</Badge>
        </span>
      }
    >
      <dl className="num grid grid-cols-3 divide-x divide-slate-100 text-center">
        {[
          { label: "Forecast P50", value: f.expected_cost_bps, color: "text-slate-900" },
          { label: "Forecast P90", value: f.downside_cost_bps, color: "text-amber-700" },
          { label: "Realized (all-in)", value: f.realized_cost_bps, color: within === false ? "text-rose-700" : "text-sky-700" },
        ].map(({ label, value, color }) => (
          <div key={label} className="px-2 py-3">
            <dt className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">{label}</dt>
            <dd className={cx("mt-0.5 text-lg font-semibold", color)}>{formatBps(value)}</dd>
          </div>
        ))}
      </dl>
      {values.length > 0 && (
        <div className="px-4 pb-4">
          <div className="relative h-6" aria-hidden>
            <div className="absolute inset-x-0 top-3 h-px bg-slate-200" />
            {f.expected_cost_bps !== null && f.downside_cost_bps !== null && (
              <div
                className="absolute top-2 h-2 rounded-sm bg-amber-100 ring-1 ring-amber-300"
                style={{ left: pos(Math.min(f.expected_cost_bps, f.downside_cost_bps)), width: `${(Math.abs(f.downside_cost_bps - f.expected_cost_bps) / span) * 100}%` }}
              />
            )}
            <div className="absolute top-1 h-4 w-px bg-slate-400" style={{ left: pos(0) }} title="0 bps" />
            {f.expected_cost_bps !== null && <div className="absolute top-1 h-4 w-0.5 -translate-x-1/2 bg-slate-900" style={{ left: pos(f.expected_cost_bps) }} />}
            {f.downside_cost_bps !== null && <div className="absolute top-1 h-4 w-0.5 -translate-x-1/2 bg-amber-600" style={{ left: pos(f.downside_cost_bps) }} />}
            {f.realized_cost_bps !== null && (
              <div className={cx("absolute top-1.5 size-3 -translate-x-1/2 rounded-full ring-2 ring-white", within === false ? "bg-rose-600" : "bg-sky-600")} style={{ left: pos(f.realized_cost_bps) }} />
            )}
          </div>
          <div className="num flex justify-between text-[10px] text-slate-400">
            <span>{formatBps(lo, { unit: false })}</span>
            <span>P50 ▮ · P90 ▮ · realized ●</span>
            <span>{formatBps(hi, { unit: false })}</span>
          </div>
        </div>
      )}
      {values.length === 0 && <p className="px-3 pb-3 text-xs text-slate-500">No forecast was stored for this order, and nothing has been realized yet.</p>}
      <div className="border-t border-slate-100 px-3 py-2">
        <OrderFiguresStrip figures={{ ...f, forecast_p50_bps: f.expected_cost_bps }} testId="review-figures" />
      </div>
    </Panel>
  );
}

function BenchmarksTable({ review, decimals }: { review: ReviewResponse; decimals: number }) {
  const b = review.benchmarks;
  const rows: { key: string; label: string; help: string; price: number | null; cost: number | null }[] = [
    { key: "decision", label: "Decision", help: GLOSSARY.decision_mid.definition, price: b.decision.price, cost: b.decision.cost_bps },
    { key: "arrival", label: "Arrival", help: GLOSSARY.arrival_mid.definition, price: b.arrival.price, cost: b.arrival.cost_bps },
    { key: "interval_vwap", label: "Interval VWAP", help: "Market VWAP over the order's life", price: b.interval_vwap.price, cost: b.interval_vwap.cost_bps },
    { key: "twap", label: "TWAP", help: "Time-weighted mid over the order's life", price: b.twap.price, cost: b.twap.cost_bps },
  ];
  return (
    <Panel title="Benchmark stack" subtitle={`avg fill ${formatPrice(b.avg_price, { decimals })} · cost vs each benchmark, positive = worse`} testId="benchmarks">
      <table className="num w-full border-collapse text-xs">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th className={cx(TH, "text-left")}>Benchmark</th>
            <th className={cx(TH, "text-right")}>Price</th>
            <th className={cx(TH, "text-right")}>Avg fill vs it</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100 last:border-b-0" data-benchmark={r.key}>
              <td className={cx(TD, "text-slate-800")} title={r.help}>
                {r.label}
                <span className="ml-2 text-[10px] text-slate-400">{r.help}</span>
              </td>
              <td className={cx(TD, "text-right text-slate-900")}>{formatPrice(r.price, { decimals })}</td>
              <td className={cx(TD, "text-right font-medium", TONE_TEXT[costTone(r.cost)])}>{signedBps(r.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
