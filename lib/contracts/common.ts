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

/** Symbols are BASE-QUOTE; which ones a deployment serves is the market source's business. */
export const SymbolIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,10}-[A-Z]{3,5}$/, "symbol must look like BTC-USD");
export type SymbolId = string;

export const DEFAULT_SYMBOLS = ["BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD"] as const;

export const RoleSchema = z.enum(["viewer", "trader", "lead"]);
export type Role = z.infer<typeof RoleSchema>;
