/**
 * Plain-text table for `keys list`: aligned columns, UTC times to the minute, "-" for
 * empty cells so the columns stay readable with `column`/`grep`.
 */
import type { ApiKeyRecord } from "@/server/store/port";

export interface KeyRow {
  key: ApiKeyRecord;
  deskName: string;
}

const HEADERS = ["id", "desk", "role", "sandbox", "prefix", "label", "created", "last used", "revoked"] as const;

export function formatUtcMinute(ms: number | null): string {
  if (ms === null) return "-";
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")}Z`;
}

function cells({ key, deskName }: KeyRow): string[] {
  return [
    key.id,
    deskName,
    key.role,
    key.sandbox ? "yes" : "no",
    key.prefix,
    key.label === "" ? "-" : key.label,
    formatUtcMinute(key.createdAtMs),
    formatUtcMinute(key.lastUsedAtMs),
    formatUtcMinute(key.revokedAtMs),
  ];
}

export function formatKeysTable(rows: readonly KeyRow[]): string {
  const table = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, col) => Math.max(...table.map((row) => (row[col] ?? "").length)));
  return table
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
