/**
 * `npm run bench` figure for /simulate: wall time of 200 paths × 3 strategies on a
 * simulated BTC-USD market after 60 s of warm-up, for a 2 BTC order at each urgency and a
 * 200 BTC order (≈ half the visible depth: re-sweeps and passive orders that run the whole
 * horizon, the expensive regime). Uses performance.now() for timing only (a benchmark
 * measures wall time by definition); results never depend on it.
 */
import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { BookView, Trade, VenueId } from "@/server/market-data/types";
import { createManualClock } from "@/server/shared/clock";
import { greedyPlanLegs } from "./greedy-plan-legs";
import { simulateStrategies, type SimulationOutcome } from "./simulate-strategies";
import type { Urgency } from "./types";

export interface SimulateBenchFigures {
  paths: number;
  strategies: number;
  ms_medium: number;
  ms_high: number;
  ms_low: number;
  ms_medium_200btc: number;
}

export function benchSimulate(): SimulateBenchFigures {
  const symbol = "BTC-USD";
  const clock = createManualClock();
  const source = createSimulatedSource({
    clock,
    seed: 42,
    scheduler: { setInterval: () => 0, clearInterval: () => {} },
    autostart: [symbol],
  });
  source.start();
  const store = createObservationStore({ source, clock });
  for (let i = 0; i < 600; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  source.stop();
  const books: BookView[] = [];
  const tradesByVenue: Partial<Record<VenueId, readonly Trade[]>> = {};
  for (const venue of source.venuesFor(symbol)) {
    const book = source.book(venue, symbol);
    if (book) books.push(book);
    tradesByVenue[venue] = store.recentTrades(symbol, venue, 60_000);
  }
  const sigmaPerSecond = store.volatility(symbol).sigmaPerSecond;
  const paths = 200;

  const run = (urgency: Urgency, qty = 2): { ms: number; outcome: SimulationOutcome } => {
    const t0 = performance.now();
    const outcome = simulateStrategies({
      books,
      side: "buy",
      qty,
      symbol,
      urgency,
      sigmaPerSecond,
      tradesByVenue,
      planLegs: greedyPlanLegs,
      seed: 7,
      paths,
      nowMs: clock.nowMs(),
    });
    return { ms: performance.now() - t0, outcome };
  };

  run("medium"); // warm the JIT so the figure is steady-state
  const medium = run("medium");
  const high = run("high");
  const low = run("low");
  const large = run("medium", 200);
  console.log("\nExecution simulator (/simulate)");
  for (const [label, qty, r] of [
    ["medium", 2, medium],
    ["high", 2, high],
    ["low", 2, low],
    ["medium", 200, large],
  ] as const) {
    const line = r.outcome.results
      .map((x) => `${x.strategy} P50 ${x.p50CostBps?.toFixed(2) ?? "-"} bps fill ${(x.meanFillRate * 100).toFixed(0)} %`)
      .join(", ");
    console.log(`  ${paths} paths × 3 strategies, buy ${qty} BTC, urgency ${label} (step ${r.outcome.stepMs} ms): ${r.ms.toFixed(1)} ms — ${line}`);
  }
  return { paths, strategies: 3, ms_medium: medium.ms, ms_high: high.ms, ms_low: low.ms, ms_medium_200btc: large.ms };
}
