/**
 * Configuration from the environment, validated once at start. A bad value stops
 * start-up with a message naming the variable, instead of failing later at a request.
 */
import { z } from "zod";
import { VenueIdSchema } from "@/lib/contracts/common";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MARKET_SOURCE: z.enum(["simulated", "replay", "live"]).default("simulated"),
  MARKET_SEED: z.coerce.number().int().min(0).max(2 ** 32 - 1).default(42),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Orders of simulated-past history given to the demo desk on its first start (0 = none). */
  SEED_HISTORY_ORDERS: z.coerce.number().int().min(0).max(100_000).default(200),
  /**
   * Replay: recorded files, comma-separated (hftbacktest Binance `.gz` or Tardis.dev CSV).
   * Unset = the three Binance recordings in recordings/.
   */
  REPLAY_FILES: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((f) => f.trim()).filter(Boolean)),
  /** Replay speed: 1 = recorded pace, 10 = ten times faster. */
  REPLAY_SPEED: z.coerce.number().positive().max(1000).default(1),
  /** Replay: start over from the snapshot at the end of the files (market time keeps running). */
  REPLAY_LOOP: z
    .enum(["1", "0", "true", "false", "yes", "no"])
    .default("1")
    .transform((v) => v === "1" || v === "true" || v === "yes"),
  /** Live: venues to connect to, comma-separated (unset = all seven). */
  LIVE_VENUES: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((f) => f.trim()).filter(Boolean))
    .pipe(z.array(VenueIdSchema)),
  /**
   * Load shedding (server/http/create-admission-controller.ts). Defaults suit a 2-core
   * machine: past them latency grows faster than throughput.
   */
  ADMISSION_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(32),
  /** Event-loop delay (ms) past which new requests are refused with 503. */
  ADMISSION_MAX_LOOP_DELAY_MS: z.coerce.number().min(1).max(60_000).default(8),
  /** Concurrent requests one desk may have in flight before 429. */
  ADMISSION_MAX_PER_DESK: z.coerce.number().int().min(1).max(100_000).default(16),
  /** Working sandbox orders past which POST /v1/orders answers 503. */
  MAX_WORKING_ORDERS: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /**
   * V8's heap growing factor, as a percentage over the live heap after a full GC (V8's
   * --heap-growing-percent); 0 leaves V8's own (up to 4× under a high allocation rate).
   */
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(50),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
