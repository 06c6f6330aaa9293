/**
 * The domain's fixed-point bigints ↔ the TEXT decimal columns (human units, exact):
 * quantities at 1e8, prices and quote-currency money at 1e9, as everywhere else.
 */
import { formatScaled, parseDecimal } from "@/lib/units";

export function e8ToColumn(value: bigint): string {
  return formatScaled(value, 8);
}

export function e8FromColumn(text: string): bigint {
  return parseDecimal(text, 8);
}

export function e9ToColumn(value: bigint): string {
  return formatScaled(value, 9);
}

export function e9FromColumn(text: string): bigint {
  return parseDecimal(text, 9);
}
