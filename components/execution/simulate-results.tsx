"use client";

import type { SimulateResponse } from "@/lib/contracts/pretrade";
import { formatAge, formatBps, formatDateTimeNs, formatPrice, formatQty } from "@/lib/format";
import { StrategyChart } from "@/components/charts/strategy-chart";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { baseAsset } from "./order-form-state";
import { STRATEGY_HINT, STRATEGY_LABEL, strategyRows, type StrategyRow } from "./simulate-math";
import { SourceBadge } from "./source-badge";
import { TH } from "@/components/ui/table-cells";

const TD = "px-2 py-1.5 align-top";

/** The recommended strategy and why — or, when nothing qualifies, the server's explanation. */
export function Recommendation({ sim }: { sim: SimulateResponse }) {
  const rec = sim.recommended;
  const row = rec ? strategyRows(sim).find((r) => r.strategy === rec.strategy) : undefined;
  if (!rec) {
    return (
      <div role="status" data-testid="recommendation" data-recommended="none" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
        <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">No strategy recommended</p>
        <p className="mt-0.5 text-sm" data-testid="simulate-message">
          {sim.message ?? "None of the strategies met the constraints for this order."}
        </p>
      </div>
    );
  }
  return (
    <div
      role="status"
      data-testid="recommendation"
      data-recommended={rec.strategy}
      className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-950"
    >
      <div className="min-w-0">
        <p className="text-xs font-semibold uppercase tracking-wide text-emerald-800">
          Recommended: <span className="text-sm normal-case tracking-normal text-emerald-900">★ {STRATEGY_LABEL[rec.strategy]}</span>
          <span className="ml-2 font-normal normal-case tracking-normal text-emerald-700">{STRATEGY_HINT[rec.strategy]}</span>
        </p>
        <p className="mt-0.5 text-sm" data-testid="recommendation-reason">
          {rec.reason}
        </p>
      </div>
      {row && (
        <dl className="num flex shrink-0 gap-5 text-xs">
          <div>
            <dt className="text-emerald-700">P50</dt>
            <dd className="text-base font-semibold">{formatBps(row.p50)}</dd>
          </div>
          <div>
            <dt className="text-emerald-700">P90</dt>
            <dd className="text-base font-semibold">{formatBps(row.p90)}</dd>
          </div>
          <div>
            <dt className="text-emerald-700">Fill rate</dt>
            <dd className="text-base font-semibold">{row.fillPct.toFixed(1)}%</dd>
          </div>
        </dl>
      )}
    </div>
  );
}

export function StrategyTable({ rows }: { rows: readonly StrategyRow[] }) {
  return (
    <table className="num w-full border-collapse text-xs" data-testid="strategy-table">
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th className={cx(TH, "text-left")}>Strategy</th>
          <th className={cx(TH, "text-right")} title="Median cost over the simulated paths, bps vs arrival mid">
            P50
          </th>
          <th className={cx(TH, "text-right")}>P90</th>
          <th className={cx(TH, "text-right")} title="Mean filled fraction by the horizon">
            Fill rate
          </th>
          <th className={cx(TH, "text-left")}>Venues</th>
          <th className={cx(TH, "text-right")} title="Median time to complete; — when most paths did not complete">
            Completes in
          </th>
          <th className={cx(TH, "text-left")}>Binding constraints</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const s = r.scenario;
          return (
            <tr
              key={r.strategy}
              data-testid={`strategy-row-${r.strategy}`}
              data-recommended={r.recommended || undefined}
              className={cx("border-b border-slate-100 last:border-b-0", r.recommended && "bg-emerald-50/60 shadow-[inset_3px_0_0_0_#059669]")}
            >
              <td className={cx(TD, "whitespace-nowrap")}>
                <span className="font-semibold text-slate-800">{r.label}</span>
                {r.recommended && (
                  <Badge tone="green" className="ml-1.5">
                    ★ recommended
                  </Badge>
                )}
                <div className="text-[11px] text-slate-400">{STRATEGY_HINT[r.strategy]}</div>
              </td>
              <td className={cx(TD, "text-right font-semibold text-slate-900")}>{formatBps(r.p50, { unit: false })}</td>
              <td className={cx(TD, "text-right text-amber-700")}>{formatBps(r.p90, { unit: false })}</td>
              <td className={cx(TD, "text-right")}>
                <span className={r.fillPct < 99.5 ? "font-medium text-amber-700" : "text-slate-800"}>{r.fillPct.toFixed(1)}%</span>
                <span className="mt-1 ml-auto block h-1 w-14 rounded-full bg-slate-100">
                  <span className={cx("block h-1 rounded-full", r.fillPct < 99.5 ? "bg-amber-500" : "bg-emerald-500")} style={{ width: `${r.fillPct}%` }} />
                </span>
              </td>
              <td className={cx(TD, "min-w-32")}>
                <span className="font-medium text-slate-800">{s.venue_count}</span>
                <span className="ml-1.5 inline-flex gap-0.5 align-middle" aria-hidden>
                  {s.venues.map((v) => (
                    <span key={v} className="inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[v] }} />
                  ))}
                </span>
                <div className="max-w-48 text-[11px] leading-4 text-slate-500">{s.venues.join(", ")}</div>
              </td>
              <td className={cx(TD, "whitespace-nowrap text-right")}>
                {s.time_to_complete_ms === null ? (
                  <span className="text-amber-700" title="Most simulated paths did not complete within the horizon">
                    not within horizon
                  </span>
                ) : (
                  <span className="text-slate-700">{s.time_to_complete_ms <= 0 ? "immediately" : formatAge(s.time_to_complete_ms)}</span>
                )}
              </td>
              <td className={TD}>
                {s.binding_constraints.length === 0 ? (
                  <span className="text-slate-300">—</span>
                ) : (
                  <span className="flex flex-wrap gap-1">
                    {s.binding_constraints.map((c) => (
                      <Badge key={c} tone="neutral" className="font-mono">
                        {c}
                      </Badge>
                    ))}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DroppedStrategies({ dropped }: { dropped: SimulateResponse["dropped"] }) {
  return (
    <Panel title="Dropped strategies" subtitle={dropped.length === 0 ? "none — every strategy ran" : `${dropped.length} not compared`} testId="dropped-strategies">
      {dropped.length === 0 ? (
        <p className="px-3 py-2 text-xs text-slate-500">All strategies met the order&apos;s constraints.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-xs">
          {dropped.map((d) => (
            <li key={d.strategy} className="flex gap-3 px-3 py-1.5" data-testid={`dropped-${d.strategy}`}>
              <span className="w-20 shrink-0 font-semibold text-slate-700">{STRATEGY_LABEL[d.strategy]}</span>
              <span className="text-slate-600">{d.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The simulation's results: recommendation, chart + table, dropped strategies and run details. */
export function SimulateResults({ sim }: { sim: SimulateResponse }) {
  const rows = strategyRows(sim);
  const base = baseAsset(sim.symbol);
  return (
    <div className="space-y-3" data-testid="simulate-results">
      <Recommendation sim={sim} />
      <div className="grid grid-cols-1 items-start gap-3 2xl:grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)]">
        <Panel title="Strategy comparison" subtitle="P50 / P90 cost, bps vs arrival mid">
          {rows.length === 0 ? (
            <EmptyState title="No strategy to compare">Every strategy was dropped; see why below.</EmptyState>
          ) : (
            <div className="px-2 pt-2 pb-1">
              <StrategyChart rows={rows} />
            </div>
          )}
        </Panel>
        <Panel title="Scenarios" subtitle={`${sim.paths} paths · horizon ${formatAge(sim.horizon_ms)}`}>
          {rows.length === 0 ? (
            <EmptyState title="No scenarios">Relax the constraints (max cost, passive only, excluded venues) and run again.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <StrategyTable rows={rows} />
            </div>
          )}
        </Panel>
      </div>
      <DroppedStrategies dropped={sim.dropped} />
      <div className="num flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500" data-testid="simulate-meta">
        <span>
          <span className={cx("font-semibold uppercase", sim.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{sim.side}</span>{" "}
          <span className="font-medium text-slate-700">
            {formatQty(sim.qty)} {base}
          </span>{" "}
          {sim.symbol} · {sim.urgency} urgency
        </span>
        <span>mid {formatPrice(sim.mid)}</span>
        <span>
          seed {sim.seed} · {sim.paths} paths
        </span>
        <SourceBadge source={sim.source} testId="simulate-source-badge" />
        <span>
          model <code className="font-mono text-slate-700">{sim.model_version}</code> · legs split by the router <code className="font-mono text-slate-700">{sim.router_version}</code> planner
        </span>
        <span>run at {formatDateTimeNs(sim.generated_at_ns)}</span>
      </div>
    </div>
  );
}
