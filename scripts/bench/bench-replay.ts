/**
 * Replay figures on the three real Binance recordings (spot, USD-M, COIN-M; recordings/): load + decode time, messages rebuilt per second and the ratio to real time
 * when replayed as fast as the CPU allows, bare and with the observation store attached
 * (what a server runs), and the warm pre-trade forecast (forecastCost, the service path
 * that bench-cost.ts measures on the simulated market) over the replayed books. Figures
 * only, never pass/fail.
 *
 * "As fast as possible" keeps the recorded timeline: a manual clock jumps 100 ms of market
 * time per step with no waiting, so books and trades carry the same timestamps they would
 * at speed 1 and the estimators see a real-time-shaped tape.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { forecastCost } from "@/server/cost/forecast-cost";
import { SweepStateCache } from "@/server/cost/sweep-state-cache";
import { createTapeStatsCache } from "@/server/intelligence/tape-stats-cache";
import { createObservationStore } from "@/server/market-data/observation-store";
import { createReplaySource } from "@/server/market-data/replay/create-replay-source";
import type { ReplaySource } from "@/server/market-data/replay/replay-source";
import type { BookView } from "@/server/market-data/types";
import { createManualClock } from "@/server/shared/clock";
import { fmt, summarize } from "./stats";

const DIR = resolve(__dirname, "../../recordings");
const FILES = ["binance-spot_btcusdt_20240808.gz", "binance-usdm_btcusdt_20240808.gz", "binance-coinm_btcusd_perp_20240808.gz"].map((f) => resolve(DIR, f));
const SYMBOL = "BTC-USD";
const START = 1_760_000_000_000;
const STEP_MS = 100;
const SIZES = [0.1, 5, 50] as const;

function build(maxViewLevels?: number): { source: ReplaySource; clock: ReturnType<typeof createManualClock>; loadMs: number } {
  const clock = createManualClock(START);
  const t0 = performance.now();
  const source = createReplaySource({ files: FILES, clock, scheduler: { setInterval: () => 0, clearInterval: () => {} }, maxViewLevels });
  return { source, clock, loadMs: performance.now() - t0 };
}

/** Steps the replay to its end; `each` runs after every step with the market time. */
function runToEnd(source: ReplaySource, clock: ReturnType<typeof createManualClock>, each?: (nowMs: number) => void): number {
  source.start();
  const t0 = performance.now();
  while (!source.finished) {
    clock.advance(STEP_MS);
    source.advanceTo(clock.nowMs());
    each?.(clock.nowMs());
  }
  const wallMs = performance.now() - t0;
  source.stop();
  return wallMs;
}

/** Replay with the observation store attached and forecasts once per market second; wall time and forecast µs per size. */
function servedRun(maxViewLevels: number): { wallMs: number; samples: Record<number, number[]> } {
  const served = build(maxViewLevels);
  const store = createObservationStore({ source: served.source, clock: served.clock });
  const tapeStats = createTapeStatsCache();
  const cache = new SweepStateCache();
  const samples: Record<number, number[]> = { 0.1: [], 5: [], 50: [] };
  let step = 0;
  const forecastOnce = (nowMs: number) => {
    step++;
    if (step < 600 || step % 10 !== 0) return;
    const books = served.source.venuesFor(SYMBOL).map((v) => served.source.book(v, SYMBOL)).filter((b): b is BookView => b !== undefined);
    if (books.length === 0) return;
    const venues = books.map((b) => b.venue);
    for (const qty of SIZES) {
      // Two calls per size: the first after the market moved, the second a warm repeat.
      for (let k = 0; k < 2; k++) {
        const t0 = performance.now();
        forecastCost({ symbol: SYMBOL, side: "buy", qty, books, nowMs, observations: store, options: { cache, tapeStats: tapeStats.get(store, SYMBOL, venues, nowMs) } });
        samples[qty]!.push((performance.now() - t0) * 1000);
      }
    }
  };
  const wallMs = runToEnd(served.source, served.clock, forecastOnce);
  store.close();
  return { wallMs, samples };
}


export async function benchReplay(): Promise<Record<string, number>> {
  console.log("\nReplay source (three Binance recordings: spot, USD-M, COIN-M BTC)");
  if (!FILES.every((f) => existsSync(f))) {
    console.log(`  skipped: recordings not found in ${DIR}`);
    return {};
  }

  // 1. Bare replay: decode + rebuild every book, nobody listening.
  const bare = build();
  const st = bare.source.status();
  const events = st.events;
  const recordedS = ((st.recordedEndMs ?? 0) - (st.recordedStartMs ?? 0)) / 1000;
  const bareMs = runToEnd(bare.source, bare.clock);
  const gaps = bare.source.status().books.reduce((n, b) => n + b.gaps + b.crossed, 0);

  // 2. With the observation store attached (book states and tape recorded, as in a server),
  //    and warm forecasts over the replayed books once per market second after the first
  //    minute: with the default 1000 levels a side served, then with 100 (forecast cost
  //    grows with the levels a book carries; the simulated books carry far fewer).
  const full = servedRun(1000);
  const top100 = servedRun(100);

  const rate = events / (bareMs / 1000);
  const ratio = recordedS / (bareMs / 1000);
  const servedRatio = recordedS / (full.wallMs / 1000);
  console.log(`  load + decode: ${fmt(bare.loadMs, 0)} ms for ${events} messages (${FILES.length} files, ${fmt(recordedS, 1)} s recorded); gaps + crossed: ${gaps}`);
  console.log(`  rebuild, nobody listening: ${fmt(bareMs, 0)} ms, ${fmt(rate / 1000, 0)}k messages/s, ×${fmt(ratio, 0)} real time`);
  console.log(
    `  rebuild + observation store + forecasts: ${fmt(full.wallMs, 0)} ms, ${fmt(events / (full.wallMs / 1000) / 1000, 0)}k messages/s, ×${fmt(servedRatio, 0)} real time`,
  );
  const figures: Record<string, number> = {
    replay_load_ms: bare.loadMs,
    replay_messages: events,
    replay_recorded_s: recordedS,
    replay_messages_per_s: rate,
    replay_realtime_ratio: ratio,
    replay_with_store_realtime_ratio: servedRatio,
    replay_gaps_and_crossed: gaps,
  };
  for (const [label, run] of [["", full], ["_top100", top100]] as const) {
    for (const qty of SIZES) {
      const s = summarize(run.samples[qty]!);
      const levels = label === "" ? "1000" : "100";
      console.log(`  forecast on replayed books (${levels} levels a side), ${String(qty).padStart(4)} BTC, 3 venues: p50 ${fmt(s.p50, 1)} µs, p99 ${fmt(s.p99, 1)} µs (n=${s.n})`);
      figures[`replay_forecast${label}_${String(qty).replace(".", "_")}_p50_us`] = s.p50;
      figures[`replay_forecast${label}_${String(qty).replace(".", "_")}_p99_us`] = s.p99;
    }
  }
  return figures;
}

// Runnable on its own: npx tsx scripts/bench/bench-replay.ts
if (require.main === module) {
  benchReplay().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
