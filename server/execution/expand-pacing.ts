/**
 * TWAP pacing: a node with `pacing {num_slices, interval_ms}` becomes that many slice
 * orders of equal size, due at start + i × interval (time-weighted average price schedule,
 * e.g. Kissell & Glantz, "Optimal Trading Strategies", 2003, ch. 2). Sizes are equal up to
 * the last slice, which takes the remainder, so the slices always add up to the parent
 * exactly and none is zero. Shares are divided in fixed point (1e-8, the API's quantity
 * resolution): in floats 173.1 / 5 floored at 1e-8 gave 34.61999999, off every venue's lot
 * grid, and each slice child was refused INVALID_QTY.
 */
import { e8ToQty, qtyToE8 } from "@/lib/units";

export interface PacedSlice {
  index: number;
  qty: number;
  dueAtMs: number;
}

export function expandPacing(qty: number, numSlices: number, intervalMs: number, startMs: number): PacedSlice[] {
  if (!(qty > 0) || !Number.isFinite(qty)) throw new RangeError(`qty must be positive and finite, got ${qty}`);
  if (!Number.isInteger(numSlices) || numSlices < 1) throw new RangeError(`num_slices must be a positive integer, got ${numSlices}`);
  if (!(intervalMs >= 0)) throw new RangeError(`interval_ms must be >= 0, got ${intervalMs}`);
  // Equal shares floored to 1e-8; the remainder goes last.
  const totalE8 = qtyToE8(qty);
  const shareE8 = totalE8 / BigInt(numSlices);
  const share = e8ToQty(shareE8);
  const slices: PacedSlice[] = [];
  for (let i = 0; i < numSlices - 1; i++) slices.push({ index: i, qty: share, dueAtMs: startMs + i * intervalMs });
  slices.push({ index: numSlices - 1, qty: e8ToQty(totalE8 - shareE8 * BigInt(numSlices - 1)), dueAtMs: startMs + (numSlices - 1) * intervalMs });
  return slices.filter((s) => s.qty > 0);
}

/** Where the schedule says the parent should be at `nowMs`, as a fraction of its quantity. */
export function scheduledFraction(slices: readonly PacedSlice[], totalQty: number, nowMs: number): number {
  let due = 0;
  for (const s of slices) if (s.dueAtMs <= nowMs) due += s.qty;
  return totalQty > 0 ? Math.min(1, due / totalQty) : 0;
}
