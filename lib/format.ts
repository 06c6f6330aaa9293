/**
 * Display formatting for the dashboard. Pure functions with fixed, locale-independent
 * output (en-US grouping, UTC times) so tables line up and tests are deterministic.
 * Missing values (null, undefined, NaN, ±Infinity) render as an em dash.
 */

export const MISSING = "—";

type Maybe = number | null | undefined;

function isNum(x: Maybe): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function grouped(x: number, decimals: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * Decimals that show about five significant digits of a price, never fewer than 2 and
 * never more than 8: 61,837.63 · 3,012.45 · 151.23 · 2.5123 · 0.12345.
 */
export function priceDecimals(reference: number): number {
  if (!Number.isFinite(reference) || reference === 0) return 2;
  const intDigits = Math.floor(Math.log10(Math.abs(reference))) + 1;
  return Math.min(8, Math.max(2, 5 - intDigits));
}

/** Decimals a number actually uses (up to 8), ignoring float noise: 0.1699163 → 7, 140.1 → 1. */
export function decimalsUsed(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = Math.abs(value).toFixed(8).replace(/0+$/, "");
  const dot = text.indexOf(".");
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Decimals for a set of quoted prices of one symbol: the magnitude rule, raised to the
 * finest tick any venue quotes (so 0.1699160 and 0.1699163 stay distinguishable).
 */
export function priceDecimalsFor(prices: readonly (number | null | undefined)[], reference: number): number {
  let d = priceDecimals(reference);
  for (const p of prices) if (isNum(p)) d = Math.max(d, decimalsUsed(p));
  return Math.min(8, d);
}

/**
 * A price with decimals chosen by magnitude. Pass `decimals` (e.g. from `priceDecimals(mid)`)
 * to keep every row of one symbol's table aligned on the same number of decimals.
 */
export function formatPrice(value: Maybe, opts: { decimals?: number } = {}): string {
  if (!isNum(value)) return MISSING;
  return grouped(value, opts.decimals ?? priceDecimals(value));
}

/** A quantity in base units: fewer decimals the larger it is (12,345 · 152.4 · 1.234 · 0.0123). */
export function formatQty(value: Maybe): string {
  if (!isNum(value)) return MISSING;
  const abs = Math.abs(value);
  const decimals = abs >= 10_000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 3 : 4;
  return grouped(value, decimals);
}

const COMPACT_UNITS: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "K"],
];

/**
 * USD in compact form: $950 · $12.3K · $4.56M · $1.20B; three significant digits.
 * `trim` drops trailing zeros ($70M rather than $70.0M), for chart axes.
 */
export function formatUsdCompact(value: Maybe, opts: { trim?: boolean } = {}): string {
  if (!isNum(value)) return MISSING;
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  for (const [size, suffix] of COMPACT_UNITS) {
    // Round first so 999,950 becomes $1.00M rather than $1000K.
    if (Number(abs.toPrecision(3)) >= size) {
      const scaled = abs / size;
      const decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
      const fixed = scaled.toFixed(decimals);
      if (Number(fixed) >= 1000) continue;
      const text = opts.trim && fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
      return `${sign}$${text}${suffix}`;
    }
  }
  return `${sign}$${Math.round(abs).toString()}`;
}

/** USD with grouping and no decimals: $1,234,567. */
export function formatUsd(value: Maybe): string {
  if (!isNum(value)) return MISSING;
  return `${value < 0 ? "-" : ""}$${grouped(Math.abs(value), 0)}`;
}

/** USD to the cent, no grouping: "$110.29", "-$0.50" (an order's figures). */
export function formatUsdCents(value: Maybe): string {
  if (!isNum(value)) return MISSING;
  return `${value < 0 ? "-" : ""}$${Math.abs(value).toFixed(2)}`;
}

/** formatBps with a "+" on a positive value: a signed difference such as vs-forecast. */
export function formatSignedBps(value: Maybe): string {
  return (isNum(value) && value > 0 ? "+" : "") + formatBps(value);
}

/**
 * Basis points with two decimals: "1.23 bps" (or "1.23" with `unit: false`). A non-zero
 * value that would round to zero reads "<0.01" rather than a misleading "0.00".
 */
export function formatBps(value: Maybe, opts: { unit?: boolean } = {}): string {
  if (!isNum(value)) return MISSING;
  const tiny = value !== 0 && Math.abs(value) < 0.005;
  const text = tiny ? `${value < 0 ? ">-" : "<"}0.01` : value.toFixed(2);
  return opts.unit === false ? text : `${text} bps`;
}

/** A duration in ms: "120 ms" · "3.2 s" · "2m 05s" · "1h 02m". */
export function formatAge(ms: Maybe): string {
  if (!isNum(ms)) return MISSING;
  const abs = Math.max(0, ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 59_950) return `${(abs / 1000).toFixed(1)} s`;
  const totalS = Math.round(abs / 1000);
  if (totalS < 3600) return `${Math.floor(totalS / 60)}m ${String(totalS % 60).padStart(2, "0")}s`;
  const totalM = Math.floor(totalS / 60);
  return `${Math.floor(totalM / 60)}h ${String(totalM % 60).padStart(2, "0")}m`;
}

/** `_ns` decimal string → milliseconds since the epoch (exact to the millisecond), or null. */
export function nsToMs(ns: string | null | undefined): number | null {
  if (typeof ns !== "string" || !/^-?\d+$/.test(ns)) return null;
  return Number(BigInt(ns) / 1_000_000n);
}

/** `_ns` decimal string → "14:03:22.123 UTC". */
export function formatTimeNs(ns: string | null | undefined): string {
  const ms = nsToMs(ns);
  if (ms === null) return MISSING;
  return `${new Date(ms).toISOString().slice(11, 23)} UTC`;
}

/** `_ns` decimal string → "2025-03-04 14:03:22.123 UTC". */
export function formatDateTimeNs(ns: string | null | undefined): string {
  const ms = nsToMs(ns);
  if (ms === null) return MISSING;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

/** Milliseconds between a `_ns` timestamp and `nowMs` (never negative), or null. */
export function ageMsFromNs(ns: string | null | undefined, nowMs: number): number | null {
  const ms = nsToMs(ns);
  return ms === null ? null : Math.max(0, nowMs - ms);
}
