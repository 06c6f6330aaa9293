import type { Rng } from "@/server/shared/rng";

/**
 * Poisson-distributed count by Knuth's multiplication method: exact, and cheap for the
 * small per-step rates (well under 30) the simulator draws; larger rates fall back to a
 * rounded normal approximation, which is accurate there and avoids a long loop.
 */
export function samplePoisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
