/**
 * /simulate's engine: aggressive, passive and split for one order, each run through the
 * matching engine over the same seeded market paths.
 *
 * Common random numbers: path i draws its market (mid, other traders' orders) from
 * createRng(seed).fork(`path-${i}`) once and replays it for every strategy, and each
 * strategy's engine (latency, rejects) starts from the same per-path seed. Differences
 * between strategies on a path are then the strategies' doing, not luck, and far fewer
 * paths separate them reliably. Same seed and inputs → identical results.
 */
import { computeNbbo } from "@/server/market-data/nbbo";
import type { BookView, SymbolId, Trade, VenueId } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { createAggressiveStrategy, type AggressiveOptions } from "./aggressive-strategy";
import { buildTradeFlow, type TradeFlow } from "./build-trade-flow";
import { HORIZON_MS_BY_URGENCY, stepMsForHorizon } from "./horizons";
import { createPathBookTemplate } from "./path-book-template";
import type { FeeTierSelection } from "./resolve-fees";
import { createPassiveStrategy, type PassiveOptions } from "./passive-strategy";
import { runStrategyPath, type PathOutcome } from "./run-strategy-path";
import { simulateMarketPath, type JumpParams } from "./simulate-market-path";
import { createSplitStrategy, type SplitOptions } from "./split-strategy";
import type { ExecutionStrategy } from "./strategy";
import { summarizeStrategyPaths, type StrategyResult } from "./summarize-strategy-paths";
import { STRATEGY_NAMES, type BindingConstraint, type PlanLegs, type Side, type StrategyName, type Urgency } from "./types";

/** Depth recovery half-life after our own sweeps (judgement; see path-venue-book.ts). */
export const DEFAULT_RESILIENCE_HALF_LIFE_S = 10;
export const DEFAULT_TRADE_WINDOW_MS = 60_000;
export const MAX_PATHS = 10_000;

export interface SimulateStrategiesInput {
  /** Books of the allowed venues only (exclude_venues already applied). */
  books: readonly BookView[];
  side: Side;
  qty: number;
  symbol: SymbolId;
  urgency: Urgency;
  sigmaPerSecond: number;
  /** Recent trades per venue (observation store), for each venue's flow rate and sizes. */
  tradesByVenue: Partial<Record<VenueId, readonly Trade[]>>;
  /** Window the trades were taken over (default 60 s). */
  tradeWindowMs?: number;
  planLegs: PlanLegs;
  seed: number;
  paths: number;
  strategies?: readonly StrategyName[];
  feeTier?: FeeTierSelection;
  nowMs: number;
  /** Venues the caller removed; reported as a binding constraint on every scenario. */
  excludedVenues?: readonly VenueId[];
  jumps?: JumpParams;
  rejectRates?: Partial<Record<VenueId, number>>;
  resilienceHalfLifeS?: number;
  /** Overrides the urgency's horizon (tests, what-ifs). */
  horizonMs?: number;
  aggressive?: AggressiveOptions;
  passive?: PassiveOptions;
  split?: SplitOptions;
}

export interface SimulationOutcome {
  arrivalMid: number;
  horizonMs: number;
  stepMs: number;
  paths: number;
  seed: number;
  results: StrategyResult[];
  flows: { venue: VenueId; printsPerS: number; source: TradeFlow["source"] }[];
}

export class NoTwoSidedMarketError extends Error {
  constructor(readonly symbol: SymbolId) {
    super(`no two-sided book for ${symbol} among the allowed venues`);
    this.name = "NoTwoSidedMarketError";
  }
}

function createStrategy(name: StrategyName, input: SimulateStrategiesInput): ExecutionStrategy {
  switch (name) {
    case "aggressive":
      return createAggressiveStrategy(input.planLegs, input.aggressive);
    case "passive":
      return createPassiveStrategy(input.passive);
    case "split":
      return createSplitStrategy(input.planLegs, input.split);
  }
}

function validate(input: SimulateStrategiesInput): void {
  if (!(input.qty > 0) || !Number.isFinite(input.qty)) throw new RangeError(`qty must be positive and finite, got ${input.qty}`);
  if (!Number.isInteger(input.paths) || input.paths < 1 || input.paths > MAX_PATHS) {
    throw new RangeError(`paths must be an integer in [1, ${MAX_PATHS}], got ${input.paths}`);
  }
  if (!(input.sigmaPerSecond >= 0) || !Number.isFinite(input.sigmaPerSecond)) {
    throw new RangeError(`sigmaPerSecond must be finite and >= 0, got ${input.sigmaPerSecond}`);
  }
  const seen = new Set<VenueId>();
  for (const b of input.books) {
    if (b.symbol !== input.symbol) throw new RangeError(`book for ${b.venue} is ${b.symbol}, not ${input.symbol}`);
    if (seen.has(b.venue)) throw new RangeError(`two books for ${b.venue}`);
    seen.add(b.venue);
  }
}

export function simulateStrategies(input: SimulateStrategiesInput): SimulationOutcome {
  validate(input);
  const books = input.books.filter((b) => b.bids.length > 0 || b.asks.length > 0);
  const arrivalMid = computeNbbo(books).mid;
  if (arrivalMid === undefined || !(arrivalMid > 0)) throw new NoTwoSidedMarketError(input.symbol);
  const horizonMs = input.horizonMs ?? HORIZON_MS_BY_URGENCY[input.urgency];
  const stepMs = stepMsForHorizon(horizonMs);
  const steps = Math.ceil(horizonMs / stepMs);
  const windowMs = input.tradeWindowMs ?? DEFAULT_TRADE_WINDOW_MS;
  const flows = books.map((b) => buildTradeFlow(b.venue, input.tradesByVenue[b.venue], windowMs, arrivalMid));
  const resiliencePerS = Math.LN2 / (input.resilienceHalfLifeS ?? DEFAULT_RESILIENCE_HALF_LIFE_S);
  const names = input.strategies ?? STRATEGY_NAMES;
  const templates = books.map((b) => createPathBookTemplate(b));
  const outcomes: PathOutcome[][] = names.map(() => []);

  for (let i = 0; i < input.paths; i++) {
    const pathRng = createRng(input.seed).fork(`path-${i}`);
    const path = simulateMarketPath({ mid0: arrivalMid, sigmaPerSecond: input.sigmaPerSecond, stepMs, steps, flows, jumps: input.jumps }, pathRng.fork("market"));
    const engineSeed = Math.floor(pathRng.next() * 2 ** 32);
    names.forEach((name, s) => {
      outcomes[s]?.push(
        runStrategyPath({
          symbol: input.symbol,
          side: input.side,
          qty: input.qty,
          startMs: input.nowMs,
          horizonMs,
          books: templates,
          path,
          resiliencePerS,
          strategy: createStrategy(name, input),
          engineRng: createRng(engineSeed),
          feeTier: input.feeTier,
          rejectRates: input.rejectRates,
        }),
      );
    });
  }

  const scenarioConstraints: BindingConstraint[] = (input.excludedVenues?.length ?? 0) > 0 ? ["exclude_venues"] : [];
  return {
    arrivalMid,
    horizonMs,
    stepMs,
    paths: input.paths,
    seed: input.seed,
    results: names.map((name, s) => summarizeStrategyPaths(name, outcomes[s] ?? [], input.side, input.qty, arrivalMid, scenarioConstraints)),
    flows: flows.map((f) => ({ venue: f.venue, printsPerS: f.ratePerS, source: f.source })),
  };
}
