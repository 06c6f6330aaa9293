import { z } from "zod";

/**
 * Venue ids. The first seven are spot venues (every market source); binance-usdm (USD-M
 * perpetual, USDT-margined) and binance-coinm (COIN-M perpetual, inverse) come from
 * recordings and live feeds only: see `markets` in server/market-data/venues.ts.
 */
export const VENUES = [
  "binance",
  "coinbase",
  "kraken",
  "okx",
  "bybit",
  "bitget",
  "cryptocom",
  "binance-usdm",
  "binance-coinm",
] as const;
export const VenueIdSchema = z.enum(VENUES);
/** The seven spot venues every market source carries (the simulated market has only these). */
export const SPOT_VENUES = VENUES.slice(0, 7) as readonly VenueId[];
export type VenueId = z.infer<typeof VenueIdSchema>;

/**
 * Instrument ids ("symbols" in the API): BASE-QUOTE for spot (BTC-USD: USD, USDT and USDC
 * spot books are one family) and BASE-QUOTE-PERP for perpetual swaps (BTC-USD-PERP: linear
 * USDT-margined and inverse coin-margined perps alike). Spot and perp are different
 * instruments: a perp trades at a basis to spot, so books, NBBO, mids, forecasts, routes and
 * fills never mix them. Which ones a deployment serves is the market source's business.
 */
export const SymbolIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,10}-(?!PERP$)[A-Z]{3,5}(-PERP)?$/, "symbol must look like BTC-USD (spot) or BTC-USD-PERP (perpetual)");
export type SymbolId = string;

const PERP_SUFFIX = "-PERP";

/** True for a perpetual-swap instrument id (BTC-USD-PERP). */
export function isPerpSymbol(symbol: SymbolId): boolean {
  return symbol.endsWith(PERP_SUFFIX);
}

/** The spot instrument a perp is quoted against (BTC-USD-PERP -> BTC-USD); a spot id maps to itself. */
export function spotSymbolOf(symbol: SymbolId): SymbolId {
  return isPerpSymbol(symbol) ? symbol.slice(0, -PERP_SUFFIX.length) : symbol;
}

/** The perpetual on a spot instrument (BTC-USD -> BTC-USD-PERP); a perp id maps to itself. */
export function perpSymbolOf(symbol: SymbolId): SymbolId {
  return isPerpSymbol(symbol) ? symbol : `${symbol}${PERP_SUFFIX}`;
}

export const DEFAULT_SYMBOLS = ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"] as const;

export const RoleSchema = z.enum(["viewer", "trader", "lead"]);
export type Role = z.infer<typeof RoleSchema>;
