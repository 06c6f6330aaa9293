/** Live monitor and decision-log contracts. */
import { GLOSSARY } from "@/lib/execution-figures";
import { z } from "zod";
import { VenueIdSchema } from "./common";
import { OrderSchema } from "./orders";
import { SideSchema } from "./pretrade";

export const LiveFillSchema = z.object({
  fill_id: z.string(),
  venue: VenueIdSchema,
  qty: z.number(),
  price: z.number(),
  liquidity: z.enum(["maker", "taker"]),
  fee_usd: z.number(),
  at_ns: z.string(),
  mid_at_fill: z.number().nullable(),
});

export const VenueHealthSchema = z.object({
  venue: VenueIdSchema,
  status: z.enum(["ok", "degraded", "down"]),
  ack_latency_ms: z.number().nullable().describe("median ack latency of this order's children, or the venue profile's"),
  reject_rate: z.number().min(0).max(1),
  book_age_ms: z.number().nullable(),
});

export const LiveResponseSchema = z
  .object({
    order: OrderSchema,
    totals: z.object({
      ordered_qty: z.number(),
      filled_qty: z.number(),
      remaining_qty: z.number(),
      fill_pct: z.number(),
      avg_price: z.number().nullable(),
    }),
    fills: z.array(LiveFillSchema),
    tca: z.object({
      decision_mid: z.number().nullable().describe(GLOSSARY.decision_mid.definition),
      arrival_mid: z.number().nullable().describe(GLOSSARY.arrival_mid.definition),
      current_mid: z.number().nullable(),
      slippage_vs_arrival_bps: z.number().nullable().describe("average fill price vs the arrival mid, book only (no fees); positive = worse"),
      realized_cost_bps: z.number().nullable().describe(GLOSSARY.realized_cost.definition),
      realized_cost_usd: z.number().nullable().describe("realized cost in USD (same definition); positive = cost"),
      fees_usd: z.number().describe(GLOSSARY.fees.definition),
      forecast_p50_bps: z.number().nullable(),
      forecast_p90_bps: z.number().nullable(),
      vs_forecast_bps: z.number().nullable().describe(GLOSSARY.vs_forecast.definition),
    }),
    schedule: z.object({
      planned_fill_pct: z.number(),
      actual_fill_pct: z.number(),
      status: z.enum(["ahead", "on_track", "behind", "done"]),
      deviation_pct: z.number(),
    }),
    venue_health: z.array(VenueHealthSchema),
    suggestions: z.array(z.object({ kind: z.enum(["reroute", "speed_up", "slow_down", "none"]), message: z.string(), venue: VenueIdSchema.nullable() })),
    aggressiveness: z.object({ current: z.number(), planned: z.number(), advice: z.enum(["speed_up", "slow_down", "hold"]) }),
    mids: z.array(z.object({ at_ns: z.string(), mid: z.number() })).describe("mid over the order's life, for charting fills against"),
    as_of_ns: z.string(),
  })
  .meta({ id: "LiveOrder" });
export type LiveResponse = z.infer<typeof LiveResponseSchema>;

export const DecisionsQuerySchema = z.strictObject({
  node_order_id: z.string().min(1).max(128).optional(),
  last_n: z.coerce.number().int("last_n must be an integer").min(1, "last_n must be ≥ 1").max(1000, "last_n must be ≤ 1000").default(20),
});

export const DecisionSchema = z
  .object({
    decision_id: z.string(),
    node_order_id: z.string(),
    order_id: z.string(),
    at_ns: z.string(),
    router_version: z.string(),
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    mid: z.number().nullable(),
    candidates: z.array(
      z.object({
        venue: VenueIdSchema,
        status: z.string(),
        touch_price: z.number().nullable(),
        depth_qty: z.number(),
        score_parts: z.record(z.string(), z.number()),
      }),
    ),
    exclusions: z.array(z.object({ venue: VenueIdSchema, reason: z.string(), detail: z.string() })),
    legs: z.array(z.object({ venue: VenueIdSchema, qty: z.number(), limit_price: z.number().nullable(), est_cost_bps: z.number() })),
    est_cost_bps: z.number().nullable(),
    repeat_count: z.number().int().nonnegative().describe("later routing rounds of the same order that reached the same split and sent nothing (a resting order waiting for its price); counted, not stored again"),
    last_repeat_at_ns: z.string().nullable(),
  })
  .meta({ id: "RoutingDecision" });

export const DecisionsResponseSchema = z.object({ decisions: z.array(DecisionSchema) }).meta({ id: "Decisions" });
