/**
 * Almgren & Chriss (2000), "Optimal Execution of Portfolio Transactions", Journal of Risk
 * 3(2), 5–39: mean-variance optimal liquidation of X units in N periods of length τ = T/N
 * under linear impact.
 *
 *   temporary impact  h(v) = ε·sgn(v) + η·v       (v = nₖ/τ, the trading rate)
 *   permanent impact  g(v) = γ·v
 *   price             Sₖ = Sₖ₋₁ + σ·√τ·ξₖ − τ·g(nₖ/τ)      (no drift: α = 0)
 *
 * For any trajectory x₀ = X, …, x_N = 0 with trades nₖ = xₖ₋₁ − xₖ (paper, §1.4–1.5):
 *   E[cost] = ½γX² + ε·Σ|nₖ| + (η̃/τ)·Σ nₖ²,   η̃ = η − ½γτ
 *   V[cost] = σ²·τ·Σₖ₌₁ᴺ xₖ²
 * Minimising E + λV gives (§2.2)
 *   xⱼ = sinh(κ(T − tⱼ)) / sinh(κT) · X,   with  (2/τ²)(cosh κτ − 1) = κ̃² = λσ²/η̃,
 * whose "half-life" is θ = 1/κ (§2.3). λ = 0 is the linear (TWAP) trajectory; λ → ∞
 * sells everything in the first period.
 *
 * Units are the caller's (the paper's example: shares, $/share, days); urgency.ts uses
 * base units, USD and seconds.
 */

export interface AcParams {
  /** Units to trade (> 0). */
  X: number;
  /** Horizon, time units. */
  T: number;
  /** Number of periods (integer >= 1). */
  N: number;
  /** Price volatility, price units per √time. */
  sigma: number;
  /** Temporary impact, price units per (unit / time). */
  eta: number;
  /** Permanent impact, price units per unit. */
  gamma: number;
  /** Fixed cost per unit (half spread + fees), price units. */
  epsilon: number;
  /** Risk aversion, 1 / currency (λ in E + λV). */
  lambda: number;
}

export interface AcTrajectory {
  tau: number;
  etaTilde: number;
  kappaTilde: number;
  kappa: number;
  /** θ = 1/κ; Infinity for the linear trajectory. */
  halfLife: number;
  /** x₀ … x_N (x₀ = X, x_N = 0). */
  holdings: number[];
  /** n₁ … n_N. */
  trades: number[];
  expectedCost: number;
  variance: number;
  stdDev: number;
  /** E + λV. */
  utility: number;
}

export class AcParameterError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "AcParameterError";
  }
}

function validate(p: AcParams): void {
  if (!(p.X >= 0) || !(p.T > 0) || !Number.isInteger(p.N) || p.N < 1 || !(p.sigma >= 0) || !(p.gamma >= 0) || !(p.epsilon >= 0) || !(p.lambda >= 0)) {
    throw new AcParameterError(`invalid Almgren–Chriss parameters: ${JSON.stringify(p)}`);
  }
  if (!(p.eta - 0.5 * p.gamma * (p.T / p.N) > 0)) {
    throw new AcParameterError(`η̃ = η − γτ/2 must be positive (η = ${p.eta}, γ = ${p.gamma}, τ = ${p.T / p.N})`);
  }
}

/** κ of the discrete optimum: acosh(1 + κ̃²τ²/2)/τ (the paper's exact discrete relation). */
export function acKappa(p: AcParams): { etaTilde: number; kappaTilde: number; kappa: number; tau: number } {
  const tau = p.T / p.N;
  const etaTilde = p.eta - 0.5 * p.gamma * tau;
  const kappaTilde2 = (p.lambda * p.sigma * p.sigma) / etaTilde;
  return { etaTilde, kappaTilde: Math.sqrt(kappaTilde2), kappa: Math.acosh(1 + 0.5 * kappaTilde2 * tau * tau) / tau, tau };
}

export function acOptimalTrajectory(p: AcParams): AcTrajectory {
  validate(p);
  const { etaTilde, kappaTilde, kappa, tau } = acKappa(p);
  const holdings = new Array<number>(p.N + 1);
  const linear = !(kappa * p.T > 1e-9);
  for (let j = 0; j <= p.N; j++) {
    holdings[j] = linear ? p.X * (1 - j / p.N) : p.X * sinhRatio(kappa * (p.T - j * tau), kappa * p.T);
  }
  holdings[0] = p.X;
  holdings[p.N] = 0;
  const trades = new Array<number>(p.N);
  for (let k = 1; k <= p.N; k++) trades[k - 1] = (holdings[k - 1] as number) - (holdings[k] as number);
  const expectedCost = acExpectedCost(p, trades);
  const variance = acVariance(p, holdings);
  return {
    tau,
    etaTilde,
    kappaTilde,
    kappa,
    halfLife: linear ? Infinity : 1 / kappa,
    holdings,
    trades,
    expectedCost,
    variance,
    stdDev: Math.sqrt(variance),
    utility: expectedCost + p.lambda * variance,
  };
}

/** E[cost] of any trajectory given its trades n₁…n_N (paper eq. for linear impact). */
export function acExpectedCost(p: AcParams, trades: readonly number[]): number {
  const tau = p.T / p.N;
  const etaTilde = p.eta - 0.5 * p.gamma * tau;
  let abs = 0;
  let sq = 0;
  for (const n of trades) {
    abs += Math.abs(n);
    sq += n * n;
  }
  return 0.5 * p.gamma * p.X * p.X + p.epsilon * abs + (etaTilde / tau) * sq;
}

/** V[cost] = σ²τ·Σₖ₌₁ᴺ xₖ² of any trajectory given its holdings x₀…x_N. */
export function acVariance(p: AcParams, holdings: readonly number[]): number {
  const tau = p.T / p.N;
  let s = 0;
  for (let k = 1; k < holdings.length; k++) s += (holdings[k] as number) ** 2;
  return p.sigma * p.sigma * tau * s;
}

/**
 * The paper's closed forms for the optimal trajectory's E and V (§2.2), for checking the
 * sums above; they overflow for κT beyond ~350, where the sums do not.
 */
export function acClosedForm(p: AcParams): { expectedCost: number; variance: number } {
  const { etaTilde, kappa, tau } = acKappa(p);
  const { X, T, sigma } = p;
  const sT = Math.sinh(kappa * T);
  const e =
    0.5 * p.gamma * X * X +
    p.epsilon * X +
    (etaTilde * X * X * Math.tanh(0.5 * kappa * tau) * (tau * Math.sinh(2 * kappa * T) + 2 * T * Math.sinh(kappa * tau))) / (2 * tau * tau * sT * sT);
  const v =
    (0.5 * sigma * sigma * X * X * (tau * sT * Math.cosh(kappa * (T - tau)) - T * Math.sinh(kappa * tau))) / (sT * sT * Math.sinh(kappa * tau));
  return { expectedCost: e, variance: v };
}

/** The naive linear strategy's closed forms (paper §2.2, λ = 0): E = ½γX² + εX + η̃X²/T, V = ⅓σ²X²T(1 − 1/N)(1 − 1/2N). */
export function acLinearClosedForm(p: AcParams): { expectedCost: number; variance: number } {
  const tau = p.T / p.N;
  const etaTilde = p.eta - 0.5 * p.gamma * tau;
  return {
    expectedCost: 0.5 * p.gamma * p.X * p.X + p.epsilon * p.X + (etaTilde * p.X * p.X) / p.T,
    variance: (p.sigma * p.sigma * p.X * p.X * p.T * (1 - 1 / p.N) * (1 - 1 / (2 * p.N))) / 3,
  };
}

export interface FrontierPoint {
  lambda: number;
  expectedCost: number;
  variance: number;
  halfLife: number;
}

/** The efficient frontier (§2.4): E and V of the optimal trajectory for each λ. */
export function acEfficientFrontier(p: Omit<AcParams, "lambda">, lambdas: readonly number[]): FrontierPoint[] {
  return lambdas.map((lambda) => {
    const t = acOptimalTrajectory({ ...p, lambda });
    return { lambda, expectedCost: t.expectedCost, variance: t.variance, halfLife: t.halfLife };
  });
}

/** sinh(a)/sinh(b) for 0 <= a <= b without overflow at large b. */
function sinhRatio(a: number, b: number): number {
  if (a <= 0) return 0;
  if (b < 20) return Math.sinh(a) / Math.sinh(b);
  return (Math.exp(a - b) * (1 - Math.exp(-2 * a))) / (1 - Math.exp(-2 * b));
}
