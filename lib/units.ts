/**
 * Fixed-point helpers for the API's suffix rule: `_1e8` quantities and `_1e9` prices/USD
 * are integers, `_ns` timestamps are decimal strings. Conversions from decimal strings are
 * exact (no float round trip), so venue prices like "61837.63000000" keep every digit.
 */

export const QTY_SCALE = 100_000_000n; // 1e8
export const PRICE_SCALE = 1_000_000_000n; // 1e9

export class UnitsError extends Error {}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string into an integer scaled by 10^decimals; rejects excess precision. */
export function parseDecimal(text: string, decimals: number): bigint {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new UnitsError(`not a plain decimal number: "${text}"`);
  const [, sign, whole = "0", frac = ""] = m;
  const significant = frac.replace(/0+$/, "");
  if (significant.length > decimals) {
    throw new UnitsError(`"${text}" has more than ${decimals} decimal places`);
  }
  const scaled = BigInt(whole) * 10n ** BigInt(decimals) + BigInt((significant.padEnd(decimals, "0") || "0"));
  return sign ? -scaled : scaled;
}

/** Formats an integer scaled by 10^decimals as a decimal string without trailing zeros. */
export function formatScaled(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** Human float → `_1e8` integer, rounded half away from zero. */
export function qtyToE8(qty: number): bigint {
  return roundScaled(qty, 8);
}

/** Human float → `_1e9` integer, rounded half away from zero. */
export function priceToE9(price: number): bigint {
  return roundScaled(price, 9);
}

export function e8ToQty(value: bigint): number {
  return Number(formatScaled(value, 8));
}

export function e9ToPrice(value: bigint): number {
  return Number(formatScaled(value, 9));
}

function roundScaled(x: number, decimals: number): bigint {
  if (!Number.isFinite(x)) throw new UnitsError(`not a finite number: ${x}`);
  // toFixed works on the shortest decimal representation's neighbourhood and avoids
  // float products like 0.1 * 1e9 = 100000000.00000001 leaking into the integer.
  const text = Math.abs(x).toFixed(decimals);
  const scaled = parseDecimal(text, decimals);
  return x < 0 ? -scaled : scaled;
}

/** Basis points of `value` relative to `reference`. */
export function toBps(value: number, reference: number): number {
  return (value / reference) * 10_000;
}

/** ns bigint → decimal string, the only way `_ns` values leave the server. */
export function nsToString(ns: bigint): string {
  return ns.toString();
}
