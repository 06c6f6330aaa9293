/**
 * Routing decision parts ↔ their JSON columns. bigints travel as decimal strings; reads
 * are validated so a hand-edited row cannot feed a review wrong numbers silently.
 */
import { z } from "zod";
import { VenueIdSchema } from "@/lib/contracts/common";
import type { DecisionCandidate, DecisionExclusion, DecisionLeg } from "./decision-port";

const Int = z
  .string()
  .regex(/^-?\d+$/)
  .transform((s) => BigInt(s));

const CandidatesSchema = z.array(z.strictObject({ venue: VenueIdSchema, scoreBps: z.number(), partsBps: z.record(z.string(), z.number()) }));
const ExclusionsSchema = z.array(z.strictObject({ venue: VenueIdSchema, reason: z.string() }));
const LegsSchema = z.array(z.strictObject({ venue: VenueIdSchema, qtyE8: Int, estPriceE9: Int.nullable(), estCostBps: z.number() }));

export function toDecisionJson(value: readonly DecisionCandidate[] | readonly DecisionExclusion[] | readonly DecisionLeg[]): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

export function candidatesFromJson(json: string): DecisionCandidate[] {
  return CandidatesSchema.parse(JSON.parse(json));
}

export function exclusionsFromJson(json: string): DecisionExclusion[] {
  return ExclusionsSchema.parse(JSON.parse(json));
}

export function legsFromJson(json: string): DecisionLeg[] {
  return LegsSchema.parse(JSON.parse(json));
}
