import { z } from "zod";
import { VenueIdSchema } from "./common";

/**
 * GET /v1/market: which market-data source is running, how fresh each venue's books are,
 * and the source's own health (replay position, stream sequence gaps, live reconnects).
 * Every page's header reads it, so a trader always knows whose numbers they are looking at.
 */

export const VenueBookStatusSchema = z.object({
  symbol: z.string(),
  /** Milliseconds since this book last changed; null when there is no book (not started or withheld after a gap). */
  age_ms: z.number().nullable(),
  updated_at_ns: z.string().nullable(),
  stale: z.boolean(),
  /** The book is withheld until a fresh snapshot repairs a detected gap or crossed book. */
  resyncing: z.boolean(),
  bid_levels: z.number().int(),
  ask_levels: z.number().int(),
});

export const VenueFeedStatusSchema = z
  .object({
    venue: VenueIdSchema,
    name: z.string(),
    /** spot or perpetual swap; perps differ from spot by a basis. */
    market_type: z.enum(["spot", "perp"]),
    /** Quote currency family of this venue's markets (USD, USDT, USDC). */
    quote: z.string(),
    state: z.enum(["ok", "stale", "resyncing", "connecting", "reconnecting", "down"]),
    books: z.array(VenueBookStatusSchema),
    /** Venue messages applied (replay, live); null where the source does not count them. */
    messages: z.number().int().nullable(),
    gaps: z.number().int().nullable(),
    resyncs: z.number().int().nullable(),
    crossed: z.number().int().nullable(),
    reconnects: z.number().int().nullable(),
    last_error: z.string().nullable(),
  })
  .meta({ id: "VenueFeedStatus" });

export const ReplayStatusSchema = z.object({
  files: z.array(z.object({ path: z.string(), format: z.string(), venue: z.string().nullable(), messages: z.number().int() })),
  speed: z.number(),
  loop: z.boolean(),
  /** Completed passes over the files. */
  loops: z.number().int(),
  /** The recorded instant the market is showing now. */
  recorded_at_ns: z.string().nullable(),
  recorded_start_ns: z.string().nullable(),
  recorded_end_ns: z.string().nullable(),
  /** Share of the recording played in this pass, 0–1. */
  progress: z.number(),
  finished: z.boolean(),
});

export const MarketStatusResponseSchema = z
  .object({
    source: z.enum(["simulated", "replay", "live"]),
    /** ok: every running book fresh; degraded: some stale, resyncing or reconnecting; down: no book at all. */
    status: z.enum(["ok", "degraded", "down"]),
    stale_after_ms: z.number(),
    /** Age of the freshest and stalest running book, ms. */
    freshest_age_ms: z.number().nullable(),
    stalest_age_ms: z.number().nullable(),
    symbols: z.array(z.string()),
    venues: z.array(VenueFeedStatusSchema),
    replay: ReplayStatusSchema.nullable(),
    as_of_ns: z.string(),
  })
  .meta({ id: "MarketStatus" });
export type MarketStatusResponse = z.infer<typeof MarketStatusResponseSchema>;
export type VenueFeedStatus = z.infer<typeof VenueFeedStatusSchema>;
