"use client";

import { useMarketUniverse } from "@/lib/queries/market-status";
import { useId, useMemo, useState } from "react";
import { isApiClientError } from "@/lib/queries/api-fetch";
import { queryKeys } from "@/lib/queries/keys";
import { useSimulation, type SimulationParams } from "@/lib/queries/pretrade";
import { formatQty } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { Panel } from "@/components/ui/panel";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { DraftInput, FormField, INPUT, OrderForm, Segmented, useUrlFormState } from "./order-form";
import { baseAsset, fieldErrorsFrom, parseSimulateForm, validateSimulation, type FieldErrors, type SimulateFormState } from "./order-form-state";
import { SimulateResults } from "./simulate-results";

const URGENCIES = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
] as const;

const keyOf = (p: SimulationParams) => queryKeys.simulation(p).join("|");

/** Plainer words than the contract's generic range messages, for the simulate-only fields. */
const EXTRA_HINTS: FieldErrors = {
  maxCost: "a number of bps from −1000 to 10000, or empty for no cap",
  paths: "a whole number from 10 to 2000",
  seed: "a whole number from 0 to 4294967295",
};

function friendly(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...errors };
  for (const key of ["maxCost", "paths", "seed"] as const) if (out[key] !== undefined) out[key] = EXTRA_HINTS[key];
  return out;
}

/**
 * Simulate: run the order through the sandbox engine on simulated market paths and compare
 * aggressive, passive and split execution. The form lives in the URL; a run happens only
 * when Run is pressed.
 */
export function SimulateView() {
  const id = useId();
  const [form, setFormUrl, latestForm] = useUrlFormState(parseSimulateForm);
  const [submitted, setSubmitted] = useState<SimulationParams | null>(null);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const sim = useSimulation(submitted);
  const universe = useMarketUniverse();

  const setForm = (patch: Partial<SimulateFormState>) => {
    setLocalErrors({});
    setFormUrl(patch);
  };

  function run(value: SimulateFormState) {
    const checked = validateSimulation(value, universe.venuesFor(value.symbol));
    if (!checked.ok) {
      setLocalErrors(friendly(checked.errors));
      return;
    }
    setLocalErrors({});
    if (submitted && keyOf(submitted) === keyOf(checked.params)) void sim.refetch();
    else setSubmitted(checked.params);
  }

  const rejected = isApiClientError(sim.error) && sim.error.status === 422 ? sim.error : null;
  const errors: FieldErrors = { ...(rejected ? fieldErrorsFrom(rejected.details) : {}), ...localErrors };
  const current = useMemo(() => validateSimulation(form, universe.venuesFor(form.symbol)), [form, universe]);
  const changed = submitted !== null && sim.data !== undefined && (!current.ok || keyOf(current.params) !== keyOf(submitted));
  const running = sim.isFetching;
  const data = sim.data;

  return (
    <div className="space-y-3" data-testid="simulate-page">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold text-slate-900">Simulate</h1>
        <span className="text-xs text-slate-500">aggressive vs passive vs split on simulated market paths, same engine as the sandbox</span>
      </div>

      <OrderForm
        testId="simulate-form"
        value={form}
        onChange={setForm}
        onSubmit={(value) => run({ ...latestForm(), qty: value.qty })}
        errors={errors}
        referencePrice={data?.symbol === form.symbol ? data.mid : null}
        submit={
          <button
            type="submit"
            data-testid="simulate-run"
            disabled={running}
            className="inline-flex h-[30px] items-center gap-1.5 rounded-md bg-slate-900 px-4 text-sm font-semibold text-white shadow-sm hover:bg-slate-800 focus:outline-none focus:ring-2 focus:ring-slate-400 focus:ring-offset-1 disabled:opacity-60"
          >
            {running ? (
              <>
                <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-white/40 border-t-white" />
                Running…
              </>
            ) : (
              "Run"
            )}
          </button>
        }
      >
        <FormField label="Urgency" error={errors.urgency}>
          <Segmented label="Urgency" options={URGENCIES} value={form.urgency} onChange={(urgency) => setForm({ urgency })} testIdPrefix="urgency" />
        </FormField>
        <FormField label="Passive only" error={errors.passiveOnly}>
          <label className="flex h-[30px] cursor-pointer items-center gap-1.5 text-xs text-slate-700">
            <input
              type="checkbox"
              checked={form.passiveOnly}
              onChange={(e) => setForm({ passiveOnly: e.target.checked })}
              data-testid="passive-only"
              className="size-3.5 accent-slate-900"
            />
            rest only, never take
          </label>
        </FormField>
        <FormField label="Max cost (bps)" htmlFor={`${id}-max`} error={errors.maxCost} errorTestId="max-cost-error" className="w-32">
          <DraftInput
            id={`${id}-max`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="no cap"
            value={form.maxCost}
            onValue={(maxCost) => setForm({ maxCost })}
            aria-invalid={errors.maxCost ? true : undefined}
            aria-describedby={errors.maxCost ? `${id}-max-error` : undefined}
            data-testid="max-cost-input"
            className={cx(INPUT, "text-right")}
          />
        </FormField>
        <FormField label="Paths" htmlFor={`${id}-paths`} error={errors.paths} errorTestId="paths-error" className="w-24">
          <DraftInput
            id={`${id}-paths`}
            inputMode="numeric"
            autoComplete="off"
            value={form.paths}
            onValue={(paths) => setForm({ paths })}
            aria-invalid={errors.paths ? true : undefined}
            aria-describedby={errors.paths ? `${id}-paths-error` : undefined}
            data-testid="paths-input"
            className={cx(INPUT, "text-right")}
          />
        </FormField>
        <FormField label="Seed" htmlFor={`${id}-seed`} error={errors.seed} errorTestId="seed-error" className="w-28">
          <DraftInput
            id={`${id}-seed`}
            inputMode="numeric"
            autoComplete="off"
            value={form.seed}
            onValue={(seed) => setForm({ seed })}
            aria-invalid={errors.seed ? true : undefined}
            aria-describedby={errors.seed ? `${id}-seed-error` : undefined}
            data-testid="seed-input"
            className={cx(INPUT, "text-right")}
          />
        </FormField>
      </OrderForm>

      {changed && (
        <p className="text-xs text-amber-700" data-testid="simulate-stale">
          The order has changed since this run — press Run to simulate the new one.
        </p>
      )}

      {sim.error && !rejected && (
        <ErrorState
          error={sim.error}
          title={data ? "The last run failed — showing the previous result" : "The simulation failed"}
          onRetry={() => void sim.refetch()}
          compact={Boolean(data)}
          scope="simulate"
        />
      )}
      {rejected && <ErrorState error={rejected} title="The order was rejected" compact scope="simulate" />}

      {submitted === null ? (
        <Panel>
          <EmptyState title="No simulation yet">
            Set up the order and press <span className="font-semibold text-slate-700">Run</span> to compare aggressive, passive and split execution over{" "}
            {form.paths || "200"} simulated market paths. Nothing is sent to a venue.
          </EmptyState>
        </Panel>
      ) : data ? (
        <div className={cx("transition-opacity", running && "opacity-60")}>
          {running && (
            <Badge tone="blue" className="mb-2" testId="simulate-rerunning">
              re-running…
            </Badge>
          )}
          <SimulateResults sim={data} />
        </div>
      ) : running ? (
        <div className="space-y-3" role="status" aria-label="Running simulation">
          <p className="text-xs text-slate-500">
            Simulating {submitted.paths} paths for {submitted.side} {formatQty(submitted.qty)} {baseAsset(submitted.symbol)}…
          </p>
          <Skeleton className="h-14 w-full" />
          <div className="grid grid-cols-1 gap-3 2xl:grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)]">
            <Panel title="Strategy comparison">
              <div className="p-3" style={{ height: 260 }}>
                <Skeleton className="h-full w-full" />
              </div>
            </Panel>
            <Panel title="Scenarios">
              <SkeletonRows rows={3} cols={7} label="Loading scenarios" />
            </Panel>
          </div>
        </div>
      ) : null}
    </div>
  );
}
