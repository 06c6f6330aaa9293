/**
 * Pure helpers for the Summary page: the default date range, range validation, the
 * slippage percentile bars and the calibration read-out. Unit-tested in summary-math.test.ts.
 */
import { MAX_SUMMARY_DAYS, type SummaryResponse } from "@/lib/contracts/summary";

/** The forecast P90 should contain the realized cost this often. */
export const CALIBRATION_TARGET = 0.9;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(nowMs: number = Date.now()): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Days in an inclusive YYYY-MM-DD range (1 for a single day), or null when a date is invalid. */
export function rangeDays(start: string, end: string): number | null {
  if (!isIsoDate(start) || !isIsoDate(end)) return null;
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Why a date range cannot be asked for, or null when it can. */
export function rangeError(start: string, end: string): string | null {
  if (!isIsoDate(start)) return "Start date must be a date (YYYY-MM-DD)";
  if (!isIsoDate(end)) return "End date must be a date (YYYY-MM-DD)";
  const days = rangeDays(start, end);
  if (days === null || days < 1) return "Start date is after the end date";
  if (days > MAX_SUMMARY_DAYS) return `At most ${MAX_SUMMARY_DAYS} days at a time`;
  return null;
}

export interface PercentileBar {
  key: "p50" | "p75" | "p90" | "p95" | "p99";
  label: string;
  bps: number;
}

const PERCENTILES: readonly PercentileBar["key"][] = ["p50", "p75", "p90", "p95", "p99"];

/** P50…P99 slippage as bars (empty when there were no fills to measure). */
export function percentileBars(slippage: SummaryResponse["slippage_bps"]): PercentileBar[] {
  if (!slippage) return [];
  return PERCENTILES.filter((k) => Number.isFinite(slippage[k])).map((k) => ({ key: k, label: k.toUpperCase(), bps: slippage[k] }));
}

/** A 0–1 share as a percentage: "97.5%"; "—" when unknown. */
export function formatShare(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return `${(share * 100).toFixed(decimals)}%`;
}

/** How calibrated the forecasts look: within 5 points of the target is fine, below is optimistic, well above is conservative. */
export function calibrationVerdict(calibration: SummaryResponse["calibration"], target = CALIBRATION_TARGET): { tone: "green" | "amber" | "red" | "neutral"; text: string } {
  const share = calibration.within_p90_share;
  if (share === null || calibration.observations === 0) return { tone: "neutral", text: "no orders with a forecast and a realized cost yet" };
  if (share < target - 0.1) return { tone: "red", text: "forecasts too optimistic: realized cost beats P90 too often" };
  if (share < target - 0.05) return { tone: "amber", text: "slightly optimistic" };
  if (share > Math.min(1, target + 0.08) && calibration.observations >= 20) return { tone: "amber", text: "P90 looks conservative" };
  return { tone: "green", text: "on target" };
}
