"use client";

import { GlossaryTerm } from "@/components/ui/glossary-term";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useCallback, useId, useState, type FormEvent } from "react";
import { useDecisions, type RoutingDecision } from "@/lib/queries/live";
import { useStickyError } from "@/lib/queries/use-sticky-error";
import { formatBps, formatDateTimeNs, formatPrice, formatQty, formatTimeNs, priceDecimals } from "@/lib/format";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { candidateRows, LAST_N_OPTIONS, legsSummary, newestFirst, parseLastN, scorePartColumns, scorePartLabel, type LastN } from "./decisions-math";
import { INPUT, Segmented } from "./order-form";
import { baseAsset } from "./order-form-state";
import { shortId } from "./orders-math";
import { TH, TD } from "@/components/ui/table-cells";

const COLUMNS = 10;

/** ?node_order_id=&last_n= in the URL so a filtered view can be linked (Orders and Live link here). */
function useDecisionFilters(): [{ nodeOrderId: string | undefined; lastN: LastN }, (patch: { nodeOrderId?: string | undefined; lastN?: LastN }) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const nodeOrderId = params.get("node_order_id")?.trim() || undefined;
  const lastN = parseLastN(params.get("last_n"));
  const update = useCallback(
    (patch: { nodeOrderId?: string | undefined; lastN?: LastN }) => {
      const next = { nodeOrderId, lastN, ...patch };
      const q = new URLSearchParams();
      if (next.nodeOrderId) q.set("node_order_id", next.nodeOrderId);
      if (next.lastN !== 20) q.set("last_n", String(next.lastN));
      const query = q.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, nodeOrderId, lastN],
  );
  return [{ nodeOrderId, lastN }, update];
}

/**
 * Decisions: the smart order router's stored decisions, newest first — what it considered,
 * what it left out and why, and what it sent. Each row opens the per-venue score parts in
 * bps. Filter by node order (from the URL) and how many to show.
 */
export function DecisionsView() {
  const [filters, setFilters] = useDecisionFilters();
  const decisions = useDecisions({ nodeOrderId: filters.nodeOrderId, lastN: filters.lastN });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const scope = `${filters.nodeOrderId ?? ""}|${filters.lastN}`;
  const current = decisions.data !== undefined && !decisions.isPlaceholderData;
  const error = useStickyError(decisions.error, current, scope);
  const rows = decisions.data ? newestFirst(decisions.data.decisions) : [];

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3" data-testid="decisions-page">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold text-slate-900">Decisions</h1>
        <span className="text-xs text-slate-500">every routing decision of the smart order router, with the reasoning stored when it was made · refreshes every 5 s</span>
      </div>

      <div className="flex flex-wrap items-end gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2 shadow-sm" data-testid="decisions-filters">
        <NodeOrderFilter value={filters.nodeOrderId} onApply={(nodeOrderId) => setFilters({ nodeOrderId })} />
        <div>
          <span className="block text-[10px] font-semibold uppercase tracking-wider text-slate-500">Show last</span>
          <div className="mt-1">
            <Segmented
              label="Number of decisions"
              options={LAST_N_OPTIONS.map((n) => ({ value: String(n), label: String(n) }))}
              value={String(filters.lastN)}
              onChange={(v) => setFilters({ lastN: parseLastN(v) })}
              testIdPrefix="last-n"
            />
          </div>
        </div>
        {filters.nodeOrderId && (
          <Link href={`/live/${encodeURIComponent(filters.nodeOrderId)}`} className="pb-1.5 text-xs font-medium text-sky-700 hover:underline">
            Open this order live →
          </Link>
        )}
      </div>

      {error && (
        <ErrorState
          error={error}
          title={decisions.data ? "Decisions are not updating — showing the last good list" : "Could not load decisions"}
          onRetry={() => void decisions.refetch()}
          compact={Boolean(decisions.data)}
          scope="decisions"
        />
      )}

      <Panel
        title="Routing decisions"
        subtitle={decisions.data ? `${rows.length} shown, newest first${filters.nodeOrderId ? ` · node order ${shortId(filters.nodeOrderId, 10)}` : ""}` : undefined}
        actions={decisions.isPlaceholderData ? <Badge tone="blue">updating…</Badge> : undefined}
      >
        {!decisions.data ? (
          error ? null : <SkeletonRows rows={6} cols={8} label="Loading decisions" />
        ) : rows.length === 0 ? (
          <EmptyState title={filters.nodeOrderId ? "No decisions for this node order" : "No routing decisions yet"}>
            {filters.nodeOrderId ? "The router has not routed any part of this order yet, or the id is not one of your desk's node orders." : "Decisions appear once orders are sent through the smart order router."}
          </EmptyState>
        ) : (
          <div className={cx("overflow-x-auto transition-opacity", decisions.isPlaceholderData && "opacity-60")}>
            <table className="num w-full border-collapse text-xs" data-testid="decisions-table">
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th className={cx(TH, "w-6")}>
                    <span className="sr-only">Expand</span>
                  </th>
                  <th className={cx(TH, "text-left")}>Time (UTC)</th>
                  <th className={cx(TH, "text-left")}>Node order</th>
                  <th className={cx(TH, "text-left")}>Symbol</th>
                  <th className={cx(TH, "text-left")}>Side</th>
                  <th className={cx(TH, "text-right")}>Qty</th>
                  <th className={cx(TH, "text-left")}>Router</th>
                  <th className={cx(TH, "text-left")}>Legs</th>
                  <th className={cx(TH, "text-right")}>Candidates</th>
                  <th className={cx(TH, "text-right")}><GlossaryTerm term="est_cost" /></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => {
                  const expanded = open.has(d.decision_id);
                  return (
                    <Fragment key={d.decision_id}>
                      <tr
                        data-testid={`decision-row-${d.decision_id}`}
                        data-expanded={expanded || undefined}
                        onClick={() => toggle(d.decision_id)}
                        className={cx("cursor-pointer border-b border-slate-100 hover:bg-slate-50/70", expanded && "bg-slate-50")}
                      >
                        <td className={cx(TD, "text-center")}>
                          <button
                            type="button"
                            aria-expanded={expanded}
                            aria-label={expanded ? "Hide details" : "Show details"}
                            onClick={(e) => {
                              e.stopPropagation();
                              toggle(d.decision_id);
                            }}
                            className="grid size-5 place-items-center rounded text-slate-500 hover:bg-slate-200"
                          >
                            <span aria-hidden className={cx("inline-block transition-transform", expanded && "rotate-90")}>
                              ▸
                            </span>
                          </button>
                        </td>
                        <td className={cx(TD, "text-slate-600")} title={formatDateTimeNs(d.at_ns)}>
                          {formatTimeNs(d.at_ns).replace(" UTC", "")}
                        </td>
                        <td className={TD}>
                          <Link
                            href={`/decisions?node_order_id=${encodeURIComponent(d.node_order_id)}`}
                            onClick={(e) => e.stopPropagation()}
                            className="font-mono text-sky-700 hover:underline"
                            title={`node order ${d.node_order_id} · order ${d.order_id}`}
                          >
                            {shortId(d.node_order_id)}
                          </Link>
                        </td>
                        <td className={cx(TD, "font-medium text-slate-800")}>{d.symbol}</td>
                        <td className={cx(TD, "font-semibold uppercase", d.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{d.side}</td>
                        <td className={cx(TD, "text-right text-slate-800")}>
                          {formatQty(d.qty)} <span className="text-slate-400">{baseAsset(d.symbol)}</span>
                        </td>
                        <td className={TD}>
                          <Badge>{d.router_version}</Badge>
                        </td>
                        <td className={cx(TD, "max-w-80 truncate text-slate-700")} title={legsSummary(d.legs, 10)}>
                          {legsSummary(d.legs)}
                        </td>
                        <td className={cx(TD, "text-right text-slate-600")}>
                          {d.candidates.length}
                          {d.exclusions.length > 0 && <span className="text-amber-700"> · {d.exclusions.length} excl.</span>}
                        </td>
                        <td className={cx(TD, "text-right font-semibold text-slate-900")}>{formatBps(d.est_cost_bps)}</td>
                      </tr>
                      {expanded && (
                        <tr className="border-b border-slate-200 bg-slate-50/60">
                          <td colSpan={COLUMNS} className="px-3 py-3">
                            <DecisionDetail decision={d} />
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
    </div>
  );
}

function NodeOrderFilter({ value, onApply }: { value: string | undefined; onApply: (value: string | undefined) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  // Follow the URL when it changes from elsewhere (a link, the back button).
  if (value !== seen) {
    setSeen(value);
    setDraft(value ?? "");
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft.trim() || undefined);
  }
  return (
    <form onSubmit={submit} className="flex items-end gap-2" data-testid="decisions-node-filter">
      <div>
        <label htmlFor={id} className="block text-[10px] font-semibold uppercase tracking-wider text-slate-500">
          Node order id
        </label>
        <input
          id={id}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="all node orders"
          autoComplete="off"
          spellCheck={false}
          className={cx(INPUT, "mt-1 w-72 font-mono text-xs")}
        />
      </div>
      <button type="submit" className="h-[30px] rounded-md bg-slate-900 px-3 text-xs font-semibold text-white hover:bg-slate-800">
        Filter
      </button>
      {value && (
        <button
          type="button"
          onClick={() => onApply(undefined)}
          className="h-[30px] rounded-md border border-slate-300 bg-white px-3 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          Clear
        </button>
      )}
    </form>
  );
}

function DecisionDetail({ decision: d }: { decision: RoutingDecision }) {
  const columns = scorePartColumns(d.candidates);
  const rows = candidateRows(d, columns);
  const decimals = priceDecimals(d.mid ?? d.candidates.find((c) => c.touch_price !== null)?.touch_price ?? 1);
  const base = baseAsset(d.symbol);
  return (
    <div className="space-y-3" data-testid="decision-detail" data-decision-id={d.decision_id}>
      <p className="num text-[11px] text-slate-500">
        decision <code className="font-mono text-slate-700">{d.decision_id}</code> · order <code className="font-mono text-slate-700">{d.order_id}</code> · <GlossaryTerm term="routing_mid">routing mid</GlossaryTerm>{" "}
        {formatPrice(d.mid, { decimals })} · router {d.router_version} · {formatDateTimeNs(d.at_ns)}
      </p>

      <div>
        <h3 className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">Candidates · score parts in bps (lower is better)</h3>
        {rows.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">No venue was a candidate.</p>
        ) : (
          <div className="mt-1 overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="num w-full border-collapse text-xs" data-testid="decision-candidates">
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th className={cx(TH, "text-left")}>Venue</th>
                  <th className={cx(TH, "text-left")}>Status</th>
                  <th className={cx(TH, "text-right")}>Touch</th>
                  <th className={cx(TH, "text-right")}>Depth</th>
                  {columns.map((c) => (
                    <th key={c} className={cx(TH, "text-right")} title={c} data-testid={`score-col-${c}`}>
                      {scorePartLabel(c)}
                    </th>
                  ))}
                  <th className={cx(TH, "text-right")}>Total</th>
                  <th className={cx(TH, "text-right")}>Sent</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.venue} className={cx("border-b border-slate-100 last:border-b-0", r.legQty > 0 && "bg-emerald-50/50")} data-testid={`candidate-${r.venue}`}>
                    <td className={cx(TD, "font-medium text-slate-800")}>
                      <span aria-hidden className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[r.venue] }} />
                      {r.venue}
                    </td>
                    <td className={TD}>
                      <Badge tone={r.status === "chosen" ? "green" : r.status === "unused" ? "neutral" : "amber"}>{r.status.replace(/_/g, " ")}</Badge>
                    </td>
                    <td className={cx(TD, "text-right text-slate-700")}>{formatPrice(r.touchPrice, { decimals })}</td>
                    <td className={cx(TD, "text-right text-slate-600")}>
                      {formatQty(r.depthQty)} <span className="text-slate-400">{base}</span>
                    </td>
                    {r.parts.map((v, i) => (
                      <td key={columns[i]} className={cx(TD, "text-right", v === null ? "text-slate-300" : v < 0 ? "text-emerald-700" : "text-slate-700")}>
                        {v === null ? "—" : formatBps(v, { unit: false })}
                      </td>
                    ))}
                    <td className={cx(TD, "text-right font-semibold text-slate-900")}>{formatBps(r.total, { unit: false })}</td>
                    <td className={cx(TD, "text-right", r.legQty > 0 ? "font-medium text-emerald-800" : "text-slate-300")}>{r.legQty > 0 ? formatQty(r.legQty) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <div>
          <h3 className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">Exclusions</h3>
          {d.exclusions.length === 0 ? (
            <p className="mt-1 text-xs text-slate-500">No venue was excluded.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 rounded border border-slate-200 bg-white" data-testid="decision-exclusions">
              {d.exclusions.map((x, i) => (
                <li key={`${x.venue}-${i}`} className="flex items-start gap-2 px-2.5 py-1.5 text-xs">
                  <span className="flex w-24 shrink-0 items-center gap-1.5 font-medium text-slate-800">
                    <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[x.venue] }} />
                    {x.venue}
                  </span>
                  <Badge tone="amber">{x.reason.replace(/_/g, " ")}</Badge>
                  <span className="min-w-0 text-slate-600">{x.detail}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">Legs sent</h3>
          {d.legs.length === 0 ? (
            <p className="mt-1 text-xs text-slate-500">Nothing was sent.</p>
          ) : (
            <table className="num mt-1 w-full border-collapse rounded border border-slate-200 bg-white text-xs" data-testid="decision-legs">
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th className={cx(TH, "text-left")}>Venue</th>
                  <th className={cx(TH, "text-right")}>Qty</th>
                  <th className={cx(TH, "text-right")}>Limit</th>
                  <th className={cx(TH, "text-right")}><GlossaryTerm term="est_cost" /></th>
                </tr>
              </thead>
              <tbody>
                {d.legs.map((l, i) => (
                  <tr key={`${l.venue}-${i}`} className="border-b border-slate-100 last:border-b-0">
                    <td className={cx(TD, "font-medium text-slate-800")}>
                      <span aria-hidden className="mr-1.5 inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[l.venue] }} />
                      {l.venue}
                    </td>
                    <td className={cx(TD, "text-right text-slate-800")}>{formatQty(l.qty)}</td>
                    <td className={cx(TD, "text-right text-slate-600")}>{l.limit_price === null ? "market" : formatPrice(l.limit_price, { decimals })}</td>
                    <td className={cx(TD, "text-right text-slate-900")}>{formatBps(l.est_cost_bps)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="num mt-1 text-right text-xs text-slate-600">
            decision est. cost <span className="font-semibold text-slate-900">{formatBps(d.est_cost_bps)}</span>
          </p>
        </div>
      </div>
    </div>
  );
}
