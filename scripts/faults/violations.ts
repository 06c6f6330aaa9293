/** The violation classes the fault suite counts, and a collector that counts each subject once per class. */
export const VIOLATION_CLASSES = [
  "lost",
  "duplicated",
  "short_completed",
  "ignored_cancels",
  "ignored_kill_switch",
  "overfilled",
  "stuck",
  /** The store disagrees with itself or with the API (fills table vs log, status column vs log). */
  "inconsistent",
] as const;
export type ViolationClass = (typeof VIOLATION_CLASSES)[number];

export interface Violation {
  cls: ViolationClass;
  /** The order id (or idempotency key) it is about. */
  subject: string;
  message: string;
}

export interface ViolationSink {
  add(cls: ViolationClass, subject: string, message: string): void;
  list(): Violation[];
}

export function createViolationSink(): ViolationSink {
  const seen = new Map<string, Violation>();
  return {
    add(cls, subject, message) {
      const key = `${cls}\u0000${subject}`;
      if (!seen.has(key)) seen.set(key, { cls, subject, message });
    },
    list: () => [...seen.values()],
  };
}

export function countByClass(violations: readonly Violation[]): Record<ViolationClass, number> {
  const counts = Object.fromEntries(VIOLATION_CLASSES.map((c) => [c, 0])) as Record<ViolationClass, number>;
  for (const v of violations) counts[v.cls]++;
  return counts;
}

/** One violation per class and subject (a repro's own check may repeat the general audit's). */
export function dedupeViolations(list: readonly Violation[]): Violation[] {
  const sink = createViolationSink();
  for (const v of list) sink.add(v.cls, v.subject, v.message);
  return sink.list();
}
