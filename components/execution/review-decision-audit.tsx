"use client";

import { Fragment, useState } from "react";
import type { ReviewResponse } from "@/lib/contracts/review";
import { formatBps, formatQty, formatTimeNs, formatUsd } from "@/lib/format";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/ui/states";
import { TD, TH } from "@/components/ui/table-cells";
import { errorTone, partLabel, signedBps, TONE_TEXT } from "./review-math";

/**
 * Each routing decision: the venues chosen (estimated vs realized), the best alternative the
 * router had (its own routing, or a single venue that would have been cheaper, with the
 * saving), selection and forecast error, and the score parts on demand.
 */
export function DecisionAudit({ review }: { review: ReviewResponse }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const regret = review.policy_regret;
  const audit = review.decision_audit;
  return (
    <Panel
      title="Decision audit"
      subtitle={`${audit.length} decision${audit.length === 1 ? "" : "s"} · policy regret ${signedBps(regret.bps)} (${formatUsd(regret.usd)})`}
      testId="decision-audit"
    >
      {audit.length === 0 ? (
        <EmptyState title="No routing decisions recorded">Decisions appear once the router has sent child orders.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="num w-full border-collapse text-xs">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={cx(TH, "text-left")}>Time (UTC)</th>
                <th className={cx(TH, "text-left")}>Router</th>
                <th className={cx(TH, "text-left")}>Chosen venues · est → realized</th>
                <th className={cx(TH, "text-left")} title="The cheaper of the router's own routing and the best single venue for the whole decision, on the same realized-equivalent basis (bps)">
                  Best alternative
                </th>
                <th className={cx(TH, "text-right")} title="chosen − best single venue (bps); > 0 = a single venue would have done better, < 0 = the router's split beat every venue alone">
                  Selection error
                </th>
                <th className={cx(TH, "text-right")} title="realized − estimated">
                  Forecast error
                </th>
                <th className={cx(TH, "text-right")}>
                  <span className="sr-only">Score parts</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {audit.map((d) => {
                const expanded = open.has(d.decision_id);
                const parts = [...new Set(d.chosen.flatMap((c) => Object.keys(c.score_parts)))];
                return (
                  <Fragment key={d.decision_id}>
                    <tr className="border-b border-slate-100 align-top hover:bg-slate-50/70" data-testid={`audit-row-${d.decision_id}`}>
                      <td className={cx(TD, "text-slate-600")}>{formatTimeNs(d.at_ns).replace(" UTC", "")}</td>
                      <td className={TD}>
                        <Badge>{d.router_version}</Badge>
                        <span className="ml-1 text-[10px] text-slate-400" title="cost model version">
                          {d.cost_model_version}
                        </span>
                      </td>
                      <td className={TD}>
                        <ul className="space-y-0.5">
                          {d.chosen.map((c) => (
                            <li key={c.venue} className="flex items-center gap-1.5">
                              <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: VENUE_COLORS[c.venue] }} />
                              <span className="w-16 font-medium text-slate-800">{c.venue}</span>
                              <span className="w-16 text-right text-slate-600">{formatQty(c.qty)}</span>
                              <span className="w-14 text-right text-slate-700">{formatBps(c.est_cost_bps, { unit: false })}</span>
                              <span className="text-slate-400">→</span>
                              <span className={cx("w-14 text-right", TONE_TEXT[errorTone(c.realized_cost_bps === null ? null : c.realized_cost_bps - c.est_cost_bps)])}>
                                {formatBps(c.realized_cost_bps, { unit: false })}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className={TD}>
                        <BestAlternativeCell decision={d} />
                      </td>
                      <td className={cx(TD, "text-right font-medium", TONE_TEXT[errorTone(d.selection_error_bps)])}>{signedBps(d.selection_error_bps)}</td>
                      <td className={cx(TD, "text-right font-medium", TONE_TEXT[errorTone(d.forecast_error_bps)])}>{signedBps(d.forecast_error_bps)}</td>
                      <td className={cx(TD, "text-right")}>
                        {parts.length > 0 && (
                          <button
                            type="button"
                            aria-expanded={expanded}
                            onClick={() => toggle(d.decision_id)}
                            data-testid="audit-expand"
                            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[11px] font-medium text-slate-700 hover:bg-slate-50"
                          >
                            {expanded ? "Hide parts" : "Score parts"}
                          </button>
                        )}
                      </td>
                    </tr>
                    {expanded && (
                      <tr className="border-b border-slate-100 bg-slate-50/60" data-testid={`audit-parts-${d.decision_id}`}>
                        <td />
                        <td colSpan={6} className="px-2 py-2">
                          <table className="num border-collapse text-[11px]">
                            <thead>
                              <tr>
                                <th className="px-2 py-0.5 text-left font-semibold text-slate-500">Venue</th>
                                {parts.map((p) => (
                                  <th key={p} className="px-2 py-0.5 text-right font-semibold text-slate-500">
                                    {partLabel(p)}
                                  </th>
                                ))}
                              </tr>
                            </thead>
                            <tbody>
                              {d.chosen.map((c) => (
                                <tr key={c.venue}>
                                  <td className="px-2 py-0.5 font-medium text-slate-800">{c.venue}</td>
                                  {parts.map((p) => (
                                    <td key={p} className="px-2 py-0.5 text-right text-slate-700">
                                      {formatBps(c.score_parts[p], { unit: false })}
                                    </td>
                                  ))}
                                </tr>
                              ))}
                            </tbody>
                          </table>
                          <p className="mt-1 text-[10px] text-slate-400">score parts in bps · decision {d.decision_id}</p>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

type AuditRow = ReviewResponse["decision_audit"][number];

/** "Router's routing" when nothing beat it (with the best single venue for reference), else the venue and what it would have saved. */
function BestAlternativeCell({ decision: d }: { decision: AuditRow }) {
  const alt = d.best_alternative;
  if (!alt) return <span className="text-slate-300">—</span>;
  if (alt.kind === "routed" || alt.venue === null) {
    return (
      <span className="flex flex-col" data-testid="best-alternative">
        <span className="font-medium text-emerald-700">Router&apos;s routing · {formatBps(alt.cost_bps)}</span>
        {d.counterfactual_best && (
          <span className="text-[11px] text-slate-500">
            best single venue {d.counterfactual_best.venue} {formatBps(d.counterfactual_best.cost_bps)}
          </span>
        )}
      </span>
    );
  }
  return (
    <span className="flex flex-col" data-testid="best-alternative">
      <span className="flex items-center gap-1.5">
        <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: VENUE_COLORS[alt.venue] }} />
        <span className="font-medium text-slate-800">{alt.venue} alone</span>
        <span className="text-slate-600">{formatBps(alt.cost_bps)}</span>
      </span>
      <span className="text-[11px] text-amber-700">would have saved {formatBps(alt.saving_bps)}</span>
    </span>
  );
}
