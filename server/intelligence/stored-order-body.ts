/**
 * What the service keeps in an order row's body_json beyond the columns: the client's
 * request as received (for idempotency comparison) and the execution details the runner
 * needs to resume the order (pacing, exclusions, graph node id and edges).
 */
import { z } from "zod";
import { VenueIdSchema } from "@/lib/contracts/common";

const StoredBodySchema = z.object({
  request: z.unknown(),
  nodeId: z.string().nullable().default(null),
  excludeVenues: z.array(VenueIdSchema).default([]),
  pacing: z.object({ numSlices: z.number().int().positive(), intervalMs: z.number().nonnegative() }).nullable().default(null),
  edges: z
    .array(z.object({ to: z.string(), trigger: z.string(), timeoutMs: z.number().nullable() }))
    .default([]),
  /** The pre-trade forecast at acceptance: what in-flight and post-trade TCA compare against. */
  // `arrivalMid` here is the forecast's reference mid at acceptance, i.e. the DECISION mid
  // (lib/execution-figures.ts); the name is kept for stored bodies and other readers.
  forecast: z
    .object({
      arrivalMid: z.number(),
      /** Calibrated: what the trader saw and what Live and Review compare against. */
      p50Bps: z.number(),
      p90Bps: z.number(),
      /**
       * Before calibration: what the calibration is fitted on (fitting on calibrated figures
       * would correct its own corrections). Null on orders stored before it was kept.
       */
      rawP50Bps: z.number().nullable().default(null),
      rawP90Bps: z.number().nullable().default(null),
      /** Policy × size bucket the calibration was taken from and the outcome is recorded in. */
      calibrationGroup: z.string().nullable().default(null),
    })
    .nullable()
    .default(null),
  /** Consolidated mid of the book when the order was accepted (the decision mid); null when there was none. */
  decisionMid: z.number().nullable().default(null),
});
export type StoredBody = z.infer<typeof StoredBodySchema>;
/** What a writer passes: fields added later (the raw forecast) may be left out. */
export type StoredBodyInput = z.input<typeof StoredBodySchema>;

export function writeStoredBody(body: StoredBodyInput): string {
  return JSON.stringify({ ...body, decisionMid: body.decisionMid ?? body.forecast?.arrivalMid ?? null });
}

/** The decision mid of a stored body (bodies written before the field read it from the forecast). */
export function decisionMidOf(body: StoredBody): number | null {
  return body.decisionMid ?? body.forecast?.arrivalMid ?? null;
}

export function readStoredBody(json: string): StoredBody {
  const parsed = StoredBodySchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { request: null, nodeId: null, excludeVenues: [], pacing: null, edges: [], forecast: null, decisionMid: null };
}
