import { z } from "zod";

export const HealthResponseSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    uptime_s: z.number(),
    started_at_ns: z.string(),
    market_source: z.enum(["simulated", "replay", "live"]),
    store: z.enum(["sqlite", "postgres"]),
    symbols: z.array(z.string()),
    load: z
      .object({
        in_flight: z.number().int(),
        loop_delay_ms: z.number().describe("mean event-loop delay over the last ~0.5–1 s; past ADMISSION_MAX_LOOP_DELAY_MS new requests get 503"),
        shed_total: z
          .object({
            in_flight: z.number().int(),
            loop_delay: z.number().int(),
            stall: z.number().int(),
          })
          .describe("requests refused with 503 by load shedding since start, by reason: too many in flight, mean loop delay, a long turn in progress"),
        desk_concurrency_refused_total: z.number().int().describe("requests refused with 429 for a desk's concurrency since start"),
        working_orders: z.number().int().describe("sandbox orders being worked; past MAX_WORKING_ORDERS new orders get 503"),
      })
      .describe("load shedding: /v1/health itself is never shed"),
  })
  .meta({ id: "Health" });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
