import { MIN_JUDGED_BUCKET, P50_TARGET, P90_TARGET, type CalibrationBucket } from "@/server/tca/calibration-record-buckets";

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "–");
const bps = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");

/** One line per bucket: coverage at P50/P90 with Wilson 95 % intervals, predicted vs realized means. */
export function formatCalibrationTable(title: string, buckets: readonly CalibrationBucket[]): string {
  const out: string[] = [];
  out.push(title);
  out.push(
    `${"bucket".padEnd(30)} ${"n".padStart(5)}  ${"≤P50 [95% CI]".padEnd(22)} ${"≤P90 [95% CI]".padEnd(22)} ${"P50 mean".padStart(9)} ${"P90 mean".padStart(9)}  ${"realized mean [95% CI]".padEnd(28)} verdict`,
  );
  for (const b of buckets) {
    const verdict = b.meetsTarget === undefined ? `(n<${MIN_JUDGED_BUCKET})` : b.meetsTarget ? "ok" : `MISS${missNote(b)}`;
    out.push(
      `${b.key.padEnd(30)} ${String(b.count).padStart(5)}  ${`${pct(b.withinP50.share)} [${pct(b.withinP50.low)}, ${pct(b.withinP50.high)}]`.padEnd(22)} ${`${pct(b.withinP90.share)} [${pct(b.withinP90.low)}, ${pct(b.withinP90.high)}]`.padEnd(22)} ${bps(b.predictedP50Mean).padStart(9)} ${bps(b.predictedP90Mean).padStart(9)}  ${`${bps(b.realized.mean)} [${bps(b.realized.low)}, ${bps(b.realized.high)}]`.padEnd(28)} ${verdict}`,
    );
  }
  return `${out.join("\n")}\n`;
}

function missNote(b: CalibrationBucket): string {
  const parts: string[] = [];
  if (b.withinP90.share < P90_TARGET.low || b.withinP90.share > P90_TARGET.high) parts.push("P90");
  if (b.withinP50.share < P50_TARGET.low || b.withinP50.share > P50_TARGET.high) parts.push("P50");
  return ` (${parts.join(", ")})`;
}
