/**
 * Order bodies. The simple body is shared by POST /v1/orders/preview and POST /v1/orders;
 * graph bodies arrive with the orders issue.
 */
import { z } from "zod";
import { SymbolIdSchema, VenueIdSchema } from "./common";
import { MAX_QTY, RoutingLegSchema, SideSchema, UrgencySchema } from "./pretrade";
import { SourceSchema } from "./market";

export const SimpleOrderBodySchema = z
  .strictObject({
    symbol: z.string().trim().toUpperCase().pipe(SymbolIdSchema),
    side: SideSchema,
    qty: z.number().positive("qty must be > 0").max(MAX_QTY).optional().describe("human units, e.g. 0.5 BTC"),
    notional: z.number().positive("notional must be > 0").max(1e12).optional().describe("USD; converted at the arrival mid"),
    limit_price: z.number().positive("limit_price must be > 0").optional(),
    venue: VenueIdSchema.optional().describe("send to this venue only; omit to let the smart order router split"),
    urgency: UrgencySchema.default("medium"),
    exclude_venues: z.array(VenueIdSchema).max(7).optional(),
    client_request_id: z.string().min(1).max(128).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.qty === undefined) === (body.notional === undefined)) {
      ctx.addIssue({ code: "custom", path: ["qty"], message: "give exactly one of qty or notional" });
    }
    if (body.venue && body.exclude_venues?.includes(body.venue)) {
      ctx.addIssue({ code: "custom", path: ["venue"], message: "venue is also in exclude_venues" });
    }
  });
export type SimpleOrderBody = z.infer<typeof SimpleOrderBodySchema>;

export const PreTradeCheckSchema = z.object({
  check: z.enum(["symbol", "venue", "min_size", "price_deviation", "depth", "venue_status", "trading_mode", "notional_limit"]),
  status: z.enum(["pass", "warn", "fail"]),
  message: z.string(),
});

export const PreviewResponseSchema = z
  .object({
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    notional_usd: z.number(),
    mid: z.number(),
    source: SourceSchema,
    routing: z.enum(["sor", "direct"]),
    router: z.string(),
    legs: z.array(RoutingLegSchema),
    unfilled_qty: z.number(),
    estimated: z.object({
      avg_price: z.number().nullable(),
      cost_bps: z.number().describe("P50 all-in, from the forecast"),
      p90_cost_bps: z.number(),
      cost_usd: z.number(),
      fees_usd: z.number(),
    }),
    checks: z.array(PreTradeCheckSchema),
    would_accept: z.boolean().describe("every check passes or only warns"),
    generated_at_ns: z.string(),
  })
  .meta({ id: "OrderPreview" });
export type PreviewResponse = z.infer<typeof PreviewResponseSchema>;
