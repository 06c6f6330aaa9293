/** Post-trade review of one order. */
import { GLOSSARY } from "@/lib/execution-figures";
import { z } from "zod";
import { VenueIdSchema } from "./common";
import { LiveFillSchema } from "./live";
import { OrderSchema } from "./orders";

const Part = z.object({ usd: z.number(), bps: z.number() });
const Bench = z.object({ price: z.number().nullable(), cost_bps: z.number().nullable() });

export const ReviewResponseSchema = z
  .object({
    order: OrderSchema,
    final: z.boolean(),
    note: z
      .string()
      .nullable()
      .describe("set while the order is still working (the figures cover what is known so far), or for a final order whose market data came from its stored context or is missing"),
    timeline: z.array(
      z.object({
        at_ns: z.string(),
        kind: z.string(),
        status: z.string(),
        child_id: z.string().nullable(),
        venue: VenueIdSchema.nullable(),
        qty: z.number().nullable(),
        price: z.number().nullable(),
        reason: z.string().nullable(),
      }),
    ),
    fills: z.array(LiveFillSchema),
    benchmarks: z.object({ avg_price: z.number().nullable(), decision: Bench, arrival: Bench, interval_vwap: Bench, twap: Bench }),
    markouts: z.array(z.object({ horizon_ms: z.number(), available: z.boolean(), bps: z.number().nullable(), usd: z.number().nullable() })),
    shortfall: z.object({
      delay: Part,
      spread: Part,
      impact: Part,
      fees: Part,
      opportunity: Part,
      total: Part.describe("delay + spread + impact + fees + opportunity, exactly"),
      filled_qty: z.number(),
      unfilled_qty: z.number(),
    }),
    decision_audit: z.array(
      z.object({
        decision_id: z.string(),
        at_ns: z.string(),
        router_version: z.string(),
        cost_model_version: z.string(),
        chosen: z.array(
          z.object({
            venue: VenueIdSchema,
            qty: z.number(),
            est_cost_bps: z.number(),
            realized_cost_bps: z.number().nullable(),
            score_parts: z.record(z.string(), z.number()),
          }),
        ),
        counterfactual_best: z
          .object({ venue: VenueIdSchema, cost_bps: z.number() })
          .nullable()
          .describe("the cheapest single venue for the whole decision alone, realized-equivalent bps; it may cost more than the router's routing"),
        selection_error_bps: z.number().nullable().describe("chosen − counterfactual best; > 0 = a single venue would have done better, < 0 = the router's split beat every venue alone"),
        best_alternative: z
          .object({
            kind: z.enum(["routed", "single_venue"]).describe("routed: nothing on offer beat the router's own routing"),
            venue: VenueIdSchema.nullable().describe("the venue, for single_venue"),
            cost_bps: z.number().describe("realized-equivalent cost of the alternative, bps"),
            saving_bps: z.number().describe("chosen − alternative, ≥ 0: what the best alternative would have saved"),
          })
          .nullable()
          .describe("the best alternative the router had: the cheaper of its own routing and the best single venue; null without a decision mid"),
        forecast_error_bps: z.number().nullable().describe("realized − estimated"),
      }),
    ),
    policy_regret: z.object({ bps: z.number().nullable(), usd: z.number() }),
    forecast: z.object({
      expected_cost_bps: z.number().nullable(),
      downside_cost_bps: z.number().nullable(),
      realized_cost_bps: z.number().nullable().describe(GLOSSARY.realized_cost.definition),
      realized_cost_usd: z.number().nullable().describe("realized cost in USD (same definition); positive = cost"),
      fees_usd: z.number().describe(GLOSSARY.fees.definition),
      vs_forecast_bps: z.number().nullable().describe(GLOSSARY.vs_forecast.definition),
      decision_mid: z.number().nullable().describe(GLOSSARY.decision_mid.definition),
      arrival_mid: z.number().nullable().describe(GLOSSARY.arrival_mid.definition),
      within_p90: z.boolean().nullable(),
    }),
    mids: z.array(z.object({ at_ns: z.string(), mid: z.number() })),
    generated_at_ns: z.string(),
  })
  .meta({ id: "OrderReview" });
export type ReviewResponse = z.infer<typeof ReviewResponseSchema>;
