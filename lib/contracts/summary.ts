/** Desk summary: the lead's roll-up of orders by day, symbol, venue and routing version. */
import { GLOSSARY } from "@/lib/execution-figures";
import { z } from "zod";
import { SymbolIdSchema, VenueIdSchema } from "./common";

const DateParam = z.string().date("dates are YYYY-MM-DD");
export const MAX_SUMMARY_DAYS = 366;

export const SummaryQuerySchema = z.strictObject({
  start_date: DateParam.optional(),
  end_date: DateParam.optional(),
  symbol: z.string().trim().toUpperCase().pipe(SymbolIdSchema).optional(),
  venue: VenueIdSchema.optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export type SummaryQuery = z.output<typeof SummaryQuerySchema>;

export const SUMMARY_RECENT_ORDERS = 25;

const CostStats = z.object({ orders: z.number().int(), notional_usd: z.number(), avg_cost_bps: z.number().nullable() });

export const SummaryResponseSchema = z
  .object({
    start_date: z.string(),
    end_date: z.string(),
    filters: z.object({ symbol: z.string().nullable(), venue: VenueIdSchema.nullable() }),
    scope: z.enum(["desk", "own_orders"]).describe("own_orders when the desk restricts traders to their own orders"),
    totals: z.object({
      orders: z.number().int(),
      completed_orders: z.number().int(),
      fills: z.number().int(),
      filled_notional_usd: z.number(),
      fill_rate: z.number().describe("filled quantity / ordered quantity"),
    }),
    slippage_bps: z
      .object({
        p50: z.number(),
        p75: z.number(),
        p90: z.number(),
        p95: z.number(),
        p99: z.number(),
        notional_weighted_mean: z.number(),
      })
      .nullable()
      .describe("realized cost vs arrival mid, fees included, over orders with fills; positive = cost"),
    per_venue: z.array(
      z.object({
        venue: VenueIdSchema,
        fills: z.number().int(),
        notional_usd: z.number(),
        fill_rate: z.number(),
        reject_rate: z.number(),
        ack_latency_p50_ms: z.number().nullable(),
        ack_latency_p99_ms: z.number().nullable(),
        avg_cost_bps: z.number().nullable(),
      }),
    ),
    per_symbol: z.array(CostStats.extend({ symbol: z.string(), fill_rate: z.number() })),
    per_router_version: z.array(CostStats.extend({ router_version: z.string() })),
    by_day: z.array(CostStats.extend({ date: z.string() })),
    calibration: z.object({ observations: z.number().int(), within_p90_share: z.number().nullable() }),
    recent_orders: z
      .array(
        z.object({
          order_id: z.string(),
          node_order_id: z.string(),
          created_at_ns: z.string(),
          symbol: z.string(),
          side: z.enum(["buy", "sell"]),
          status: z.string(),
          filled_qty: z.number(),
          arrival_mid: z.number().nullable().describe(GLOSSARY.arrival_mid.definition),
          realized_cost_bps: z.number().nullable().describe(GLOSSARY.realized_cost.definition),
          realized_cost_usd: z.number().nullable(),
          fees_usd: z.number().describe(GLOSSARY.fees.definition),
          forecast_p50_bps: z.number().nullable(),
          vs_forecast_bps: z.number().nullable().describe(GLOSSARY.vs_forecast.definition),
        }),
      )
      .describe(`the newest ${SUMMARY_RECENT_ORDERS} orders in scope, one row each (all of them: the CSV export)`),
    generated_at_ns: z.string(),
  })
  .meta({ id: "DeskSummary" });
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;
