/**
 * Small reads of one side of one venue's book that the router records or prices from:
 * the usable levels (positive, finite price and quantity, as the cost engine's sweep
 * counts them), the touch, the visible depth and the depth within N bps of the touch.
 */
import type { Level } from "@/server/market-data/types";

export function isUsableLevel(l: Level): boolean {
  return l.qty > 0 && l.price > 0 && Number.isFinite(l.qty) && Number.isFinite(l.price);
}

/** The levels the sweep can take, best first (unusable ones skipped). */
export function usableLevels(levels: readonly Level[]): Level[] {
  return levels.filter(isUsableLevel);
}

/** Best usable price on the side, or undefined when there is none. */
export function touchPrice(levels: readonly Level[]): number | undefined {
  for (const l of levels) if (isUsableLevel(l)) return l.price;
  return undefined;
}

export function visibleDepth(levels: readonly Level[]): number {
  let depth = 0;
  for (const l of levels) if (isUsableLevel(l)) depth += l.qty;
  return depth;
}

/**
 * Quantity shown within `bps` of the side's own touch (the touch level always counts).
 * Measured from the venue's touch rather than the consolidated mid so that a venue quoting
 * wide is not charged twice (its wider touch is already in the book cost).
 */
export function depthWithinBps(levels: readonly Level[], bps: number): number {
  const touch = touchPrice(levels);
  if (touch === undefined) return 0;
  const limit = (Math.max(0, bps) / 1e4) * touch;
  let depth = 0;
  for (const l of levels) {
    if (!isUsableLevel(l)) continue;
    if (Math.abs(l.price - touch) > limit + 1e-12 * touch) break;
    depth += l.qty;
  }
  return depth;
}
