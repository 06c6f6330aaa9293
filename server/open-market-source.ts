/**
 * Builds the market source the configuration names (MARKET_SOURCE): the embedded simulated
 * market, a replay of recorded files, or live public venue feeds. Everything downstream
 * (hub, observation store, sandbox, forecasts) sees only the MarketSource port.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import { ConfigError, type Env } from "@/server/env";
import { isLiveVenue } from "@/server/market-data/live/live-markets";
import { createReplaySource } from "@/server/market-data/replay/create-replay-source";
import { createSimulatedSource, type Scheduler } from "@/server/market-data/simulated-source";
import type { BookView, MarketSource, SymbolId, VenueId } from "@/server/market-data/types";
import type { Clock } from "@/server/shared/clock";
import type { Logger } from "@/server/shared/logger";

/** The three Binance recordings shipped in the repository (recordings/, MIT, LICENSE beside them). */
export const DEFAULT_REPLAY_FILES = [
  "recordings/binance-spot_btcusdt_20240808.gz",
  "recordings/binance-usdm_btcusdt_20240808.gz",
  "recordings/binance-coinm_btcusd_perp_20240808.gz",
];

export interface OpenedMarketSource {
  source: MarketSource;
  /** The cold chain's last step, where the source has one (live: the venue's public REST API). */
  publicApi?: (venue: VenueId, symbol: SymbolId) => Promise<BookView | undefined>;
}

const scheduler: Scheduler = {
  setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
  clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout),
};

export async function openMarketSource(env: Env, clock: Clock, log: Logger, cwd = process.cwd()): Promise<OpenedMarketSource> {
  switch (env.MARKET_SOURCE) {
    case "simulated":
      return {
        source: createSimulatedSource({
          clock,
          seed: env.MARKET_SEED,
          scheduler,
          // Running every default symbol from the start gives the observation store history
          // (volatility, book states) before the first forecast asks for it.
          autostart: DEFAULT_SYMBOLS,
        }),
      };
    case "replay": {
      const files = (env.REPLAY_FILES.length ? env.REPLAY_FILES : DEFAULT_REPLAY_FILES).map((f) => resolve(cwd, f));
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length) {
        throw new ConfigError(`Invalid configuration:\n  REPLAY_FILES: not found: ${missing.join(", ")}`);
      }
      try {
        // Every recorded symbol plays from the start: there is nothing to subscribe.
        return { source: createReplaySource({ files, speed: env.REPLAY_SPEED, loop: env.REPLAY_LOOP, clock, scheduler, log }) };
      } catch (err) {
        // A file we cannot decode is a configuration problem: say which and why.
        throw new ConfigError(`Invalid configuration:\n  REPLAY_FILES: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    case "live": {
      const venues = env.LIVE_VENUES.filter(isLiveVenue);
      const dropped = env.LIVE_VENUES.filter((v) => !isLiveVenue(v));
      if (dropped.length) throw new ConfigError(`Invalid configuration:\n  LIVE_VENUES: no live feed for ${dropped.join(", ")}`);
      // ccxt takes ~0.5 s and tens of MB to load: only a live deployment pays for it.
      const { createLiveSource } = await import("@/server/market-data/live");
      const source = createLiveSource({ clock, log, ...(venues.length ? { venues } : {}) });
      return { source, publicApi: (venue, symbol) => source.fetchPublicBook(venue, symbol) };
    }
  }
}
