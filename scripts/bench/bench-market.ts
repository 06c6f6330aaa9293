/** In-process market-data figures: book snapshot + NBBO in µs, simulation cost per market second. */
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import { createMarketHub } from "@/server/market-data/hub";
import { computeNbbo } from "@/server/market-data/nbbo";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock } from "@/server/shared/clock";
import { fmt, summarize } from "./stats";

export function benchMarket(): Record<string, number> {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({
    clock,
    seed: 42,
    scheduler: { setInterval: () => 0, clearInterval: () => {} },
    autostart: DEFAULT_SYMBOLS,
  });
  source.start();
  const hub = createMarketHub({ source, clock, sleep: () => new Promise((r) => setImmediate(r)) });

  // Simulation cost: 60 s of market time for 5 symbols × their venues.
  const simStart = performance.now();
  for (let i = 1; i <= 600; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  const simMsPerMarketSecond = (performance.now() - simStart) / 60;

  // Book snapshot + NBBO, as /v1/quotes does it on the warm path.
  const samples: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    if (i % 100 === 0) {
      clock.advance(100);
      source.advanceTo(clock.nowMs());
    }
    const t0 = performance.now();
    const got = hub.peekBooks("BTC-USD");
    computeNbbo(got?.books ?? []);
    samples.push((performance.now() - t0) * 1000);
  }
  source.stop();
  const s = summarize(samples.slice(1000));
  console.log("\nIn-process market data");
  console.log(`  book snapshot + NBBO (BTC-USD, all venues): p50 ${fmt(s.p50, 2)} µs, p99 ${fmt(s.p99, 2)} µs (n=${s.n})`);
  console.log(`  simulated market: ${fmt(simMsPerMarketSecond, 2)} ms CPU per market second (${fmt(simMsPerMarketSecond / 10, 2)} % of a core)`);
  return { nbbo_p50_us: s.p50, nbbo_p99_us: s.p99, sim_ms_per_market_s: simMsPerMarketSecond };
}
