/** The suite's report: one table per store (a row per run, a column per violation class), examples, notes and a final line. */
import type { ScenarioResult } from "./scenario-result";
import { countByClass, VIOLATION_CLASSES, type Violation } from "./violations";

export interface StoreReport {
  store: "sqlite" | "postgres";
  runs: ScenarioResult[];
}

const EXAMPLES_PER_CLASS = 3;

export function formatFaultReport(reports: readonly StoreReport[]): { text: string; total: number } {
  const lines: string[] = [];
  let total = 0;
  for (const r of reports) {
    lines.push("", `== ${r.store}`);
    const header = ["run", ...VIOLATION_CLASSES, "total"];
    const rows = r.runs.map((run) => {
      if (run.skipped) return [run.name, ...VIOLATION_CLASSES.map(() => "-"), `skipped: ${run.skipped}`];
      const c = countByClass(run.violations);
      return [run.name, ...VIOLATION_CLASSES.map((k) => String(c[k])), String(run.violations.length)];
    });
    const all = r.runs.flatMap((run) => run.violations);
    const sum = countByClass(all);
    rows.push(["all", ...VIOLATION_CLASSES.map((k) => String(sum[k])), String(all.length)]);
    total += all.length;
    lines.push(...table([header, ...rows]));
    for (const run of r.runs) for (const n of run.notes) lines.push(`  ${run.name}: ${n}`);
    lines.push(...examples(all));
  }
  lines.push("", `faults: ${total} violation(s) ${reports.map((r) => `${r.store} ${r.runs.reduce((s, x) => s + x.violations.length, 0)}`).join(", ")} — ${total === 0 ? "PASS" : "FAIL"}`);
  return { text: lines.join("\n"), total };
}

function examples(all: readonly Violation[]): string[] {
  const out: string[] = [];
  for (const cls of VIOLATION_CLASSES) {
    const some = all.filter((v) => v.cls === cls).slice(0, EXAMPLES_PER_CLASS);
    for (const v of some) out.push(`  e.g. ${cls} ${v.subject}: ${v.message}`);
  }
  return out;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "));
}
