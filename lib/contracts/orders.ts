/**
 * Order bodies. The simple body is shared by POST /v1/orders/preview and POST /v1/orders;
 * graph bodies arrive with the orders issue.
 */
import { z } from "zod";
import { SymbolIdSchema, VenueIdSchema } from "./common";
import { MAX_QTY, RoutingLegSchema, SideSchema, UrgencySchema } from "./pretrade";
import { SourceSchema } from "./market";
import { REASON_CODES } from "@/lib/reason-messages";

export const SimpleOrderBodySchema = z
  .strictObject({
    symbol: z.string().trim().toUpperCase().pipe(SymbolIdSchema),
    side: SideSchema,
    qty: z.number().positive("qty must be > 0").max(MAX_QTY).optional().describe("human units, e.g. 0.5 BTC"),
    notional: z.number().positive("notional must be > 0").max(1e12).optional().describe("USD; converted at the decision mid (the mid when the order is accepted)"),
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

// ---- POST /v1/orders (graph body)

export const EDGE_TRIGGERS = ["on_accepted", "on_first_fill", "on_fill", "on_full_fill", "on_timeout", "on_cancel", "on_done"] as const;

export const GraphNodeSchema = z.strictObject({
  node_id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "node_id: 1-64 letters, digits, _ . : -"),
  instrument: z.string().trim().toUpperCase().pipe(SymbolIdSchema),
  side: SideSchema,
  order_type: z.enum(["market", "limit"]).default("market"),
  quantity: z.number().positive("quantity must be > 0").max(MAX_QTY),
  limit_price: z.number().positive().optional(),
  venue: VenueIdSchema.optional(),
  execution: z
    .strictObject({
      policy: z.enum(["sor", "aggressive_chase"]).default("sor"),
      urgency: UrgencySchema.default("medium"),
      pacing: z
        .strictObject({
          num_slices: z.number().int().min(1).max(500),
          interval_ms: z.number().int().min(100).max(86_400_000),
        })
        .optional(),
    })
    .default({ policy: "sor", urgency: "medium" }),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

export const GraphEdgeSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  trigger: z.enum(EDGE_TRIGGERS),
  timeout_ms: z.number().int().positive().max(86_400_000).optional(),
});

export const GraphOrderBodySchema = z.strictObject({
  graph_id: z.string().min(1).max(128),
  nodes: z.array(GraphNodeSchema).min(1).max(100),
  edges: z.array(GraphEdgeSchema).max(500).default([]),
});
export type GraphOrderBody = z.infer<typeof GraphOrderBodySchema>;

/** Either body; a graph is recognised by its `nodes`. */
export const OrderBodySchema = z.union([GraphOrderBodySchema, SimpleOrderBodySchema]);

// ---- order views

export const OrderStatusSchema = z.enum(["ACCEPTED", "RUNNING", "PAUSED", "COMPLETED", "CANCELLED", "REJECTED", "FAILED"]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderSchema = z
  .object({
    order_id: z.string(),
    node_order_id: z.string(),
    parent_id: z.string().nullable(),
    graph_id: z.string().nullable(),
    node_id: z.string().nullable(),
    client_request_id: z.string().nullable(),
    status: OrderStatusSchema,
    reject_reason: z
      .enum(REASON_CODES)
      .nullable()
      .describe("why a CANCELLED, REJECTED or FAILED order did not complete (CLIENT_CANCEL: the client cancelled it); null while working and once COMPLETED"),
    reason_message: z.string().nullable().describe("reject_reason in words, for display"),
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    filled_qty: z.number(),
    remaining_qty: z.number().describe("still to be worked; 0 once COMPLETED"),
    dust_qty: z
      .number()
      .min(0)
      .describe("what a COMPLETED order left unfilled because it was below every allowed venue's minimum order size; 0 otherwise"),
    dust_note: z.string().nullable().describe("dust_qty in words, for display; null when there is no dust"),
    avg_price: z.number().nullable(),
    fees_usd: z.number(),
    limit_price: z.number().nullable(),
    venue: VenueIdSchema.nullable(),
    policy: z.string(),
    urgency: UrgencySchema,
    router_version: z.string().nullable(),
    sandbox: z.boolean(),
    created_at_ns: z.string(),
    updated_at_ns: z.string(),
  })
  .meta({ id: "Order" });
export type OrderView = z.infer<typeof OrderSchema>;

export const OrderResponseSchema = z
  .object({ order: OrderSchema, nodes: z.array(OrderSchema).describe("graph and paced orders: their node and slice orders") })
  .meta({ id: "OrderWithNodes" });

export const OrderListQuerySchema = z.strictObject({
  status: OrderStatusSchema.optional(),
  symbol: z.string().trim().toUpperCase().pipe(SymbolIdSchema).optional(),
  from: z.string().date("from must be YYYY-MM-DD").optional(),
  to: z.string().date("to must be YYYY-MM-DD").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const OrderListResponseSchema = z
  .object({ orders: z.array(OrderSchema), next_cursor: z.string().nullable() })
  .meta({ id: "OrderList" });

export const KillSwitchBodySchema = z.strictObject({ action: z.enum(["engage", "release"]), reason: z.string().max(500).optional() });
export const KillSwitchResponseSchema = z
  .object({ engaged: z.boolean(), changed_at_ns: z.string(), cancelled_orders: z.number().int() })
  .meta({ id: "KillSwitch" });

/** GET /v1/kill_switch: the desk's switch as stored (every instance reads the same record). */
export const KillSwitchStateSchema = z
  .object({
    engaged: z.boolean(),
    changed_at_ns: z.string().nullable().describe("null when the desk never touched its switch"),
    changed_by_key_id: z.string().nullable(),
  })
  .meta({ id: "KillSwitchState" });
export type KillSwitchState = z.infer<typeof KillSwitchStateSchema>;

/**
 * Parses either body with the errors of the body the client meant (a graph has `nodes`),
 * instead of a union's "matched neither" at the root.
 */
export function parseOrderBody(raw: unknown): z.output<typeof OrderBodySchema> {
  const isGraph = typeof raw === "object" && raw !== null && "nodes" in raw;
  return isGraph ? GraphOrderBodySchema.parse(raw) : SimpleOrderBodySchema.parse(raw);
}
