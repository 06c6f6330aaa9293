/**
 * Micro-benchmark of a warm pre-trade forecast (forecastCost: landed cost on every venue,
 * routed sweep, distribution over ≤ 60 book states, capacity curve, fill confidence,
 * urgency) on the simulated market, for small, medium and large BTC orders. Prints p50/p99
 * µs; figures only, never pass/fail. `npm run bench` calls benchCost().
 */
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock } from "@/server/shared/clock";
import { estimateTapeFromObservations, forecastCost, type ForecastCostInput } from "./forecast-cost";

export interface CostBenchFigures {
  [key: string]: number;
}

const SYMBOL = "BTC-USD";
const ORDERS = [
  ["small", 0.1],
  ["medium", 5],
  ["large", 50],
] as const;

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

  const input = (qty: number): ForecastCostInput => ({
    symbol: SYMBOL,
    side: "buy",
    qty,
    books: source.venuesFor(SYMBOL).map((v) => source.book(v, SYMBOL)!),
    nowMs: clock.nowMs(),
    observations: store,
  });

  const figures: CostBenchFigures = {};
  console.log(`\nIn-process cost forecast (${SYMBOL}, 7 venues, ≤ 60 book states, 7-point capacity curve, urgency)`);
  const venues = source.venuesFor(SYMBOL);
  const modes = [
    { cached: false, budget: undefined, note: "tape read per call" },
    { cached: true, budget: undefined, note: "tape stats cached" },
    { cached: true, budget: 4000, note: "tape cached, fill budget 4 000" },
  ] as const;
  for (const { cached, budget, note } of modes) {
    for (const [label, qty] of ORDERS) {
      const samples: number[] = [];
      let tape = estimateTapeFromObservations(store, SYMBOL, venues, clock.nowMs());
      for (let i = 0; i < iterations; i++) {
        if (i % 100 === 0) {
          step();
          // A service re-reading the tape every 10 s of market time (100 steps of 100 ms).
          if (cached && i % 1000 === 0) tape = estimateTapeFromObservations(store, SYMBOL, venues, clock.nowMs());
        }
        const req = input(qty);
        if (cached) req.options = { tapeStats: tape, ...(budget !== undefined ? { maxSweepFills: budget } : {}) };
        const t0 = performance.now();
        forecastCost(req);
        samples.push((performance.now() - t0) * 1000);
      }
      const probe = input(qty);
      if (cached) probe.options = { tapeStats: tape, ...(budget !== undefined ? { maxSweepFills: budget } : {}) };
      const states = forecastCost(probe).distribution;
      const warm = samples.slice(Math.floor(iterations / 10)).sort((a, b) => a - b);
      const p50 = percentile(warm, 50);
      const p99 = percentile(warm, 99);
      const key = `${label}${cached ? "_cached_tape" : ""}${budget !== undefined ? `_budget${budget}` : ""}`;
      figures[`${key}_p50_us`] = p50;
      figures[`${key}_p99_us`] = p99;
      console.log(
        `  ${label.padEnd(6)} (${String(qty).padStart(4)} BTC), ${note}: p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs ` +
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
