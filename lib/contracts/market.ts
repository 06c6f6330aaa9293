import { z } from "zod";
import { VenueIdSchema, VENUES } from "./common";
import { commaList, SymbolParam } from "./query";

export const SourceSchema = z
  .object({
    market: z.enum(["simulated", "replay", "live"]).describe("which market-data source produced the books"),
    path: z
      .enum(["warm", "stream", "rest_snapshot", "public_api"])
      .describe("how the books reached this answer: warm = from memory; otherwise the cold-chain step that supplied them"),
  })
  .meta({ id: "MarketSource" });
export type Source = z.infer<typeof SourceSchema>;

// ---- GET /v1/quotes

export const QuotesQuerySchema = z.strictObject({
  symbols: commaList(SymbolParam, { min: 1, max: 20 }),
});

export const VenueQuoteSchema = z.object({
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  bid_size: z.number().nullable(),
  ask_size: z.number().nullable(),
  age_ms: z.number(),
  stale: z.boolean(),
  status: z.enum(["ok", "degraded", "down"]),
});

export const QuoteSchema = z
  .object({
    symbol: z.string(),
    nbbo: z.object({
      bid: z.number(),
      ask: z.number(),
      mid: z.number(),
      spread_bps: z.number(),
      bid_venue: VenueIdSchema,
      ask_venue: VenueIdSchema,
      crossed: z.boolean().describe("best bid ≥ best ask across venues (a locked or crossed consolidated market)"),
    }),
    venues: z.partialRecord(z.enum(VENUES), VenueQuoteSchema),
    source: SourceSchema,
    as_of_ns: z.string(),
  })
  .meta({ id: "Quote" });
export type Quote = z.infer<typeof QuoteSchema>;

export const QuotesResponseSchema = z.object({ quotes: z.array(QuoteSchema) }).meta({ id: "Quotes" });
export type QuotesResponse = z.infer<typeof QuotesResponseSchema>;

// ---- GET /v1/intelligence/depth

export const DEFAULT_BANDS_BPS = [5, 10, 25, 50, 100];

export const DepthQuerySchema = z.strictObject({
  symbol: SymbolParam,
  bands: commaList(
    z.coerce.number({ error: "each band must be a number of bps" }).positive("bands must be > 0").max(5000, "bands must be ≤ 5000 bps"),
    { min: 1, max: 20 },
  )
    .transform((xs) => [...new Set(xs)].sort((a, b) => a - b))
    .optional(),
});

export const DepthBandSchema = z.object({
  band_bps: z.number(),
  bid_qty: z.number(),
  ask_qty: z.number(),
  bid_notional_usd: z.number(),
  ask_notional_usd: z.number(),
});

export const DepthResponseSchema = z
  .object({
    symbol: z.string(),
    mid: z.number(),
    bands_bps: z.array(z.number()),
    venues: z.partialRecord(z.enum(VENUES), z.object({ bands: z.array(DepthBandSchema) })),
    consolidated: z.object({ bands: z.array(DepthBandSchema) }),
    source: SourceSchema,
    as_of_ns: z.string(),
  })
  .meta({ id: "Depth" });
export type DepthResponse = z.infer<typeof DepthResponseSchema>;
