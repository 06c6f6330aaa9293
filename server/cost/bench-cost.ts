/**
 * Micro-benchmark of a warm pre-trade forecast (forecastCost: landed cost on every venue,
 * routed sweep, distribution over ≤ 60 book states, capacity curve, fill confidence,
 * urgency) on the simulated market, for small, medium and large BTC orders. Prints p50/p99
 * µs and the book states used; figures only, never pass/fail. `npm run bench` calls
 * benchCost().
 *
 * Modes (each with its own fresh sweep cache, so none warms another):
 * - "tape read per call": the default path, the tape statistics estimated every call.
 * - "tape stats cached": what the service does (tape stats cached per symbol); the market
 *   moves 100 ms every 100 calls, so most calls repeat a question already answered within
 *   the same market tick (sweep-state-cache.ts reuses those answers exactly).
 * - "new size each call": as above, but every call asks a different order size (±20 %),
 *   so no answer is reused; the per-state merged ladders still are.
 * - "market moves each call": tape cached, the market moves 100 ms before every call (new
 *   books every call, a new book state and σ every 10 calls): the least the caches can do.
 */
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock } from "@/server/shared/clock";
import { estimateTapeFromObservations, forecastCost, type ForecastCostInput } from "./forecast-cost";
import { SweepStateCache } from "./sweep-state-cache";

export interface CostBenchFigures {
  [key: string]: number;
}

const SYMBOL = "BTC-USD";
const ORDERS = [
  ["small", 0.1],
  ["medium", 5],
  ["large", 50],
] as const;

interface Mode {
  key: string;
  note: string;
  cachedTape: boolean;
  /** The market moves 100 ms every this many calls. */
  stepEvery: number;
  newSizeEachCall: boolean;
}

const MODES: readonly Mode[] = [
  { key: "", note: "tape read per call", cachedTape: false, stepEvery: 100, newSizeEachCall: false },
  { key: "_cached_tape", note: "tape stats cached", cachedTape: true, stepEvery: 100, newSizeEachCall: false },
  { key: "_cached_tape_new_size", note: "tape cached, new size each call", cachedTape: true, stepEvery: 100, newSizeEachCall: true },
  { key: "_cached_tape_market_moves", note: "tape cached, market moves each call", cachedTape: true, stepEvery: 1, newSizeEachCall: false },
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function benchCost(iterations = 2000): CostBenchFigures {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed: 42, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: [SYMBOL] });
  source.start();
  const store = createObservationStore({ source, clock });
  const step = () => {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  };
  // Two minutes of market so the store holds > 60 book states, a tape and an EWMA σ.
  for (let i = 0; i < 1200; i++) step();

  const venues = source.venuesFor(SYMBOL);
  const input = (qty: number, cache: SweepStateCache): ForecastCostInput => ({
    symbol: SYMBOL,
    side: "buy",
    qty,
    books: venues.map((v) => source.book(v, SYMBOL)!),
    nowMs: clock.nowMs(),
    observations: store,
    options: { cache },
  });

  const figures: CostBenchFigures = {};
  console.log(`\nIn-process cost forecast (${SYMBOL}, 7 venues, ≤ 60 book states, 7-point capacity curve, urgency)`);
  for (const mode of MODES) {
    for (const [label, qty] of ORDERS) {
      const cache = new SweepStateCache();
      const samples: number[] = [];
      let tape = estimateTapeFromObservations(store, SYMBOL, venues, clock.nowMs());
      for (let i = 0; i < iterations; i++) {
        if (i % mode.stepEvery === 0) {
          step();
          // A service re-reading the tape every second of market time (its tape-stats cache lives 1 s).
          if (mode.cachedTape && (i / mode.stepEvery) % 10 === 0) tape = estimateTapeFromObservations(store, SYMBOL, venues, clock.nowMs());
        }
        // A different size every call: ±20 % around the order, never repeating within 17 calls.
        const req = input(mode.newSizeEachCall ? qty * (0.8 + 0.025 * (i % 17)) : qty, cache);
        if (mode.cachedTape) req.options = { ...req.options, tapeStats: tape };
        const t0 = performance.now();
        forecastCost(req);
        samples.push((performance.now() - t0) * 1000);
      }
      const probe = input(qty, cache);
      if (mode.cachedTape) probe.options = { ...probe.options, tapeStats: tape };
      const states = forecastCost(probe).distribution;
      const warm = samples.slice(Math.floor(iterations / 10)).sort((a, b) => a - b);
      const p50 = percentile(warm, 50);
      const p99 = percentile(warm, 99);
      figures[`${label}${mode.key}_p50_us`] = p50;
      figures[`${label}${mode.key}_p99_us`] = p99;
      figures[`${label}${mode.key}_states`] = states.samples;
      console.log(
        `  ${label.padEnd(6)} (${String(qty).padStart(4)} BTC), ${mode.note}: p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs ` +
          `(n=${warm.length}; ${states.samples}/${states.statesConsidered} book states)`,
      );
    }
  }
  // A machine-speed reference, so figures from different hosts can be compared.
  const t0 = performance.now();
  let acc = 0;
  for (let i = 0; i < 1e7; i++) acc += i * 0.5;
  // (acc is read so the loop cannot be optimised away)
  const nsPerLoop = ((performance.now() - t0) * 1e6) / 1e7 + (acc < 0 ? 1 : 0);
  figures.reference_ns_per_loop_iteration = nsPerLoop;
  console.log(`  machine reference: ${nsPerLoop.toFixed(2)} ns per iteration of a simple numeric loop`);
  source.stop();
  store.close();
  return figures;
}
