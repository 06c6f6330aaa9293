/**
 * Urgency trade-off: what waiting saves. For low, medium and high urgency, the
 * Almgren–Chriss optimal trajectory (almgren-chriss.ts) with parameters estimated from the
 * books and tape (estimate-impact-params.ts), reported as expected cost, risk (standard
 * deviation of cost) and time, and the saving against taking it all now; the square-root
 * law (square-root-impact.ts) is reported beside it as an independent cross-check.
 *
 * Urgency is risk aversion stated in the units a desk reads: minimise
 * cost_bps + ρ·risk_bps², so ρ = 0.01 means 10 bps of risk weigh like 1 bp of cost. In the
 * paper's E + λV (currency) that is λ = ρ·1e4 / (X·S₀). Larger orders therefore get longer
 * horizons at the same urgency, as they should.
 *
 * Horizon: AC takes T as given; here T = (half-lives) / κ with κ = √(λσ²/η) (continuous
 * limit), i.e. long enough that the untruncated exponential schedule would be ~95 % done at
 * 3 half-lives, clamped to [τᵣ, maxHorizon]. Slices are τᵣ long (the book has refilled) up
 * to maxSlices. Immediate execution is the same model with one slice of τᵣ, so savings
 * compare like with like.
 */
import { acExpectedCost, acOptimalTrajectory, type AcParams } from "./almgren-chriss";
import type { ImpactParams } from "./estimate-impact-params";
import { squareRootImpact, type SquareRootImpact } from "./square-root-impact";

export type Urgency = "low" | "medium" | "high";

export interface UrgencyProfileSpec {
  urgency: Urgency;
  /** ρ in cost_bps + ρ·risk_bps². */
  riskAversionPerBps: number;
}

export const DEFAULT_URGENCY_PROFILES: readonly UrgencyProfileSpec[] = [
  { urgency: "low", riskAversionPerBps: 0.001 },
  { urgency: "medium", riskAversionPerBps: 0.01 },
  { urgency: "high", riskAversionPerBps: 0.1 },
];

export interface UrgencyOptions {
  profiles?: readonly UrgencyProfileSpec[];
  /** T = halfLives / κ (default 3). */
  halfLives?: number;
  /** Default 6 h. */
  maxHorizonMs?: number;
  /** Default 100. */
  maxSlices?: number;
}

export interface UrgencyProfile {
  urgency: Urgency;
  riskAversionPerBps: number;
  /** The paper's λ, 1 / quote currency. */
  lambda: number;
  horizonMs: number;
  slices: number;
  sliceMs: number;
  /** θ = 1/κ of the trajectory, ms; undefined when linear. */
  halfLifeMs: number | undefined;
  /** Expected implementation shortfall, bps of notional at the mid (spread + fees + impact). */
  expectedCostBps: number;
  /** Standard deviation of the shortfall, bps. */
  riskBps: number;
  /** Impact part of the expected cost (without the fixed spread + fee part), bps. */
  impactCostBps: number;
  /** immediate.expectedCostBps − expectedCostBps. */
  savingsBps: number;
  /** γ was lowered to η/τ for this slice length so that η̃ stays positive. */
  gammaCapped: boolean;
  /** Fraction of the order still to do at each slice boundary, 1 … 0. */
  remaining: number[];
}

export interface UrgencyAnalysis {
  model: "almgren-chriss-2000";
  qty: number;
  params: ImpactParams;
  immediate: { expectedCostBps: number; riskBps: number; impactCostBps: number; horizonMs: number };
  profiles: UrgencyProfile[];
  squareRoot: SquareRootImpact;
}

export function analyzeUrgency(qty: number, params: ImpactParams, options: UrgencyOptions = {}): UrgencyAnalysis {
  const profiles = options.profiles ?? DEFAULT_URGENCY_PROFILES;
  const notional = qty * params.price;
  const toBps = (x: number) => (notional > 0 ? (x / notional) * 1e4 : 0);
  const fixedBps = toBps(params.epsilon * qty);
  const tauR = params.resilienceS;

  const immediateParams: AcParams = {
    X: qty,
    T: tauR,
    N: 1,
    sigma: params.sigmaPrice,
    eta: params.eta,
    gamma: Math.min(params.gamma, params.eta / tauR),
    epsilon: params.epsilon,
    lambda: 0,
  };
  const immediateCost = toBps(acExpectedCost(immediateParams, [qty]));
  const immediate = { expectedCostBps: immediateCost, riskBps: 0, impactCostBps: immediateCost - fixedBps, horizonMs: tauR * 1000 };

  const out: UrgencyProfile[] = profiles.map((spec) => {
    const lambda = notional > 0 ? (spec.riskAversionPerBps * 1e4) / notional : 0;
    const kappaC = Math.sqrt((lambda * params.sigmaPrice * params.sigmaPrice) / params.eta);
    const maxT = (options.maxHorizonMs ?? 6 * 3600_000) / 1000;
    const T = kappaC > 0 ? Math.min(maxT, Math.max(tauR, (options.halfLives ?? 3) / kappaC)) : maxT;
    const N = Math.max(1, Math.min(options.maxSlices ?? 100, Math.round(T / tauR)));
    const tau = T / N;
    const gammaMax = params.eta / tau;
    const ac: AcParams = {
      X: qty,
      T,
      N,
      sigma: params.sigmaPrice,
      eta: params.eta,
      gamma: Math.min(params.gamma, gammaMax),
      epsilon: params.epsilon,
      lambda,
    };
    if (qty <= 0) return emptyProfile(spec, lambda, T, N);
    const t = acOptimalTrajectory(ac);
    const expectedCostBps = toBps(t.expectedCost);
    return {
      urgency: spec.urgency,
      riskAversionPerBps: spec.riskAversionPerBps,
      lambda,
      horizonMs: T * 1000,
      slices: N,
      sliceMs: tau * 1000,
      halfLifeMs: Number.isFinite(t.halfLife) ? t.halfLife * 1000 : undefined,
      expectedCostBps,
      riskBps: toBps(t.stdDev),
      impactCostBps: expectedCostBps - fixedBps,
      savingsBps: immediateCost - expectedCostBps,
      gammaCapped: params.gamma > gammaMax,
      remaining: t.holdings.map((x) => x / qty),
    };
  });

  return {
    model: "almgren-chriss-2000",
    qty,
    params,
    immediate,
    profiles: out,
    squareRoot: squareRootImpact(qty, params.dailyVolume, params.sigmaPerSecond),
  };
}

function emptyProfile(spec: UrgencyProfileSpec, lambda: number, T: number, N: number): UrgencyProfile {
  return {
    urgency: spec.urgency,
    riskAversionPerBps: spec.riskAversionPerBps,
    lambda,
    horizonMs: 0,
    slices: N,
    sliceMs: (T / N) * 1000,
    halfLifeMs: undefined,
    expectedCostBps: 0,
    riskBps: 0,
    impactCostBps: 0,
    savingsBps: 0,
    gammaCapped: false,
    remaining: [],
  };
}
