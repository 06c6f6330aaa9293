/**
 * Router versions and the penalty terms each adds to the cost engine's per-level score.
 *
 * - v1: book slippage + taker fee + latency risk + staleness (the cost engine's landed score).
 * - v2: v1 + adverse_selection (estimate-adverse-selection.ts) + reject_penalty
 *   (estimate-reject-penalty.ts).
 * - v3: v2 + venue_impact (estimate-venue-impact.ts), sized on a first-pass plan.
 *
 * Every term is a named per-venue entry of the sweep's `extraBps`, so it flows through
 * allocateSweep unchanged and comes back in each leg's score parts under the same name.
 *
 * Version choice: FNV-1a (Fowler–Noll–Vo, 32-bit) of "sor-version:" + the parent order id,
 * mod 3 → v1, v2, v3. An even three-way split makes the versions an A/B/C experiment in which
 * each parent order is the unit of assignment: every child decision of one parent uses the
 * same version (mixing versions within an order would blur which version caused its cost),
 * and since order ids carry no information about the order, each version sees the same mix
 * of flow, so the review can compare versions' costs and regret without selection bias. The
 * salt keeps this assignment independent of any other hash of the same id. 2³² ≡ 1 (mod 3),
 * so the split is exact up to one hash value in 4.3 billion.
 */
import type { Side } from "@/server/execution/types";
import { rejectRateFor } from "@/server/execution/reject-rates";
import type { MidSample } from "@/server/market-data/observation-store";
import type { BookView, SymbolId, Trade, VenueId } from "@/server/market-data/types";
import { hashLabel } from "@/server/shared/rng";
import {
  ADVERSE_SELECTION_HORIZON_MS,
  ADVERSE_SELECTION_WINDOW_MS,
  blendAdverseSelection,
  markoutClipBps,
  measureTapeMarkouts,
  type AdverseSelectionEstimate,
  type AdverseSelectionOptions,
} from "./estimate-adverse-selection";
import { estimateRejectPenalty, type RejectPenaltyEstimate } from "./estimate-reject-penalty";
import { estimateVenueImpact, type VenueImpactEstimate, type VenueImpactOptions } from "./estimate-venue-impact";
import { touchPrice } from "./measure-book-side";
import { reuseTapeMarkouts } from "./reuse-tape-markouts";

export const ROUTER_VERSIONS = ["v1", "v2", "v3"] as const;
export type RouterVersion = (typeof ROUTER_VERSIONS)[number];

export const PENALTY_TERMS = ["adverse_selection", "reject_penalty", "venue_impact"] as const;
export type PenaltyTerm = (typeof PENALTY_TERMS)[number];

export const VERSION_TERMS: Readonly<Record<RouterVersion, readonly PenaltyTerm[]>> = {
  v1: [],
  v2: ["adverse_selection", "reject_penalty"],
  v3: ["adverse_selection", "reject_penalty", "venue_impact"],
};

const VERSION_SALT = "sor-version:";

/** The version for a parent order: deterministic from its id; `override` wins (tests, pinning). */
export function chooseRouterVersion(parentId: string, override?: RouterVersion): RouterVersion {
  if (override !== undefined) return override;
  return ROUTER_VERSIONS[hashLabel(VERSION_SALT + parentId) % ROUTER_VERSIONS.length] as RouterVersion;
}

export function versionHasTerm(version: RouterVersion, term: PenaltyTerm): boolean {
  return VERSION_TERMS[version].includes(term);
}

/** What the penalties read from the observation store (ObservationStore satisfies it). */
export interface RouterObservations {
  recentTrades(symbol: SymbolId, venue: VenueId, windowMs: number): readonly Trade[];
  /** With asOfMs: from the last sample at or before it (ObservationStore.midSamples). */
  midSamples(symbol: SymbolId, asOfMs?: number): readonly MidSample[];
}

export interface RouterModelOptions {
  adverseSelection?: AdverseSelectionOptions;
  /** Reject probability per venue; default server/execution/reject-rates.ts. */
  rejectRates?: Partial<Record<VenueId, number>>;
  venueImpact?: VenueImpactOptions;
  /** Multiplier on σ√t for the reject penalty's retry risk (default E[max(0, Z)]). */
  riskMultiplier?: number;
}

/** The model inputs behind each penalty, recorded with the decision for the audit. */
export interface PenaltyInputs {
  adverse_selection?: AdverseSelectionEstimate;
  reject_penalty?: RejectPenaltyEstimate;
  venue_impact?: VenueImpactEstimate;
}

export interface VenuePenalties {
  /** Named penalties in bps, keys from PENALTY_TERMS. */
  extraBps: Partial<Record<PenaltyTerm, number>>;
  inputs: PenaltyInputs;
}

export interface PenaltyVenue {
  venue: VenueId;
  book: BookView;
  ackLatencyMs: number;
}

export interface PenaltyContext {
  symbol: SymbolId;
  side: Side;
  nowMs: number;
  sigmaPerSecond: number;
  venues: readonly PenaltyVenue[];
  observations?: RouterObservations | undefined;
  models?: RouterModelOptions | undefined;
  /** Half spread used for a venue whose own book is one-sided (the consolidated one), bps. */
  fallbackHalfSpreadBps?: number | undefined;
}

/**
 * The terms a version adds before the sweep (adverse selection and reject penalty), per
 * venue. v1 gets empty entries. venue_impact needs a planned leg: see addVenueImpact.
 */
export function versionPenalties(version: RouterVersion, ctx: PenaltyContext): Map<VenueId, VenuePenalties> {
  const out = new Map<VenueId, VenuePenalties>();
  const asOptions = ctx.models?.adverseSelection ?? {};
  const windowMs = asOptions.windowMs ?? ADVERSE_SELECTION_WINDOW_MS;
  const horizonMs = asOptions.horizonMs ?? ADVERSE_SELECTION_HORIZON_MS;
  // Only trades inside the window are marked out, so mids as of its start answer every lookup.
  let mids: readonly MidSample[] | undefined;
  const midsOnce = () => (mids ??= ctx.observations ? ctx.observations.midSamples(ctx.symbol, ctx.nowMs - windowMs) : []);
  for (const v of ctx.venues) {
    const entry: VenuePenalties = { extraBps: {}, inputs: {} };
    if (versionHasTerm(version, "adverse_selection")) {
      const observations = ctx.observations;
      const input = { venue: v.venue, nowMs: ctx.nowMs, sigmaPerSecond: ctx.sigmaPerSecond };
      const measure = () => measureTapeMarkouts({ ...input, trades: observations ? observations.recentTrades(ctx.symbol, v.venue, windowMs) : [], mids: midsOnce() }, asOptions);
      const reuseMs = asOptions.reuseMs ?? 0;
      const key = `${ctx.symbol}|${v.venue}|${horizonMs}|${windowMs}|${markoutClipBps(ctx.sigmaPerSecond, horizonMs)}`;
      const tape = observations && reuseMs > 0 ? reuseTapeMarkouts(observations, key, ctx.nowMs, reuseMs, measure) : measure();
      const est = blendAdverseSelection(input, asOptions, tape);
      entry.extraBps.adverse_selection = est.bps;
      entry.inputs.adverse_selection = est;
    }
    if (versionHasTerm(version, "reject_penalty")) {
      const est = estimateRejectPenalty({
        rejectRate: rejectRateFor(v.venue, ctx.models?.rejectRates),
        halfSpreadBps: halfSpreadBps(v.book) ?? ctx.fallbackHalfSpreadBps ?? 0,
        sigmaPerSecond: ctx.sigmaPerSecond,
        retryMs: 2 * v.ackLatencyMs,
        ...(ctx.models?.riskMultiplier !== undefined ? { riskMultiplier: ctx.models.riskMultiplier } : {}),
      });
      entry.extraBps.reject_penalty = est.bps;
      entry.inputs.reject_penalty = est;
    }
    out.set(v.venue, entry);
  }
  return out;
}

/**
 * v3's venue impact, sized on the legs a first sweep planned (0 for venues it left out),
 * added to a copy of the pre-sweep penalties. Other versions get the penalties back unchanged.
 */
export function addVenueImpact(
  version: RouterVersion,
  penalties: ReadonlyMap<VenueId, VenuePenalties>,
  plannedQty: ReadonlyMap<VenueId, number>,
  ctx: Pick<PenaltyContext, "side" | "venues" | "models">,
): Map<VenueId, VenuePenalties> {
  const out = new Map<VenueId, VenuePenalties>();
  for (const v of ctx.venues) {
    const base = penalties.get(v.venue) ?? { extraBps: {}, inputs: {} };
    if (!versionHasTerm(version, "venue_impact")) {
      out.set(v.venue, base);
      continue;
    }
    const levels = ctx.side === "buy" ? v.book.asks : v.book.bids;
    const est = estimateVenueImpact(levels, plannedQty.get(v.venue) ?? 0, ctx.models?.venueImpact);
    out.set(v.venue, { extraBps: { ...base.extraBps, venue_impact: est.bps }, inputs: { ...base.inputs, venue_impact: est } });
  }
  return out;
}

/** Half of a venue's own quoted spread in bps of its mid; undefined for a one-sided book. */
export function halfSpreadBps(book: BookView): number | undefined {
  const bid = touchPrice(book.bids);
  const ask = touchPrice(book.asks);
  if (bid === undefined || ask === undefined) return undefined;
  const mid = (bid + ask) / 2;
  return Math.max(0, ((ask - bid) / 2 / mid) * 1e4);
}
