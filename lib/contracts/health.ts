import { z } from "zod";

/**
 * Why the store cannot (or could not lately) write. A closed set, so a monitor can alert
 * on a reason without parsing messages.
 */
export const STORE_FAILURE_REASONS = [
  "disk_full",
  "read_only",
  "unreachable",
  "file_deleted",
  "file_replaced",
  "busy",
  "timeout",
  "io_error",
  "corrupt",
  "cannot_open",
] as const;
export const StoreFailureReasonSchema = z.enum(STORE_FAILURE_REASONS);
export type StoreFailureReason = z.infer<typeof StoreFailureReasonSchema>;

/** ok: writes succeed; degraded: writes stall or a connection dropped (still writing); down: writes fail. */
export const StoreStateSchema = z.enum(["ok", "degraded", "down"]);
export type StoreState = z.infer<typeof StoreStateSchema>;

export const StoreHealthSchema = z
  .object({
    state: StoreStateSchema,
    /** Null when ok. */
    reason: StoreFailureReasonSchema.nullable(),
    /** What failed, for an operator; null when ok. */
    message: z.string().nullable(),
    /** When the store last confirmed a write (the background probe upserts a heartbeat row about every second). */
    last_write_ok_at_ns: z.string().nullable(),
    /** When the background probe last finished. */
    checked_at_ns: z.string().nullable(),
  })
  .meta({ id: "StoreHealth" });
export type StoreHealth = z.infer<typeof StoreHealthSchema>;

/**
 * Served with HTTP 200 when `status` is ok or degraded and 503 when it is down (the
 * store cannot write, so orders would be refused): a load balancer can route on the
 * status code alone, a monitor reads the same body either way.
 */
export const HealthResponseSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    version: z.string(),
    uptime_s: z.number(),
    started_at_ns: z.string(),
    market_source: z.enum(["simulated", "replay", "live"]),
    /** Which store runs (kind). Its state is `store_health`. */
    store: z.enum(["sqlite", "postgres"]),
    store_health: StoreHealthSchema,
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
        memory: z
          .object({
            rss_bytes: z.number().int(),
            heap_used_bytes: z.number().int(),
            heap_total_bytes: z.number().int(),
            external_bytes: z.number().int(),
          })
          .describe("the process's memory (Node's process.memoryUsage): resident set, V8 heap used and reserved, memory outside the heap (buffers, SQLite's page cache is not in it)"),
      })
      .describe("load shedding: /v1/health itself is never shed"),
  })
  .meta({ id: "Health" });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
