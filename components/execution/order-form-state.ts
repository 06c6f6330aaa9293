/**
 * The pre-trade order form's state (symbol, side, qty, excluded venues, plus the simulate
 * page's extras) as it lives in the URL, and its validation against the same zod
 * contracts the API applies. Pure (no React), unit-tested in order-form-state.test.ts.
 */
import { DEFAULT_SYMBOLS, SPOT_VENUES, VENUES, VenueIdSchema, type VenueId } from "@/lib/contracts/common";
import { PretradeQuerySchema, SimulateQuerySchema, UrgencySchema, type Side, type Urgency } from "@/lib/contracts/pretrade";
import type { ForecastParams, SimulationParams } from "@/lib/queries/pretrade";

export const ORDER_SYMBOLS = DEFAULT_SYMBOLS;
/** Venues a form offers before the market status says which the running source has. */
export const ORDER_VENUES = SPOT_VENUES;

/** A sensible first size per symbol (roughly $100K–$300K), used when the URL has no qty. */
export const DEFAULT_QTY: Record<string, string> = {
  "BTC-USD": "1",
  "ETH-USD": "10",
  "SOL-USD": "500",
  "XRP-USD": "50000",
  "DOGE-USD": "500000",
};

export const DEFAULT_PATHS = "200";
export const DEFAULT_SEED = "1";

export interface OrderFormState {
  symbol: string;
  side: Side;
  /** As typed (human units); validated separately so the input can hold a half-typed value. */
  qty: string;
  exclude: VenueId[];
}

export interface SimulateFormState extends OrderFormState {
  urgency: Urgency;
  passiveOnly: boolean;
  /** As typed; empty = no cap. */
  maxCost: string;
  paths: string;
  /** RNG seed for the simulated paths: the same seed and order give the same answer. */
  seed: string;
}

/** Form field → the error message to show next to it. */
export type FieldErrors = Partial<Record<"symbol" | "side" | "qty" | "exclude" | "urgency" | "passiveOnly" | "maxCost" | "paths" | "seed", string>>;

type Params = { get(name: string): string | null };

export function baseAsset(symbol: string): string {
  return symbol.split("-")[0] ?? symbol;
}

export function defaultQty(symbol: string): string {
  return DEFAULT_QTY[symbol] ?? "1";
}

export function parseOrderForm(params: Params): OrderFormState {
  const rawSymbol = params.get("symbol")?.trim().toUpperCase();
  const symbol = rawSymbol && (ORDER_SYMBOLS as readonly string[]).includes(rawSymbol) ? rawSymbol : ORDER_SYMBOLS[0];
  const side: Side = params.get("side")?.toLowerCase() === "sell" ? "sell" : "buy";
  const qty = params.get("qty")?.trim() || defaultQty(symbol);
  const wanted = new Set(
    (params.get("exclude") ?? "")
      .split(",")
      .map((v) => v.trim().toLowerCase())
      .filter((v) => VenueIdSchema.safeParse(v).success),
  );
  // Registry order, deduplicated; never all venues (the API refuses that).
  const exclude = VENUES.filter((v) => wanted.has(v));
  return { symbol, side, qty, exclude: ORDER_VENUES.every((v) => wanted.has(v)) ? [] : exclude };
}

export function parseSimulateForm(params: Params): SimulateFormState {
  const urgency = UrgencySchema.safeParse(params.get("urgency")?.toLowerCase());
  const passive = params.get("passive")?.toLowerCase();
  return {
    ...parseOrderForm(params),
    urgency: urgency.success ? urgency.data : "medium",
    passiveOnly: passive === "1" || passive === "true",
    maxCost: params.get("max_cost")?.trim() ?? "",
    paths: params.get("paths")?.trim() || DEFAULT_PATHS,
    seed: params.get("seed")?.trim() || DEFAULT_SEED,
  };
}

/**
 * The URL query for a form state, defaults left out so links stay short:
 * `symbol=ETH-USD&side=sell&qty=25&exclude=binance,okx`.
 */
export function orderFormSearch(state: OrderFormState | SimulateFormState): string {
  const q = new URLSearchParams();
  q.set("symbol", state.symbol);
  q.set("side", state.side);
  q.set("qty", state.qty.trim());
  if (state.exclude.length > 0) q.set("exclude", state.exclude.join(","));
  if ("urgency" in state) {
    if (state.urgency !== "medium") q.set("urgency", state.urgency);
    if (state.passiveOnly) q.set("passive", "1");
    if (state.maxCost.trim() !== "") q.set("max_cost", state.maxCost.trim());
    if (state.paths.trim() !== "" && state.paths.trim() !== DEFAULT_PATHS) q.set("paths", state.paths.trim());
    if (state.seed.trim() !== "" && state.seed.trim() !== DEFAULT_SEED) q.set("seed", state.seed.trim());
  }
  // Commas in the venue list read better unescaped; they are legal in a query string.
  return q.toString().replace(/%2C/g, ",");
}

/** API query field (a zod issue path, e.g. "exclude_venues.0") → form field. */
export function formFieldOf(apiField: string): keyof FieldErrors | null {
  const head = apiField.split(".")[0] ?? "";
  switch (head) {
    case "symbol":
    case "side":
    case "qty":
    case "urgency":
    case "paths":
    case "seed":
      return head;
    case "exclude_venues":
      return "exclude";
    case "passive_only":
      return "passiveOnly";
    case "max_cost_bps":
      return "maxCost";
    default:
      return null;
  }
}

/** Field errors from API validation details (or zod issues mapped the same way); first message per field wins. */
export function fieldErrorsFrom(details: readonly { field: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const d of details) {
    const field = formFieldOf(d.field);
    if (field && out[field] === undefined) out[field] = d.message;
  }
  return out;
}

export type Validated<P> = { ok: true; params: P } | { ok: false; errors: FieldErrors };

function issuesToDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }));
}

function excludeAllError(exclude: readonly VenueId[], venues: readonly VenueId[]): FieldErrors | null {
  return venues.every((v) => exclude.includes(v)) ? { exclude: "leave at least one venue to route to" } : null;
}

/** Checks the form with the endpoint's own query contract before anything is sent. */
/** `venues`: what the running source trades for the symbol (see useMarketUniverse). */
export function validateForecast(state: OrderFormState, venues: readonly VenueId[] = ORDER_VENUES): Validated<ForecastParams> {
  const all = excludeAllError(state.exclude, venues);
  if (all) return { ok: false, errors: all };
  const parsed = PretradeQuerySchema.safeParse({
    symbol: state.symbol,
    side: state.side,
    qty: state.qty,
    ...(state.exclude.length > 0 ? { exclude_venues: state.exclude.join(",") } : {}),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFrom(issuesToDetails(parsed.error.issues)) };
  return {
    ok: true,
    params: { symbol: parsed.data.symbol, side: parsed.data.side, qty: parsed.data.qty, excludeVenues: parsed.data.exclude_venues ?? [] },
  };
}

export function validateSimulation(state: SimulateFormState, venues: readonly VenueId[] = ORDER_VENUES): Validated<SimulationParams> {
  const all = excludeAllError(state.exclude, venues);
  if (all) return { ok: false, errors: all };
  const parsed = SimulateQuerySchema.safeParse({
    symbol: state.symbol,
    side: state.side,
    qty: state.qty,
    urgency: state.urgency,
    passive_only: state.passiveOnly ? "true" : "false",
    paths: state.paths.trim() === "" ? DEFAULT_PATHS : state.paths.trim(),
    seed: state.seed.trim() === "" ? DEFAULT_SEED : state.seed.trim(),
    ...(state.exclude.length > 0 ? { exclude_venues: state.exclude.join(",") } : {}),
    ...(state.maxCost.trim() !== "" ? { max_cost_bps: state.maxCost.trim() } : {}),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrorsFrom(issuesToDetails(parsed.error.issues)) };
  const d = parsed.data;
  return {
    ok: true,
    params: {
      symbol: d.symbol,
      side: d.side,
      qty: d.qty,
      excludeVenues: d.exclude_venues ?? [],
      urgency: d.urgency,
      passiveOnly: d.passive_only,
      maxCostBps: d.max_cost_bps ?? null,
      seed: d.seed,
      paths: d.paths,
    },
  };
}
