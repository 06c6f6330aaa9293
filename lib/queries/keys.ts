import type { DecisionsParams } from "./live";
import type { OrderFilters } from "./orders";
import type { ForecastParams, SimulationParams } from "./pretrade";
import type { SummaryFilters } from "./summary";

/** Every react-query key the dashboard uses, in one place so invalidation stays consistent. */
export const queryKeys = {
  session: ["session"] as const,
  health: ["health"] as const,
  marketStatus: ["market-status"] as const,
  quotesAll: ["quotes"] as const,
  quotes: (symbols: readonly string[]) => ["quotes", symbols.join(",")] as const,
  depthAll: ["depth"] as const,
  depth: (symbol: string, bands: readonly number[]) => ["depth", symbol, bands.join(",")] as const,
  forecastAll: ["forecast"] as const,
  forecast: (p: ForecastParams) => ["forecast", p.symbol, p.side, p.qty, p.excludeVenues.join(",")] as const,
  simulationAll: ["simulation"] as const,
  simulation: (p: SimulationParams) =>
    ["simulation", p.symbol, p.side, p.qty, p.excludeVenues.join(","), p.urgency, p.passiveOnly, p.maxCostBps, p.seed, p.paths] as const,
  ordersAll: ["orders"] as const,
  orders: (f: OrderFilters) => ["orders", "list", f.status ?? "", f.symbol ?? "", f.from ?? "", f.to ?? "", f.limit ?? 50] as const,
  order: (orderId: string) => ["orders", "one", orderId] as const,
  previewAll: ["preview"] as const,
  /** The body serialised with sorted keys, so equal bodies share a cache entry. */
  preview: (body: object) => ["preview", stableJson(body)] as const,
  killSwitch: ["kill-switch"] as const,
  liveAll: ["live"] as const,
  live: (nodeOrderId: string) => ["live", nodeOrderId] as const,
  decisionsAll: ["decisions"] as const,
  decisions: (p: DecisionsParams) => ["decisions", p.nodeOrderId ?? "", p.lastN] as const,
  reviewAll: ["review"] as const,
  review: (id: string) => ["review", id] as const,
  summaryAll: ["summary"] as const,
  calibration: (days: number) => ["calibration", days] as const,
  summary: (f: SummaryFilters) => ["summary", f.startDate ?? "", f.endDate ?? "", f.symbol ?? "", f.venue ?? ""] as const,
};

function stableJson(value: object): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
