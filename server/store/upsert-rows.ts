/**
 * Multi-row INSERT … ON CONFLICT as SQL text built once per shape (table, columns, row
 * count, conflict action) and cached, for the roll-up's upserts, which every journal batch
 * runs. Kysely's builder rebuilt and recompiled each of them per batch: building the
 * `excluded.` column lists and compiling took more CPU than SQLite took to run them (a
 * quarter of the journal's cost in the bench profile). The text is the same on SQLite
 * and PostgreSQL except for placeholders; both accept `"table"."col"` for the existing row
 * and `excluded."col"` for the proposed one in DO UPDATE.
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { StoreKind } from "./port";

export type ConflictAction =
  /** Overwrite every column not in the conflict target with the new row's value. */
  | { do: "replace" }
  /** Add the new row's value to these columns of the existing row. */
  | { do: "increment"; columns: readonly string[] }
  | { do: "nothing" };

const MAX_CACHED = 256;
const cache = new Map<string, string>();

function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

export function upsertSql(kind: StoreKind, table: string, columns: readonly string[], conflict: readonly string[], action: ConflictAction, rowCount: number): string {
  const key = `${kind}|${table}|${columns.join(",")}|${conflict.join(",")}|${action.do}|${action.do === "increment" ? action.columns.join(",") : ""}|${rowCount}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let n = 0;
  const placeholder = kind === "postgres" ? () => `$${++n}` : () => "?";
  const rows: string[] = [];
  for (let r = 0; r < rowCount; r++) rows.push(`(${columns.map(placeholder).join(", ")})`);
  const t = quote(table);
  const set =
    action.do === "replace"
      ? columns.filter((c) => !conflict.includes(c)).map((c) => `${quote(c)} = excluded.${quote(c)}`)
      : action.do === "increment"
        ? action.columns.map((c) => `${quote(c)} = ${t}.${quote(c)} + excluded.${quote(c)}`)
        : [];
  const onConflict = `on conflict (${conflict.map(quote).join(", ")}) ${set.length > 0 ? `do update set ${set.join(", ")}` : "do nothing"}`;
  const text = `insert into ${t} (${columns.map(quote).join(", ")}) values ${rows.join(", ")} ${onConflict}`;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, text);
  return text;
}

/** Upserts `rows` (all with the same keys, `columns`) in one statement. */
export async function upsertRows<Db>(
  db: Kysely<Db>,
  kind: StoreKind,
  table: string,
  columns: readonly string[],
  conflict: readonly string[],
  action: ConflictAction,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  for (const row of rows) for (const c of columns) params.push(row[c]);
  await db.executeQuery(CompiledQuery.raw(upsertSql(kind, table, columns, conflict, action, rows.length), params));
}
