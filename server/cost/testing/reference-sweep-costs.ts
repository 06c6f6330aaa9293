/**
 * The straightforward sampler the optimised one (sample-sweep-costs.ts) must agree with:
 * every book state swept level by level through the heap (GreedySweeper) to the largest
 * size, each size read off the fill sequence (sweepCostsAtSizes). This is the code the
 * distribution ran before the threshold search; tests compare the two on simulated
 * markets. Not used in production. maxFills defaults to no budget (every state), as the
 * optimised default does.
 */
import type { Level, VenueId } from "@/server/market-data/types";
import type { BookState } from "../align-book-states";
import { GreedySweeper, type SweepVenue } from "../greedy-sweep";
import { packLevels } from "../packed-levels";
import { EXPECTED_ADVERSE_MOVE, moveRiskBps } from "../risk-premium";
import type { SampleSweepCostsInput, SweepCostSamples } from "../sample-sweep-costs";
import { takenLevels } from "../side";
import { sweepCostsAtSizes } from "../sweep-ladder";

export function referenceSweepCosts(input: SampleSweepCostsInput, sweeper: GreedySweeper = new GreedySweeper()): SweepCostSamples {
  const { states, specs, side, sizes } = input;
  for (let k = 1; k < sizes.length; k++) {
    if (!((sizes[k] as number) >= (sizes[k - 1] as number))) throw new RangeError("sizes must be ascending");
  }
  const multiplier = input.riskMultiplier ?? EXPECTED_ADVERSE_MOVE;
  const truncatedAt = input.truncatedAt ?? 20;
  const deepByVenue = new Map<VenueId, readonly Level[]>();
  for (const b of input.deepBooks ?? []) deepByVenue.set(b.venue, takenLevels(b, side));
  const sigma = input.sigmaPerSecond > 0 && Number.isFinite(input.sigmaPerSecond) ? input.sigmaPerSecond : 0;
  const buy = side === "buy";
  // One mutable venue record per spec, refilled for every state: no per-state allocation.
  const idOrder = specs.map((s) => s.venue).sort();
  const pool: (SweepVenue & { deepLevels: readonly Level[] | undefined })[] = specs.map((spec) => ({
    deepLevels: deepByVenue.get(spec.venue),
    venue: spec.venue,
    rank: idOrder.indexOf(spec.venue),
    levels: [],
    deeper: undefined,
    feeBps: spec.feeBps,
    latencyBps: moveRiskBps(sigma, spec.ackLatencyMs, multiplier),
    stalenessBps: 0,
    extraBps: spec.extraBps,
    lotSize: spec.lotSize,
    minQty: spec.minQty,
    minNotional: spec.minNotional,
  }));
  const poolByVenue = new Map<VenueId, (typeof pool)[number]>();
  for (const v of pool) poolByVenue.set(v.venue, v);
  const venues: SweepVenue[] = [];
  const outCost: number[] = [];
  const outFilled: number[] = [];

  /** Sweeps one state into outCost/outFilled; false when it has no usable mid. */
  const priceState = (state: BookState): boolean => {
    venues.length = 0;
    // The state's consolidated mid, found in the same pass (referenceMid() semantics).
    let bestBid = -Infinity;
    let bestAsk = Infinity;
    for (const book of state.books) {
      const taken = buy ? book.asks : book.bids;
      // The taken side packed (memoised per sample): its first pair is that side's touch.
      const packed = packLevels(taken);
      const other = touch(buy ? book.bids : book.asks);
      const bid = buy ? other : packed.length > 0 ? (packed[0] as number) : Number.NaN;
      const ask = buy ? (packed.length > 0 ? (packed[0] as number) : Number.NaN) : other;
      if (bid > bestBid) bestBid = bid;
      if (ask < bestAsk) bestAsk = ask;
      const v = poolByVenue.get(book.venue);
      if (!v) continue;
      const deep = taken.length >= truncatedAt ? v.deepLevels : undefined;
      v.levels = taken;
      v.packed = packed;
      v.deeper = deep !== taken ? deep : undefined;
      const age = state.tsMs - book.tsMs;
      v.stalenessBps = sigma > 0 && age > 0 ? sigma * Math.sqrt(age / 1000) * 1e4 * multiplier : 0;
      venues.push(v);
    }
    const mid = bestBid > 0 && bestAsk < Infinity ? (bestBid + bestAsk) / 2 : buy ? bestAsk : bestBid;
    if (!(mid > 0 && mid < Infinity)) return false;
    sweepCostsAtSizes(sweeper, venues, side, mid, sizes, outCost, outFilled);
    return true;
  };

  // The newest state first: its fill count sets the stride that keeps the total within budget.
  const n = states.length;
  const newest = n > 0 ? (states[n - 1] as BookState) : undefined;
  const newestOk = newest ? priceState(newest) : false;
  const newestCost = outCost.slice(0, sizes.length);
  const newestFilled = outFilled.slice(0, sizes.length);
  const perState = Math.max(1, sweeper.fillCount);
  const maxFills = input.maxFills ?? Number.POSITIVE_INFINITY;
  const stride = Math.max(1, Math.ceil((n * perState) / Math.max(1, maxFills)));

  const cost = sizes.map(() => new Float64Array(n));
  const filled = sizes.map(() => new Float64Array(n));
  const stateTimesMs: number[] = [];
  let count = 0;
  const keep = (c: readonly number[], f: readonly number[], tsMs: number) => {
    for (let k = 0; k < sizes.length; k++) {
      (cost[k] as Float64Array)[count] = c[k] as number;
      (filled[k] as Float64Array)[count] = f[k] as number;
    }
    stateTimesMs.push(tsMs);
    count++;
  };
  // Every stride-th state counting back from the newest, so the sample still spans the window.
  for (let i = (n - 1) % stride; i < n - 1; i += stride) {
    const state = states[i] as BookState;
    if (priceState(state)) keep(outCost, outFilled, state.tsMs);
  }
  if (newest && newestOk) keep(newestCost, newestFilled, newest.tsMs);
  return { side, sizes, cost, filled, count, stateTimesMs, statesConsidered: n, stride };
}
/** Best usable price of a side; NaN when none, which loses every comparison. */
function touch(levels: readonly Level[]): number {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i] as Level;
    if (l.qty > 0 && l.price > 0 && l.qty < Infinity && l.price < Infinity) return l.price;
  }
  return Number.NaN;
}
