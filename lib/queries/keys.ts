import type { ForecastParams, SimulationParams } from "./pretrade";

/** Every react-query key the dashboard uses, in one place so invalidation stays consistent. */
export const queryKeys = {
  session: ["session"] as const,
  health: ["health"] as const,
  quotesAll: ["quotes"] as const,
  quotes: (symbols: readonly string[]) => ["quotes", symbols.join(",")] as const,
  depthAll: ["depth"] as const,
  depth: (symbol: string, bands: readonly number[]) => ["depth", symbol, bands.join(",")] as const,
  forecastAll: ["forecast"] as const,
  forecast: (p: ForecastParams) => ["forecast", p.symbol, p.side, p.qty, p.excludeVenues.join(",")] as const,
  simulationAll: ["simulation"] as const,
  simulation: (p: SimulationParams) =>
    ["simulation", p.symbol, p.side, p.qty, p.excludeVenues.join(","), p.urgency, p.passiveOnly, p.maxCostBps, p.seed, p.paths] as const,
};
