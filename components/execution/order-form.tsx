"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { VENUES, type VenueId } from "@/lib/contracts/common";
import { QtyParam } from "@/lib/contracts/pretrade";
import { formatUsdCompact } from "@/lib/format";
import { useMarketUniverse } from "@/lib/queries/market-status";
import { VENUE_COLORS } from "@/components/charts/venue-colors";
import { cx } from "@/components/ui/cx";
import { SymbolSelector } from "./symbol-selector";
import {
  baseAsset,
  defaultQty,
  orderFormSearch,
  type FieldErrors,
  type OrderFormState,
} from "./order-form-state";

/** How long the qty input waits after the last keystroke before the new size is applied. */
const QTY_DEBOUNCE_MS = 450;

/**
 * Form state kept in the URL query (`?symbol=&side=&qty=&exclude=…`) so a view can be
 * linked and reloaded. `parse` turns the query into a state (filling defaults); `update`
 * applies a patch and replaces the URL without scrolling or adding history entries.
 * URL updates land asynchronously, so patches made in quick succession (exclude a venue,
 * then flip the side) build on the last written state rather than the not-yet-updated URL.
 */
export function useUrlFormState<T extends OrderFormState>(
  parse: (params: URLSearchParams) => T,
): [T, (patch: Partial<T>) => void, () => T] {
  const params = useSearchParams();
  const pathname = usePathname();
  const search = params.toString();
  const state = useMemo(() => parse(new URLSearchParams(search)), [parse, search]);
  const pending = useRef<{ query: string; state: T } | null>(null);
  /** The newest state: the last one written if the URL has not caught up yet, else the URL's. */
  const latest = useCallback(
    () => (pending.current !== null && pending.current.query !== search ? pending.current.state : state),
    [search, state],
  );
  const update = useCallback(
    (patch: Partial<T>) => {
      const next: T = { ...latest(), ...patch };
      const query = orderFormSearch(next);
      pending.current = { query, state: next };
      // The native History API is integrated with the App Router (useSearchParams follows it)
      // and, unlike router.replace, does not fetch the page again for a query change.
      if (query !== search) window.history.replaceState(null, "", `${pathname}?${query}`);
    },
    [latest, pathname, search],
  );
  return [state, update, latest];
}

/**
 * A text input that owns what is being typed and reports every change, but follows `value`
 * when it changes from elsewhere (a link, the back button). Keeps typing smooth while the
 * URL it writes to updates asynchronously.
 */
export function DraftInput({
  value,
  onValue,
  ...props
}: { value: string; onValue: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // Values this input reported that the URL may still echo back, possibly out of date.
  const [sent, setSent] = useState<readonly string[]>([]);
  if (value !== seen) {
    setSeen(value);
    if (!sent.includes(value)) {
      setDraft(value);
      setSent([]);
    }
  }
  return (
    <input
      {...props}
      value={draft}
      onChange={(e) => {
        const next = e.target.value;
        setDraft(next);
        setSent((prev) => [...prev.slice(-15), next]);
        onValue(next);
      }}
    />
  );
}

export const INPUT =
  "num block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm outline-none placeholder:text-slate-400 focus:border-slate-500 focus:ring-2 focus:ring-slate-200 aria-[invalid=true]:border-rose-400 aria-[invalid=true]:ring-rose-100";
export const LABEL = "block text-[10px] font-semibold uppercase tracking-wider text-slate-500";

/** A labelled control with its validation message underneath. */
export function FormField({
  label,
  htmlFor,
  error,
  errorTestId,
  hint,
  children,
  className,
}: {
  label: ReactNode;
  htmlFor?: string;
  error?: string | undefined;
  errorTestId?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("min-w-0", className)}>
      {htmlFor ? (
        <label htmlFor={htmlFor} className={LABEL}>
          {label}
        </label>
      ) : (
        <span className={LABEL}>{label}</span>
      )}
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={htmlFor ? `${htmlFor}-error` : undefined} role="alert" className="mt-1 max-w-64 text-[11px] leading-4 text-rose-700" data-testid={errorTestId}>
          {error}
        </p>
      ) : hint ? (
        <p className="num mt-1 text-[11px] leading-4 text-slate-400">{hint}</p>
      ) : null}
    </div>
  );
}

/** Two or three mutually exclusive options as a compact segmented control. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  testIdPrefix,
  tone,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  testIdPrefix: string;
  tone?: (value: T) => string;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm">
      {options.map((o) => {
        const selected = o.value === value;
        return (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={selected}
            data-testid={`${testIdPrefix}-${o.value}`}
            onClick={() => onChange(o.value)}
            className={cx(
              "rounded px-2.5 py-1 text-xs font-semibold tracking-wide",
              selected ? (tone?.(o.value) ?? "bg-slate-900 text-white") : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

const SIDES = [
  { value: "buy", label: "Buy" },
  { value: "sell", label: "Sell" },
] as const;

/**
 * The pre-trade order: symbol, side, quantity in human units of the base asset, and
 * venues to leave out. Shared by Forecast and Simulate. The controlled `value` comes
 * from the URL; the qty input keeps its own draft while typing and applies it after a
 * short pause, on blur, or on submit. `children` adds page-specific fields before the
 * submit area.
 */
export function OrderForm<T extends OrderFormState>({
  value,
  onChange,
  onSubmit,
  errors = {},
  referencePrice,
  testId,
  submit,
  children,
}: {
  value: T;
  /** Applies a change (a patch of the state). */
  onChange: (patch: Partial<T>) => void;
  /** Called with the full current state (including an unapplied qty draft). */
  onSubmit?: (value: T) => void;
  errors?: FieldErrors;
  /** Mid price of `value.symbol`, for the notional hint under the qty. */
  referencePrice?: number | null | undefined;
  testId: string;
  submit?: ReactNode;
  children?: ReactNode;
}) {
  const id = useId();
  const qtyId = `${id}-qty`;
  // Offer what the running source trades: a replay of Binance files is BTC-USD on three venues.
  const universe = useMarketUniverse();
  const venues = universe.venuesFor(value.symbol);
  const base = baseAsset(value.symbol);

  // The qty draft follows the URL when it changes from elsewhere (symbol switch, back
  // button), but not when the URL merely catches up with what was typed.
  const [draft, setDraft] = useState(value.qty);
  const [seen, setSeen] = useState(value.qty);
  const [applied, setApplied] = useState(value.qty);
  if (value.qty !== seen) {
    setSeen(value.qty);
    if (value.qty !== applied) {
      setDraft(value.qty);
      setApplied(value.qty);
    }
  }

  const apply = useCallback(
    (qty: string) => {
      setApplied(qty);
      if (qty !== value.qty) onChange({ qty } as Partial<T>);
    },
    [onChange, value.qty],
  );

  const draftCheck = QtyParam.safeParse(draft);
  const draftOk = draftCheck.success;
  // A half-typed or invalid qty stays in the input (with its message) and is never applied.
  const liveQty = draftOk ? draft : value.qty;

  useEffect(() => {
    if (draft === value.qty || !draftOk) return;
    const timer = setTimeout(() => apply(draft), QTY_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, draftOk, value.qty, apply]);

  const qtyError = !draftCheck.success
    ? (draftCheck.error.issues[0]?.message ?? "invalid quantity")
    : draft === value.qty
      ? errors.qty
      : undefined;
  const notional = draftCheck.success && referencePrice && referencePrice > 0 ? draftCheck.data * referencePrice : null;

  function submitForm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draftOk) apply(draft);
    onSubmit?.({ ...value, qty: draft });
  }

  function toggleVenue(venue: VenueId) {
    const excluded = value.exclude.includes(venue);
    const next = excluded ? value.exclude.filter((v) => v !== venue) : VENUES.filter((v) => v === venue || value.exclude.includes(v));
    onChange({ qty: liveQty, exclude: next } as Partial<T>);
  }

  const remaining = venues.filter((v) => !value.exclude.includes(v)).length;

  return (
    <form
      onSubmit={submitForm}
      noValidate
      data-testid={testId}
      className="flex flex-wrap items-start gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2 shadow-sm"
    >
      <FormField label="Symbol" error={errors.symbol}>
        <SymbolSelector
          symbols={universe.symbols}
          value={value.symbol}
          onChange={(symbol) => symbol !== value.symbol && onChange({ symbol, qty: defaultQty(symbol) } as Partial<T>)}
        />
      </FormField>

      <FormField label="Side" error={errors.side}>
        <Segmented
          label="Side"
          options={SIDES}
          value={value.side}
          onChange={(side) => onChange({ qty: liveQty, side } as Partial<T>)}
          testIdPrefix="side"
          tone={(s) => (s === "buy" ? "bg-emerald-600 text-white" : "bg-rose-600 text-white")}
        />
      </FormField>

      <FormField
        label={`Quantity (${base})`}
        htmlFor={qtyId}
        error={qtyError}
        errorTestId="qty-error"
        hint={notional !== null ? `≈ ${formatUsdCompact(notional)} notional` : `in ${base}, e.g. ${defaultQty(value.symbol)}`}
        className="w-40"
      >
        <div className="relative">
          <input
            id={qtyId}
            name="qty"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => draftOk && apply(draft)}
            aria-invalid={qtyError ? true : undefined}
            aria-describedby={qtyError ? `${qtyId}-error` : undefined}
            data-testid="qty-input"
            className={cx(INPUT, "pr-12 text-right")}
          />
          <span className="pointer-events-none absolute inset-y-0 right-2 flex items-center text-xs font-medium text-slate-400">{base}</span>
        </div>
      </FormField>

      <FormField
        label={
          <>
            Venues <span className="font-normal normal-case tracking-normal text-slate-400">· {remaining} of {venues.length} · click to exclude</span>
          </>
        }
        error={errors.exclude}
        errorTestId="exclude-error"
      >
        <div role="group" aria-label="Venues to route to (uncheck to exclude)" className="flex flex-wrap gap-1" data-testid="venue-exclude">
          {venues.map((v) => {
            const excluded = value.exclude.includes(v);
            const last = !excluded && remaining <= 1;
            return (
              <button
                key={v}
                type="button"
                role="checkbox"
                aria-checked={!excluded}
                disabled={last}
                title={last ? "At least one venue must stay in" : excluded ? `${v} excluded — click to include` : `Exclude ${v}`}
                data-testid={`venue-toggle-${v}`}
                data-excluded={excluded || undefined}
                onClick={() => toggleVenue(v)}
                className={cx(
                  "inline-flex items-center gap-1 rounded border px-1.5 py-[3px] text-[11px] font-medium",
                  excluded
                    ? "border-dashed border-slate-300 bg-slate-50 text-slate-400 line-through"
                    : "border-slate-300 bg-white text-slate-700 hover:border-slate-500",
                  last && "cursor-not-allowed",
                )}
              >
                <span aria-hidden className="inline-block size-2 rounded-sm" style={{ background: excluded ? "#cbd5e1" : VENUE_COLORS[v] }} />
                {v}
              </button>
            );
          })}
        </div>
      </FormField>

      {children}

      {submit && <div className="pt-[19px]">{submit}</div>}
    </form>
  );
}
