import { createObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource } from "@/server/market-data/simulated-source";
import type { SymbolId } from "@/server/market-data/types";
import { createManualClock } from "@/server/shared/clock";

/**
 * A simulated market on a manual clock, run for `steps` × 100 ms so the observation store
 * has history (volatility, book samples, tape), then left where it is: tests read the same
 * books and time as often as they like.
 */
export function warmSimulatedMarket(symbol: SymbolId, seed: number, steps = 300) {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: [symbol] });
  source.start();
  const observations = createObservationStore({ source, clock });
  for (let i = 0; i < steps; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  const books = source.venuesFor(symbol).map((v) => source.book(v, symbol)!);
  return { clock, source, observations, books, nowMs: clock.nowMs() };
}
