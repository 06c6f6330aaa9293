/**
 * The running record of forecast vs realized cost, per symbol, that the forecast reads to
 * correct its P50/P90 (conformal-style, fitCalibration in server/cost/calibration.ts) and
 * to report the coverage it has reached. Fed by post-trade TCA as orders complete, and
 * reloaded at start from the TCA roll-up (completed orders' forecast P50/P90 and realized
 * cost, the same figures the live feed records), so the correction and the reported
 * calibration survive a restart.
 */
import { fitCalibration, type CostCalibration, type ForecastOutcome } from "@/server/cost/calibration";
import { coverageOf } from "@/server/tca/calibration-record";
import type { Store } from "@/server/store/port";

export interface CalibrationReport {
  observations: number;
  /** Share of realized costs at or below the forecast P90; null before any outcome. */
  withinP90Rate: number | null;
}

export interface CalibrationRecord {
  /** `group`: the forecast's calibration group (server/cost/calibration-group.ts), when known. */
  record(symbol: string, outcome: ForecastOutcome, group?: string | null): void;
  /**
   * The group's own fit once it has enough outcomes (Mondrian conformal); before that the
   * group's fit over every symbol, then the symbol's pooled fit, then identity.
   */
  current(symbol: string, group?: string | null): CostCalibration;
  report(symbol?: string): CalibrationReport;
}

export const DEFAULT_CALIBRATION_CAPACITY = 2000;
/** Older outcomes describe a market (and a model) that may have moved on. */
export const CALIBRATION_WINDOW_DAYS = 30;

export function createCalibrationRecord(capacityPerSymbol = DEFAULT_CALIBRATION_CAPACITY, minObservations = MIN_CALIBRATION_OUTCOMES): CalibrationRecord {
  const outcomes = new Map<string, ForecastOutcome[]>();
  const fitted = new Map<string, CostCalibration>();
  /** Outcomes added to each key since its fit. */
  const added = new Map<string, number>();
  const all = (symbol?: string) => (symbol ? (outcomes.get(symbol) ?? []) : [...outcomes].filter(([k]) => !k.includes(GROUP_SEPARATOR)).flatMap(([, v]) => v));
  const push = (key: string, outcome: ForecastOutcome) => {
    const list = outcomes.get(key) ?? [];
    list.push(outcome);
    if (list.length > capacityPerSymbol) list.splice(0, list.length - capacityPerSymbol);
    outcomes.set(key, list);
    added.set(key, (added.get(key) ?? 0) + 1);
  };
  const fit = (key: string) => {
    const cached = fitted.get(key);
    const list = outcomes.get(key) ?? [];
    if (cached && (added.get(key) ?? 0) < refitEvery(list.length)) return cached;
    const calibration = fitCalibration(list, minObservations);
    fitted.set(key, calibration);
    added.set(key, 0);
    return calibration;
  };
  return {
    record(symbol, outcome, group) {
      push(symbol, outcome);
      if (group) {
        push(groupKey(symbol, group), outcome);
        push(groupKey(ALL_SYMBOLS, group), outcome);
      }
    },
    current(symbol, group) {
      if (group) {
        const own = fit(groupKey(symbol, group));
        if (own.source !== "identity") return { ...own, source: `conformal:${group}` };
        // A new group's first outcomes: its policy and size set the raw model's bias (e.g. a
        // large limit order's resting part fills better than the sweep prices it) more than
        // its symbol does, and the same group on the other symbols reaches enough outcomes
        // sooner. Measured (npm run calibration): the symbol's pooled fit served each group's
        // first 20 orders and held three buckets at 61–62 % ≤ P50 or 96 % ≤ P90.
        const across = fit(groupKey(ALL_SYMBOLS, group));
        if (across.source !== "identity") return { ...across, source: `conformal:${group}:all-symbols` };
      }
      return fit(symbol);
    },
    report(symbol) {
      const cell = coverageOf(all(symbol));
      return { observations: cell.count, withinP90Rate: cell.share ?? null };
    },
  };
}

/**
 * A fit sorts every residual of its key (up to the capacity), and each completed order
 * used to drop three keys' fits, so at 20 orders/s every submit refitted: the soak's
 * profile had it at 7 → 22 ms of CPU per second as the record filled. One more outcome
 * moves a quantile of 2,000 by at most one rank; refitting once the key has grown by 2 %
 * (every outcome below 50) keeps the offsets within that of a fresh fit.
 */
export function refitEvery(size: number): number {
  return Math.max(1, Math.ceil(size * 0.02));
}

/** Outcomes a fit needs before it replaces the identity (fitCalibration's default). */
export const MIN_CALIBRATION_OUTCOMES = 20;
const GROUP_SEPARATOR = "\u0000";
/** Not a symbol: the key prefix of a group's outcomes over every symbol. */
const ALL_SYMBOLS = "*";
const groupKey = (symbol: string, group: string) => `${symbol}${GROUP_SEPARATOR}${group}`;

/**
 * A record filled from the store: completed orders created in the last `windowDays`,
 * oldest first, so each symbol keeps its newest `capacityPerSymbol` as it would have live.
 */
export async function loadCalibrationRecord(
  store: Store,
  nowMs: number,
  options: { windowDays?: number; capacityPerSymbol?: number } = {},
): Promise<CalibrationRecord> {
  const capacity = options.capacityPerSymbol ?? DEFAULT_CALIBRATION_CAPACITY;
  const record = createCalibrationRecord(capacity);
  // Enough rows for every symbol to fill its capacity even when one symbol dominates.
  const rows = await store.listCalibrationOutcomes(nowMs - (options.windowDays ?? CALIBRATION_WINDOW_DAYS) * 86_400_000, capacity * 20);
  for (const r of rows.reverse()) {
    // Raw forecasts where the order kept them (the live feed records the same), else the stored ones.
    const raw = r.rawP50Bps !== null && r.rawP90Bps !== null;
    record.record(
      r.symbol,
      { forecastP50Bps: raw ? r.rawP50Bps! : r.forecastP50Bps, forecastP90Bps: raw ? r.rawP90Bps! : r.forecastP90Bps, realizedBps: r.realizedBps },
      r.calibrationGroup,
    );
  }
  return record;
}
