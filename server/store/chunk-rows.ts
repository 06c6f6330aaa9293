/**
 * Splits rows (or ids for an IN list) so one statement stays under SQLite's bound-parameter
 * limit (32,766) and PostgreSQL's (65,535).
 */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
