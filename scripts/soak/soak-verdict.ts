/**
 * Per-minute soak figures and the verdict against the targets: RSS growth < 10% (last
 * minute vs the end of warm-up), ack p99 within 2× of minute 1, health p99 ≤ 100 ms.
 *
 * Warm-up is the first WARM_UP_MINUTES: the bounded market history the order path reads
 * (trades and event-time mids, both kept 10 minutes: observation-store.ts) fills by then,
 * and so does everything sized by it. Growth after that is what a leak looks like; growth
 * before it is the buffers reaching their bounds. The growth from minute 2 is printed too.
 */
export interface SoakMinute {
  minute: number;
  rssMb: number;
  cpuPct: number;
  ackP50: number;
  ackP99: number;
  healthP50: number;
  healthP99: number;
  acks: number;
  /** "201": n, "429": n, "no answer": n … over every request of the minute. */
  statuses: Record<string, number>;
}

export interface SoakVerdict {
  pass: boolean;
  lines: string[];
}

export const TARGETS = { rssGrowth: 0.1, ackP99Ratio: 2, healthP99Ms: 100 } as const;
export const WARM_UP_MINUTES = 10;

export function judgeSoak(minutes: readonly SoakMinute[]): SoakVerdict {
  const first = minutes[0];
  const last = minutes.at(-1);
  if (!first || !last) return { pass: false, lines: ["no complete minute recorded"] };
  // Runs shorter than the warm-up are judged from minute 2.
  const base = minutes.find((m) => m.minute === WARM_UP_MINUTES && m !== last) ?? minutes[1] ?? first;
  const growth = (last.rssMb - base.rssMb) / base.rssMb;
  const second = minutes[1] ?? first;
  const growthFrom2 = (last.rssMb - second.rssMb) / second.rssMb;
  const ackRatio = last.ackP99 / first.ackP99;
  const healthWorst = Math.max(...minutes.map((m) => m.healthP99));
  const checks = [
    { ok: growth < TARGETS.rssGrowth, line: `RSS ${base.rssMb.toFixed(1)} MB (minute ${base.minute}) → ${last.rssMb.toFixed(1)} MB (minute ${last.minute}): ${(growth * 100).toFixed(1)}% (target < ${TARGETS.rssGrowth * 100}%)` },
    { ok: ackRatio <= TARGETS.ackP99Ratio, line: `ack p99 ${first.ackP99.toFixed(1)} ms (minute 1) → ${last.ackP99.toFixed(1)} ms (minute ${last.minute}): ×${ackRatio.toFixed(2)} (target ≤ ×${TARGETS.ackP99Ratio})` },
    { ok: healthWorst <= TARGETS.healthP99Ms, line: `health p99 worst minute ${healthWorst.toFixed(1)} ms (target ≤ ${TARGETS.healthP99Ms} ms)` },
  ];
  const lines = checks.map((c) => `${c.ok ? "PASS" : "FAIL"} ${c.line}`);
  // The verdict compares two single minutes; a p99 of ~1,200 acks is its 12th slowest, so
  // the minutes in between say whether the run was flat or the last minute was lucky.
  const over = minutes.filter((m) => m.ackP99 > TARGETS.ackP99Ratio * first.ackP99);
  const worst = minutes.reduce((w, m) => (m.ackP99 > w.ackP99 ? m : w), first);
  lines.push(`info ack p99 above ×${TARGETS.ackP99Ratio} of minute 1 in ${over.length} of ${minutes.length} minutes; worst ${worst.ackP99.toFixed(1)} ms (minute ${worst.minute})`);
  if (base !== second) lines.push(`info RSS ${second.rssMb.toFixed(1)} MB (minute ${second.minute}, during warm-up) → ${last.rssMb.toFixed(1)} MB: ${(growthFrom2 * 100).toFixed(1)}%`);
  return { pass: checks.every((c) => c.ok), lines };
}

/** Nearest-rank percentile; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
