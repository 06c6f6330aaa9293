/**
 * Pre-trade contracts: forecast, simulate, slippage, routing. Inputs take `qty` in human
 * units (10 = 10 ETH); outputs follow the suffix rule.
 */
import { z } from "zod";
import { VenueIdSchema } from "./common";
import { SourceSchema } from "./market";
import { commaList, SymbolParam } from "./query";

/** Largest order accepted for analysis: beyond any real book, but finite and exact in a double. */
export const MAX_QTY = 1e9;

export const SideSchema = z.enum(["buy", "sell"]);
export type Side = z.infer<typeof SideSchema>;
export const UrgencySchema = z.enum(["low", "medium", "high"]);
export type Urgency = z.infer<typeof UrgencySchema>;

export const QtyParam = z
  .string()
  .trim()
  .regex(/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, "qty must be a positive decimal number (human units, e.g. 0.5)")
  .transform(Number)
  .pipe(z.number().positive("qty must be > 0").max(MAX_QTY, `qty must be ≤ ${MAX_QTY}`));

export const ExcludeVenuesParam = commaList(VenueIdSchema, { min: 1, max: 7 }).optional();

const BoolParam = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const PretradeQuerySchema = z.strictObject({
  symbol: SymbolParam,
  side: SideSchema,
  qty: QtyParam,
  exclude_venues: ExcludeVenuesParam,
});
export type PretradeQuery = z.infer<typeof PretradeQuerySchema>;

// ---- GET /v1/execution/forecast

export const VenueCostSchema = z.object({
  venue: VenueIdSchema,
  rank: z.number().int().positive(),
  landed_cost_bps: z.number().describe("book_cost_bps + fee_bps + latency_cost_bps + staleness_bps"),
  book_cost_bps: z.number(),
  fee_bps: z.number(),
  latency_cost_bps: z.number(),
  staleness_bps: z.number(),
  available_qty: z.number().describe("visible quantity on the order's side of this venue's book"),
  fillable: z.boolean().describe("the venue alone could fill the whole order"),
});

export const ForecastResponseSchema = z
  .object({
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    mid: z.number(),
    source: SourceSchema,
    model_version: z.string(),
    router_version: z.string().describe("the router version whose planner (and penalty terms) the forecast's sweep used"),
    expected_cost_bps: z.number().describe("P50 all-in cost vs arrival mid; positive = cost"),
    downside_cost_bps: z.number().describe("P90 all-in cost"),
    expected_cost_usd: z.number(),
    downside_cost_usd: z.number(),
    fillable_qty: z.number().describe("quantity the visible books across venues can fill now"),
    complete: z.boolean().describe("false when qty exceeds all visible depth; costs then refer to fillable_qty"),
    fill_confidence: z.array(z.object({ cost_bps: z.number(), probability: z.number().min(0).max(1) })),
    capacity_curve: z.array(z.object({ qty: z.number(), p50_cost_bps: z.number(), p90_cost_bps: z.number() })),
    venues: z.array(VenueCostSchema),
    venue_mix: z.array(z.object({ venue: VenueIdSchema, fraction: z.number() })),
    urgency_tradeoff: z.array(
      z.object({
        urgency: UrgencySchema,
        horizon_ms: z.number(),
        expected_cost_bps: z.number(),
        risk_bps: z.number(),
        savings_bps: z.number().describe("vs executing immediately (the Almgren–Chriss model's saving); expected_cost_bps = the P50 card − savings_bps"),
      }),
    ),
    impact_cross_check: z.object({
      sqrt_impact_bps: z.number().nullable().describe("square-root law estimate for the same order; null without a daily volume"),
      fraction_of_daily_volume: z.number().nullable(),
      model: z.string(),
    }),
    volatility: z.object({ sigma_annualized: z.number(), source: z.enum(["ewma", "configured", "none"]) }),
    calibration: z
      .object({
        observations: z.number().int(),
        within_p90_rate: z.number().nullable(),
        p90_scale: z.number(),
        group: z.string().describe("policy|size bucket the forecast is calibrated within, e.g. sor|1-5x"),
        fit: z.string().describe("the fit that corrected it: identity (too few outcomes), conformal (the symbol's), conformal:<group>, conformal:<group>:all-symbols"),
        fit_observations: z.number().int().describe("realized outcomes that fit was made from"),
        raw_p50_bps: z.number().describe("the model's P50 before calibration"),
        raw_p90_bps: z.number().describe("the model's P90 before calibration"),
      })
      .describe("the calibration of this forecast, and the symbol's coverage so far (observations, within_p90_rate)"),
    warnings: z.array(z.string()),
    expected_horizon_ms: z.number(),
    generated_at_ns: z.string(),
  })
  .meta({ id: "Forecast" });
export type ForecastResponse = z.infer<typeof ForecastResponseSchema>;

// ---- GET /v1/execution/simulate

export const SimulateQuerySchema = z.strictObject({
  symbol: SymbolParam,
  side: SideSchema,
  qty: QtyParam,
  urgency: UrgencySchema.default("medium"),
  exclude_venues: ExcludeVenuesParam,
  passive_only: BoolParam.default(false),
  max_cost_bps: z.coerce.number().finite().min(-1000).max(10_000).optional(),
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).default(1),
  paths: z.coerce.number().int().min(10).max(2000).default(200),
});
export type SimulateQuery = z.infer<typeof SimulateQuerySchema>;

export const StrategySchema = z.enum(["aggressive", "passive", "split"]);
export type Strategy = z.infer<typeof StrategySchema>;

export const ScenarioSchema = z.object({
  strategy: StrategySchema,
  est_cost_bps: z.number().describe("P50 over simulated paths"),
  p90_cost_bps: z.number(),
  fill_rate: z.number().min(0).max(1).describe("mean filled fraction by the horizon"),
  venue_count: z.number().int(),
  time_to_complete_ms: z.number().nullable().describe("P50 time to complete; null if most paths did not complete"),
  binding_constraints: z.array(z.string()),
  venues: z.array(VenueIdSchema),
});

export const SimulateResponseSchema = z
  .object({
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    urgency: UrgencySchema,
    mid: z.number(),
    source: SourceSchema,
    model_version: z.string(),
    router_version: z.string().describe("the router version whose penalty terms steer every strategy's split (the forecast's planner)"),
    seed: z.number().int(),
    paths: z.number().int(),
    horizon_ms: z.number(),
    scenarios: z.array(ScenarioSchema),
    dropped: z.array(z.object({ strategy: StrategySchema, reason: z.string() })),
    recommended: z.object({ strategy: StrategySchema, reason: z.string() }).nullable(),
    message: z.string().nullable().describe("why nothing is recommended, when so"),
    generated_at_ns: z.string(),
  })
  .meta({ id: "Simulation" });
export type SimulateResponse = z.infer<typeof SimulateResponseSchema>;

// ---- GET /v1/intelligence/slippage

const WalkSchema = z.object({
  avg_price: z.number().nullable(),
  slippage_bps: z.number().nullable().describe("average fill vs mid; null when nothing fills"),
  filled_qty: z.number(),
  complete: z.boolean(),
  levels_used: z.number().int(),
});

export const SlippageResponseSchema = z
  .object({
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    mid: z.number(),
    source: SourceSchema,
    venues: z.array(WalkSchema.extend({ venue: VenueIdSchema })),
    consolidated: WalkSchema,
    generated_at_ns: z.string(),
  })
  .meta({ id: "Slippage" });
export type SlippageResponse = z.infer<typeof SlippageResponseSchema>;

// ---- GET /v1/intelligence/routing

export const ScorePartsSchema = z.record(z.string(), z.number()).describe("score components in bps (book, fee, latency, staleness, …)");

export const RoutingLegSchema = z.object({
  venue: VenueIdSchema,
  qty: z.number(),
  fraction: z.number(),
  avg_price: z.number(),
  est_cost_bps: z.number(),
  score_parts: ScorePartsSchema,
});

export const RoutingResponseSchema = z
  .object({
    symbol: z.string(),
    side: SideSchema,
    qty: z.number(),
    mid: z.number(),
    source: SourceSchema,
    router: z.string(),
    legs: z.array(RoutingLegSchema),
    excluded: z.array(z.object({ venue: VenueIdSchema, reason: z.string() })),
    unfilled_qty: z.number(),
    est_cost_bps: z.number().nullable(),
    generated_at_ns: z.string(),
  })
  .meta({ id: "Routing" });
export type RoutingResponse = z.infer<typeof RoutingResponseSchema>;
