/**
 * The group a forecast is calibrated within: its execution policy and its size as a multiple
 * of the touch. Conformal offsets fitted per group (Mondrian conformal prediction, Vovk,
 * Lindsay, Nouretdinov & Gammerman 2003, "Mondrian confidence machine") cover at the nominal
 * level within each group, where one offset per symbol over-covers large orders and
 * under-covers small ones whenever the raw model's error depends on size or policy. Until a
 * group has enough outcomes the symbol's pooled fit serves it.
 */
import type { BookView, Level } from "@/server/market-data/types";
import { takenLevels, type Side } from "./side";

export const CALIBRATION_POLICIES = ["sor", "pinned", "twap", "limit"] as const;
export type CalibrationPolicy = (typeof CALIBRATION_POLICIES)[number];

/** Order size as a multiple of the touch quantity, in the buckets the calibration report and panel use. */
export const SIZE_BUCKETS = [
  { label: "0.1-1x", upTo: 1 },
  { label: "1-5x", upTo: 5 },
  { label: "5-50x", upTo: Number.POSITIVE_INFINITY },
] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number]["label"];

export function sizeBucketOf(multipleOfTop: number): SizeBucket {
  for (const b of SIZE_BUCKETS) if (multipleOfTop < b.upTo) return b.label;
  return SIZE_BUCKETS[SIZE_BUCKETS.length - 1]!.label;
}

export interface ExecutionShape {
  venue?: string | undefined;
  limitPrice?: number | undefined;
  pacing?: { numSlices: number } | null | undefined;
}

/** A schedule first (it sets the horizon), then a limit (it sets fillability), then a pin. */
export function calibrationPolicyOf(e: ExecutionShape): CalibrationPolicy {
  if (e.pacing && e.pacing.numSlices > 1) return "twap";
  if (e.limitPrice !== undefined) return "limit";
  if (e.venue) return "pinned";
  return "sor";
}

/** Quantity at the best price over the books (the consolidated touch); 0 with no quotes. */
export function touchQty(books: readonly Pick<BookView, "bids" | "asks">[], side: Side): number {
  const touches = books.map((b) => takenLevels(b, side)[0]).filter((l): l is Level => l !== undefined);
  if (touches.length === 0) return 0;
  const best = side === "buy" ? Math.min(...touches.map((l) => l.price)) : Math.max(...touches.map((l) => l.price));
  return touches.filter((l) => l.price === best).reduce((a, l) => a + l.qty, 0);
}

export function calibrationGroupOf(policy: CalibrationPolicy, multipleOfTop: number): string {
  return `${policy}|${sizeBucketOf(multipleOfTop)}`;
}
