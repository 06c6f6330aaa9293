"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useMarketUniverse } from "@/lib/queries/market-status";
import { isApiClientError, isRetryable, type ApiClientError } from "@/lib/queries/api-fetch";
import { useCreateOrder, usePreview } from "@/lib/queries/orders";
import { useForecast } from "@/lib/queries/pretrade";
import { formatPrice, formatQty, formatUsdCompact } from "@/lib/format";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { ErrorState } from "@/components/ui/states";
import { FormField, INPUT, Segmented } from "./order-form";
import { baseAsset, defaultQty } from "./order-form-state";
import {
  buildOrderBody,
  buildSimpleBody,
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
import { SymbolSelector } from "./symbol-selector";
import { TicketChecks } from "./ticket-checks";
import { TicketForecast } from "./ticket-forecast";
import { TicketResult } from "./ticket-result";

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
