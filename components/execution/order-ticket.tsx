"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useMarketUniverse } from "@/lib/queries/market-status";
import type { PreviewResponse } from "@/lib/contracts/orders";
import type { ForecastResponse } from "@/lib/contracts/pretrade";
import { isApiClientError, isRetryable, type ApiClientError } from "@/lib/queries/api-fetch";
import { useCreateOrder, usePreview, type OrderResponse } from "@/lib/queries/orders";
import { useForecast } from "@/lib/queries/pretrade";
import { formatBps, formatPrice, formatQty, formatUsd, formatUsdCompact } from "@/lib/format";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { VenueMix } from "./forecast-venues";
import { FormField, INPUT, Segmented } from "./order-form";
import { baseAsset, defaultQty } from "./order-form-state";
import {
  buildOrderBody,
  buildSimpleBody,
  liveTargetOf,
  newClientRequestId,
  pacingSummary,
  ticketErrorsFrom,
  ticketForecastParams,
  ticketFromParams,
  ticketKey,
  validateTicket,
  type TicketErrors,
  type TicketOrder,
  type TicketState,
  type TicketVenue,
} from "./order-ticket-state";
import { OrderStatusBadge } from "./orders-status";
import { SymbolSelector } from "./symbol-selector";

/** Pause after the last edit before the forecast and checks are asked for again. */
const CHECK_DEBOUNCE_MS = 400;

const SIDES = [
  { value: "buy", label: "Buy" },
  { value: "sell", label: "Sell" },
] as const;

const URGENCIES = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
] as const;

/** `value` once it has stayed the same (by `key`) for `ms`; the first value at once. */
function useDebounced<T>(value: T, key: string, ms: number): { value: T; key: string } {
  const [settled, setSettled] = useState({ value, key });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ value, key }), ms);
    return () => clearTimeout(timer);
  }, [value, key, ms, settled.key]);
  return settled;
}

/**
 * The order ticket: symbol, side, quantity, optional limit, a venue or the smart order
 * router, urgency and optional TWAP pacing (sent as a one-node graph with `pacing`). Before
 * sending it shows the pre-trade forecast (P50/P90, venue mix) and the preview's checks;
 * Send stays disabled while the checks for the current order are not in, or one fails.
 * Retrying an unchanged order reuses its client_request_id, so it is never placed twice.
 */
export function OrderTicket({ canTrade }: { canTrade: boolean }) {
  const id = useId();
  const params = useSearchParams();
  const universe = useMarketUniverse();
  const [ticket, setTicketState] = useState<TicketState>(() => ticketFromParams(params));
  const validated = useMemo(() => validateTicket(ticket), [ticket]);
  const order = validated.ok ? validated.order : null;
  const key = order ? ticketKey(order) : "invalid";
  const settled = useDebounced(order, key, CHECK_DEBOUNCE_MS);
  const settledOrder = settled.value;

  const forecastParams = useMemo(
    () => (settledOrder ? ticketForecastParams(settledOrder, universe.venuesFor(settledOrder.symbol)) : null),
    [settledOrder, universe],
  );
  const previewBody = useMemo(() => (settledOrder ? buildSimpleBody(settledOrder) : null), [settledOrder]);
  const forecast = useForecast(order ? forecastParams : null);
  const preview = usePreview(order ? previewBody : null);

  const create = useCreateOrder();
  const attempt = useRef<{ key: string; id: string } | null>(null);
  const [sentFor, setSentFor] = useState<TicketOrder | null>(null);

  const setTicket = (patch: Partial<TicketState>) => setTicketState((t) => ({ ...t, ...patch }));

  const previewCurrent = order !== null && settled.key === key && preview.data !== undefined && !preview.isPlaceholderData;
  const previewRejected = isApiClientError(preview.error) && preview.error.status === 422 ? preview.error : null;
  const createRejected = isApiClientError(create.error) && create.error.status === 422 ? create.error : null;
  const errors: TicketErrors = {
    ...(previewRejected && settled.key === key ? ticketErrorsFrom(previewRejected.details) : {}),
    ...(createRejected && sentFor && ticketKey(sentFor) === key ? ticketErrorsFrom(createRejected.details) : {}),
    ...(validated.ok ? {} : validated.errors),
  };
  const failedChecks = previewCurrent ? preview.data.checks.filter((c) => c.status === "fail") : [];
  // The checks could not be run for a reason other than the order (network, 5xx): the API still checks on send.
  const previewUnavailable = preview.error !== null && isRetryable(preview.error) && settled.key === key && !previewCurrent;

  const blocked: string | null = !canTrade
    ? "Your key's role cannot place orders"
    : !order
      ? "Fix the highlighted fields"
      : previewRejected && settled.key === key
        ? "The order does not validate"
        : failedChecks.length > 0
          ? `${failedChecks.length} pre-trade check${failedChecks.length === 1 ? "" : "s"} failed`
          : !previewCurrent && !previewUnavailable
            ? "Checking the order…"
            : null;

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!order || blocked !== null || create.isPending) return;
    const k = ticketKey(order);
    const requestId = attempt.current?.key === k ? attempt.current.id : newClientRequestId();
    attempt.current = { key: k, id: requestId };
    setSentFor(order);
    create.mutate(buildOrderBody(order, requestId), {
      onSuccess: () => {
        // Sending the same ticket again is a new order.
        attempt.current = null;
      },
    });
  }

  const base = baseAsset(ticket.symbol);
  const tradable = universe.venuesFor(ticket.symbol);
  const mid = forecast.data?.symbol === ticket.symbol ? forecast.data.mid : null;
  const qtyNumber = order?.qty ?? null;
  const notional = qtyNumber !== null && mid ? qtyNumber * mid : null;

  return (
    <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,30rem)_minmax(0,1fr)]">
      <Panel title="Order ticket" subtitle={ticket.paced ? "TWAP · one-node graph" : "simple order"} testId="order-ticket">
        <form onSubmit={send} noValidate className="space-y-3 p-3">
          <FormField label="Symbol" error={errors.symbol}>
            <SymbolSelector
              symbols={universe.symbols}
              value={ticket.symbol}
              onChange={(symbol) => symbol !== ticket.symbol && setTicket({ symbol, qty: defaultQty(symbol), limit: "" })}
            />
          </FormField>

          <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
            <FormField label="Side" error={errors.side}>
              <Segmented
                label="Side"
                options={SIDES}
                value={ticket.side}
                onChange={(side) => setTicket({ side })}
                testIdPrefix="ticket-side"
                tone={(s) => (s === "buy" ? "bg-emerald-600 text-white" : "bg-rose-600 text-white")}
              />
            </FormField>
            <FormField label="Urgency" error={errors.urgency}>
              <Segmented label="Urgency" options={URGENCIES} value={ticket.urgency} onChange={(urgency) => setTicket({ urgency })} testIdPrefix="ticket-urgency" />
            </FormField>
          </div>

          <div className="grid grid-cols-2 gap-3">
            <FormField
              label={`Quantity (${base})`}
              htmlFor={`${id}-qty`}
              error={errors.qty}
              errorTestId="ticket-qty-error"
              hint={notional !== null ? `≈ ${formatUsdCompact(notional)} notional` : `in ${base}`}
            >
              <div className="relative">
                <input
                  id={`${id}-qty`}
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  value={ticket.qty}
                  onChange={(e) => setTicket({ qty: e.target.value })}
                  aria-invalid={errors.qty ? true : undefined}
                  aria-describedby={errors.qty ? `${id}-qty-error` : undefined}
                  data-testid="ticket-qty"
                  className={cx(INPUT, "pr-12 text-right")}
                />
                <span className="pointer-events-none absolute inset-y-0 right-2 flex items-center text-xs font-medium text-slate-400">{base}</span>
              </div>
            </FormField>
            <FormField
              label="Limit price (optional)"
              htmlFor={`${id}-limit`}
              error={errors.limit}
              errorTestId="ticket-limit-error"
              hint={mid ? `mid ${formatPrice(mid)} · empty = market` : "empty = market order"}
            >
              <input
                id={`${id}-limit`}
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                placeholder="market"
                value={ticket.limit}
                onChange={(e) => setTicket({ limit: e.target.value })}
                aria-invalid={errors.limit ? true : undefined}
                aria-describedby={errors.limit ? `${id}-limit-error` : undefined}
                data-testid="ticket-limit"
                className={cx(INPUT, "text-right")}
              />
            </FormField>
          </div>

          <FormField label="Venue" htmlFor={`${id}-venue`} error={errors.venue} hint={ticket.venue === "sor" ? "the router splits across all venues" : `sent to ${ticket.venue} only`}>
            <div className="flex items-center gap-2">
              <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-sm" style={{ background: ticket.venue === "sor" ? "#0f172a" : VENUE_COLORS[ticket.venue] }} />
              <select
                id={`${id}-venue`}
                value={ticket.venue}
                onChange={(e) => setTicket({ venue: e.target.value as TicketVenue })}
                data-testid="ticket-venue"
                className={cx(INPUT, "font-sans")}
              >
                <option value="sor">Smart order router (all venues)</option>
                {tradable.map((v) => (
                  <option key={v} value={v}>
                    {v} only
                  </option>
                ))}
              </select>
            </div>
          </FormField>

          <fieldset className="rounded border border-slate-200 bg-slate-50/60 px-2.5 py-2">
            <label className="flex cursor-pointer items-center gap-2 text-xs font-medium text-slate-700">
              <input
                type="checkbox"
                checked={ticket.paced}
                onChange={(e) => setTicket({ paced: e.target.checked })}
                data-testid="ticket-paced"
                className="size-3.5 accent-slate-900"
              />
              TWAP pacing
              <span className="font-normal text-slate-400">split into equal slices sent at a fixed interval</span>
            </label>
            {ticket.paced && (
              <div className="mt-2 grid grid-cols-2 gap-3">
                <FormField label="Slices" htmlFor={`${id}-slices`} error={errors.slices} errorTestId="ticket-slices-error">
                  <input
                    id={`${id}-slices`}
                    inputMode="numeric"
                    autoComplete="off"
                    value={ticket.slices}
                    onChange={(e) => setTicket({ slices: e.target.value })}
                    aria-invalid={errors.slices ? true : undefined}
                    data-testid="ticket-slices"
                    className={cx(INPUT, "text-right")}
                  />
                </FormField>
                <FormField label="Interval (s)" htmlFor={`${id}-interval`} error={errors.intervalS} errorTestId="ticket-interval-error">
                  <input
                    id={`${id}-interval`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={ticket.intervalS}
                    onChange={(e) => setTicket({ intervalS: e.target.value })}
                    aria-invalid={errors.intervalS ? true : undefined}
                    data-testid="ticket-interval"
                    className={cx(INPUT, "text-right")}
                  />
                </FormField>
                {order?.pacing && <p className="num col-span-2 text-[11px] text-slate-500">{pacingSummary(order.pacing)}</p>}
              </div>
            )}
          </fieldset>

          <div className="flex items-center gap-3 border-t border-slate-100 pt-3">
            <button
              type="submit"
              data-testid="ticket-send"
              disabled={blocked !== null || create.isPending}
              title={blocked ?? undefined}
              className={cx(
                "inline-flex h-[32px] items-center gap-1.5 rounded-md px-4 text-sm font-semibold text-white shadow-sm focus:outline-none focus:ring-2 focus:ring-offset-1 disabled:cursor-not-allowed disabled:opacity-50",
                ticket.side === "buy" ? "bg-emerald-600 hover:bg-emerald-700 focus:ring-emerald-300" : "bg-rose-600 hover:bg-rose-700 focus:ring-rose-300",
              )}
            >
              {create.isPending ? (
                <>
                  <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-white/40 border-t-white" />
                  Sending…
                </>
              ) : (
                <>
                  Send {ticket.side} {order ? formatQty(order.qty) : ""} {base}
                </>
              )}
            </button>
            <p className="min-w-0 text-xs text-slate-500" data-testid="ticket-send-state">
              {blocked ?? (previewUnavailable ? "Checks unavailable — the API checks again on send" : "Ready to send")}
            </p>
          </div>
        </form>

        {create.isSuccess && <TicketResult response={create.data} order={sentFor} />}
        {create.isError && (
          <div className="border-t border-slate-100 p-3" data-testid="ticket-error" data-code={create.error.code} data-status={create.error.status}>
            <ErrorState error={create.error} title={ticketErrorTitle(create.error)} compact />
          </div>
        )}
      </Panel>

      <div className="space-y-3">
        <TicketForecast forecast={forecast.data} error={forecast.error} loading={order !== null && forecast.isPending} stale={forecast.isPlaceholderData || settled.key !== key} order={order} />
        <TicketChecks preview={preview.data} error={preview.error} loading={order !== null && preview.isPending} stale={!previewCurrent} order={order} />
      </div>
    </div>
  );
}

function ticketErrorTitle(error: ApiClientError): string {
  if (error.status === 409) return "The order was refused (conflict)";
  if (error.status === 403) return "Not allowed to place orders";
  if (error.status === 422) return "The order was rejected";
  return "The order was not placed";
}

function TicketResult({ response, order }: { response: OrderResponse; order: TicketOrder | null }) {
  const o = response.order;
  const target = liveTargetOf(response);
  const refused = o.status === "REJECTED" || o.status === "FAILED";
  return (
    <div
      className={cx("border-t border-slate-100 p-3 text-sm", refused ? "bg-rose-50/60" : "bg-emerald-50/50")}
      data-testid="ticket-result"
      data-order-id={o.order_id}
      data-node-order-id={target}
      data-status={o.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={cx("text-xs font-semibold uppercase tracking-wide", refused ? "text-rose-800" : "text-emerald-800")}>
          {refused ? `Order ${o.status.toLowerCase()}${o.reject_reason ? `: ${o.reject_reason.replace(/_/g, " ").toLowerCase()}` : ""}` : "Order accepted"}
        </span>
        <OrderStatusBadge status={o.status} title={o.reject_reason ?? undefined} />
        {o.sandbox && <Badge tone="amber">sandbox</Badge>}
      </div>
      <p className="num mt-1 text-xs text-slate-600">
        <span className={cx("font-semibold uppercase", o.side === "buy" ? "text-emerald-700" : "text-rose-700")}>{o.side}</span> {formatQty(o.qty)} {baseAsset(o.symbol)}
        {order?.pacing ? ` · ${pacingSummary(order.pacing)}` : ""} · order <code className="font-mono text-slate-800">{o.order_id}</code>
        {response.nodes.length > 0 && ` · ${response.nodes.length} node order${response.nodes.length === 1 ? "" : "s"}`}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Link
          href={`/live/${encodeURIComponent(target)}`}
          data-testid="ticket-live-link"
          className="inline-flex items-center rounded-md bg-slate-900 px-3 py-1 text-xs font-semibold text-white hover:bg-slate-800"
        >
          Watch live →
        </Link>
        <Link
          href={`/decisions?node_order_id=${encodeURIComponent(target)}`}
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          Routing decisions
        </Link>
      </div>
    </div>
  );
}

function Figure({ label, value, sub, tone, testId }: { label: string; value: string; sub?: string; tone?: "amber"; testId?: string }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 px-2.5 py-1.5" data-testid={testId}>
      <div className="truncate text-[10px] font-semibold uppercase tracking-wider text-slate-500">{label}</div>
      <div className={cx("num truncate text-base font-semibold leading-6", tone === "amber" ? "text-amber-700" : "text-slate-900")}>{value}</div>
      {sub !== undefined && <div className="num truncate text-[11px] text-slate-500">{sub}</div>}
    </div>
  );
}

function usd(value: number): string {
  return value < 0 ? `${formatUsd(-value)} gain` : formatUsd(value);
}

function TicketForecast({
  forecast,
  error,
  loading,
  stale,
  order,
}: {
  forecast: ForecastResponse | undefined;
  error: ApiClientError | null;
  loading: boolean;
  stale: boolean;
  order: TicketOrder | null;
}) {
  return (
    <Panel
      title="Forecast before sending"
      subtitle={forecast ? `${forecast.model_version} · ${forecast.source.market} market` : "P50 / P90 cost vs arrival mid"}
      actions={stale && forecast ? <Badge tone="blue">updating…</Badge> : undefined}
      testId="ticket-forecast"
    >
      {!order ? (
        <EmptyState title="Enter a valid order to see its forecast" />
      ) : error && !forecast ? (
        <div className="p-3">
          <ErrorState error={error} title="Could not forecast this order" compact scope="ticket-forecast" />
        </div>
      ) : loading || !forecast ? (
        <div className="grid grid-cols-2 gap-2 p-3 md:grid-cols-4" role="status" aria-label="Loading forecast">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-14" />
          ))}
        </div>
      ) : (
        <div className={cx("grid grid-cols-1 gap-0 transition-opacity lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]", stale && "opacity-60")}>
          <div className="space-y-2 p-3">
            <div className="grid grid-cols-2 gap-2">
              <Figure testId="ticket-p50" label="P50 expected" value={formatBps(forecast.expected_cost_bps)} sub={usd(forecast.expected_cost_usd)} />
              <Figure testId="ticket-p90" label="P90 downside" value={formatBps(forecast.downside_cost_bps)} sub={usd(forecast.downside_cost_usd)} tone="amber" />
            </div>
            <p className="num text-[11px] leading-4 text-slate-500">
              mid {formatPrice(forecast.mid)} · {forecast.complete ? "the visible books fill the whole order" : `only ${formatQty(forecast.fillable_qty)} fillable now`}
              {order.pacing ? " · forecast for the whole size at once; pacing spreads it out" : ""}
            </p>
            {forecast.warnings.length > 0 && (
              <ul className="list-disc space-y-0.5 pl-4 text-[11px] text-amber-800">
                {forecast.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-100 lg:border-t-0 lg:border-l">
            <p className="px-3 pt-2 text-[10px] font-semibold uppercase tracking-wider text-slate-500">Venue mix</p>
            <VenueMix mix={forecast.venue_mix} />
          </div>
        </div>
      )}
    </Panel>
  );
}

const CHECK_STYLE = {
  pass: { icon: "✓", className: "bg-emerald-100 text-emerald-700" },
  warn: { icon: "!", className: "bg-amber-100 text-amber-800" },
  fail: { icon: "✕", className: "bg-rose-100 text-rose-700" },
} as const;

function TicketChecks({
  preview,
  error,
  loading,
  stale,
  order,
}: {
  preview: PreviewResponse | undefined;
  error: ApiClientError | null;
  loading: boolean;
  stale: boolean;
  order: TicketOrder | null;
}) {
  const failed = preview?.checks.filter((c) => c.status === "fail").length ?? 0;
  const warned = preview?.checks.filter((c) => c.status === "warn").length ?? 0;
  return (
    <Panel
      title="Pre-trade checks"
      subtitle={preview ? `${preview.routing === "sor" ? `SOR ${preview.router}` : "direct"} · ${preview.legs.length} leg${preview.legs.length === 1 ? "" : "s"}` : "POST /v1/orders/preview"}
      actions={
        preview && !stale ? (
          failed > 0 ? (
            <Badge tone="red">{failed} failed</Badge>
          ) : warned > 0 ? (
            <Badge tone="amber">{warned} warning{warned === 1 ? "" : "s"}</Badge>
          ) : (
            <Badge tone="green">all pass</Badge>
          )
        ) : stale && preview ? (
          <Badge tone="blue">checking…</Badge>
        ) : undefined
      }
      testId="ticket-checks"
    >
      <div data-would-accept={preview && !stale ? String(preview.would_accept) : undefined} data-failed={preview && !stale ? failed : undefined}>
        {!order ? (
          <EmptyState title="No order to check yet" />
        ) : error && (!preview || !isRetryable(error)) ? (
          <div className="p-3">
            <ErrorState error={error} title={error.status === 422 ? "The order does not validate" : "Could not check this order"} compact scope="ticket-checks" />
          </div>
        ) : loading || !preview ? (
          <div className="space-y-2 p-3" role="status" aria-label="Checking order">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-4" />
            ))}
          </div>
        ) : (
          <div className={cx("grid grid-cols-1 transition-opacity lg:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)]", stale && "opacity-60")}>
            <ul className="grid grid-cols-1 content-start gap-x-2 sm:grid-cols-2">
              {preview.checks.map((c) => (
                <li key={c.check} className="flex items-start gap-2 border-b border-slate-100 px-3 py-1.5" data-testid={`ticket-check-${c.check}`} data-status={c.status}>
                  <span aria-label={c.status} className={cx("mt-px grid size-4 shrink-0 place-items-center rounded-full text-[10px] font-bold", CHECK_STYLE[c.status].className)}>
                    {CHECK_STYLE[c.status].icon}
                  </span>
                  <span className="min-w-0">
                    <span className="text-xs font-medium text-slate-800">{c.check.replace(/_/g, " ")}</span>
                    <span className="block text-[11px] leading-4 text-slate-500">{c.message}</span>
                  </span>
                </li>
              ))}
            </ul>
            <div className="border-t border-slate-100 p-3 lg:border-t-0 lg:border-l">
              <p className="text-[10px] font-semibold uppercase tracking-wider text-slate-500">Estimated</p>
              <dl className="num mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
                <dt className="text-slate-500">Avg price</dt>
                <dd className="text-right text-slate-800">{formatPrice(preview.estimated.avg_price)}</dd>
                <dt className="text-slate-500">Cost</dt>
                <dd className="text-right text-slate-800">
                  {formatBps(preview.estimated.cost_bps)} · {usd(preview.estimated.cost_usd)}
                </dd>
                <dt className="text-slate-500">P90</dt>
                <dd className="text-right text-amber-700">{formatBps(preview.estimated.p90_cost_bps)}</dd>
                <dt className="text-slate-500">Fees</dt>
                <dd className="text-right text-slate-800">{formatUsd(preview.estimated.fees_usd)}</dd>
                <dt className="text-slate-500">Notional</dt>
                <dd className="text-right text-slate-800">{formatUsdCompact(preview.notional_usd)}</dd>
              </dl>
              <p className="mt-2 text-[10px] font-semibold uppercase tracking-wider text-slate-500">Routing plan</p>
              {preview.legs.length === 0 ? (
                <p className="mt-1 text-xs text-slate-500">No venue can take any of this order now.</p>
              ) : (
                <ul className="num mt-1 space-y-0.5 text-xs">
                  {preview.legs.map((l) => (
                    <li key={l.venue} className="flex items-center justify-between gap-2">
                      <span className="flex items-center gap-1.5 text-slate-700">
                        <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: VENUE_COLORS[l.venue] }} />
                        {l.venue}
                      </span>
                      <span className="text-slate-600">
                        {formatQty(l.qty)} · {(l.fraction * 100).toFixed(0)}% · {formatBps(l.est_cost_bps, { unit: false })} bps
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {preview.unfilled_qty > 0 && <p className="num mt-1 text-[11px] text-amber-700">{formatQty(preview.unfilled_qty)} left unfilled by the plan</p>}
            </div>
          </div>
        )}
      </div>
    </Panel>
  );
}
