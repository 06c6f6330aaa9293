/**
 * The common "true" price of one symbol that every simulated venue quotes around:
 * geometric Brownian motion with Merton (1976) compound-Poisson jumps in the log price.
 * Driftless: log S moves by -σ²dt/2 + σ√dt·Z, so E[S] stays put over the diffusion part;
 * jumps are symmetric in log space. Steps are fixed-length so a seed replays exactly.
 */
import type { Rng } from "@/server/shared/rng";
import { samplePoisson } from "./sample-poisson";
import { SECONDS_PER_YEAR, type SymbolParams } from "./symbols";

export class FairValueProcess {
  private logPrice: number;
  private readonly sigmaStep: number;
  private readonly driftStep: number;
  private readonly jumpProbStep: number;
  jumps = 0;

  constructor(
    private readonly params: SymbolParams,
    private readonly rng: Rng,
    readonly stepMs: number,
    startPrice = params.referencePrice,
  ) {
    const dtYears = stepMs / 1000 / SECONDS_PER_YEAR;
    this.sigmaStep = params.annualVol * Math.sqrt(dtYears);
    this.driftStep = -0.5 * this.sigmaStep * this.sigmaStep;
    // Poisson with a small rate per step: at most one jump per step is a fine approximation.
    this.jumpProbStep = 1 - Math.exp(-(params.jumpsPerDay * stepMs) / 86_400_000);
    this.logPrice = Math.log(startPrice);
  }

  get price(): number {
    return Math.exp(this.logPrice);
  }

  /** Advances one step and returns the new price. */
  step(): number {
    let d = this.driftStep + this.sigmaStep * this.rng.normal();
    if (this.rng.next() < this.jumpProbStep) {
      d += this.params.jumpSizeSigma * this.rng.normal();
      this.jumps++;
    }
    this.logPrice += d;
    return Math.exp(this.logPrice);
  }

  /**
   * Moves the price over `ms` in one draw, with the same law as stepping through it: the
   * diffusion's log move is N(−σ²t/2, σ²t) and the jumps a compound Poisson sum. Used when
   * the market skips a stretch of time (a stalled process, or history seeded across days)
   * so the price has wandered as it would have, instead of standing still.
   */
  diffuse(ms: number): number {
    if (!(ms > 0)) return this.price;
    const sigma = this.params.annualVol * Math.sqrt(ms / 1000 / SECONDS_PER_YEAR);
    let d = -0.5 * sigma * sigma + sigma * this.rng.normal();
    const jumps = samplePoisson(this.rng, (this.params.jumpsPerDay * ms) / 86_400_000);
    if (jumps > 0) d += this.params.jumpSizeSigma * Math.sqrt(jumps) * this.rng.normal();
    this.jumps += jumps;
    this.logPrice += d;
    return Math.exp(this.logPrice);
  }
}
