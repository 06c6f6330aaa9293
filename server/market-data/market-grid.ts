/**
 * Decimal price/quantity grids (tick size, lot size). Values are computed in integer
 * units and converted back through a power of ten, so a price produced here is the same
 * double that parsing its decimal string gives (9000.01, never 9000.010000000002) and
 * equal prices compare equal as book keys.
 */
export interface Grid {
  readonly step: number;
  readonly decimals: number;
  /** Nearest grid unit (integer) of x. */
  toUnits(x: number): number;
  fromUnits(units: number): number;
  /** Largest unit whose value is <= x (tolerates float noise just below a grid point). */
  floorUnits(x: number): number;
  /** Smallest unit whose value is >= x. */
  ceilUnits(x: number): number;
  /** x snapped to the nearest grid value. */
  round(x: number): number;
}

// Float noise tolerated when x sits on a grid point: x/step may come out as n - 1e-12.
const SNAP_EPS = 1e-7;

function decimalsOf(step: number): number {
  const s = step.toFixed(12).replace(/0+$/, "");
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

export function createGrid(step: number): Grid {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`grid step must be positive, got ${step}`);
  const decimals = decimalsOf(step);
  const scale = 10 ** decimals;
  const fromUnits = (units: number) => Math.round(units * step * scale) / scale;
  return {
    step,
    decimals,
    toUnits: (x) => Math.round(x / step),
    fromUnits,
    floorUnits: (x) => Math.floor(x / step + SNAP_EPS),
    ceilUnits: (x) => Math.ceil(x / step - SNAP_EPS),
    round: (x) => fromUnits(Math.round(x / step)),
  };
}

/** True when x lies on the grid (within float noise, which grows with the unit count). */
export function isOnGrid(x: number, step: number): boolean {
  const u = x / step;
  return Math.abs(u - Math.round(u)) < Math.max(1e-6, Math.abs(u) * 1e-14);
}
