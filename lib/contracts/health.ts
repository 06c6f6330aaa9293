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
  })
  .meta({ id: "Health" });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
