/**
 * The exogenous part of one forward market path: what the market does regardless of our
 * orders, drawn once per path and replayed for every strategy (replay-market-path.ts), so
 * strategies are compared on common random numbers.
 *
 * - Common mid: driftless geometric Brownian motion at the caller's σ per second, with
 *   optional Merton (1976) compound-Poisson jumps in the log price (as simulate-fair-value.ts
 *   does for the live simulator, which cannot be driven by a σ per second directly).
 * - Market orders per venue: Poisson arrivals at the venue's rate (build-trade-flow.ts),
 *   side 50/50 (a driftless path has no reason to favour one), sizes from the venue's flow.
 *
 * Lazy and still deterministic: the mid and each venue's flow draw from their own streams
 * (forked in a fixed order at construction) and are extended step by step only as far as
 * someone reads them. A venue's step-k orders are therefore the same whoever asks first and
 * whether or not its earlier steps were read — and a passive order that fills in a second
 * does not pay for five minutes of every venue's tape.
 */
import { samplePoisson } from "@/server/market-data/sample-poisson";
import type { VenueId } from "@/server/market-data/types";
import type { Rng } from "@/server/shared/rng";
import type { TradeFlow } from "./build-trade-flow";

export interface JumpParams {
  /** Expected jumps per day. */
  perDay: number;
  /** Standard deviation of one jump's log size (0.003 = 30 bps). */
  sigmaLog: number;
}

export interface MarketPathParams {
  mid0: number;
  sigmaPerSecond: number;
  stepMs: number;
  steps: number;
  /** One per venue, in the order the replay's books come in. */
  flows: readonly TradeFlow[];
  jumps?: JumpParams;
}

interface VenueStream {
  flow: TradeFlow;
  rng: Rng;
  /** Steps drawn so far. */
  drawn: number;
  /** Step k (1-based) owns orders [stepEnd[k-1], stepEnd[k]). */
  stepEnd: number[];
  qty: number[];
  buy: boolean[];
}

export class MarketPath {
  readonly stepMs: number;
  readonly steps: number;
  readonly venues: readonly VenueId[];
  jumps = 0;
  private readonly mids: number[];
  private logMid: number;
  private readonly midRng: Rng;
  private readonly streams: VenueStream[];
  private readonly sigmaStep: number;
  private readonly drift: number;
  private readonly jumpProb: number;
  private readonly jumpSigma: number;
  private readonly ordersPerStep: number[];

  constructor(params: MarketPathParams, rng: Rng) {
    const { mid0, sigmaPerSecond, stepMs, steps, flows, jumps } = params;
    if (!(mid0 > 0)) throw new RangeError(`mid0 must be positive, got ${mid0}`);
    if (!(sigmaPerSecond >= 0) || !Number.isFinite(sigmaPerSecond)) {
      throw new RangeError(`sigmaPerSecond must be finite and >= 0, got ${sigmaPerSecond}`);
    }
    this.stepMs = stepMs;
    this.steps = steps;
    this.venues = flows.map((f) => f.venue);
    const dtS = stepMs / 1000;
    this.sigmaStep = sigmaPerSecond * Math.sqrt(dtS);
    this.drift = -0.5 * this.sigmaStep * this.sigmaStep;
    // At most one jump per step: the per-step rate is tiny, so this matches Poisson closely.
    this.jumpProb = jumps && jumps.perDay > 0 ? 1 - Math.exp(-(jumps.perDay * stepMs) / 86_400_000) : 0;
    this.jumpSigma = jumps?.sigmaLog ?? 0;
    this.mids = [mid0];
    this.logMid = Math.log(mid0);
    this.midRng = rng.fork("mid");
    this.streams = flows.map((flow) => ({ flow, rng: rng.fork(`flow-${flow.venue}`), drawn: 0, stepEnd: [0], qty: [], buy: [] }));
    this.ordersPerStep = flows.map((f) => f.ratePerS * dtS);
  }

  /** The common mid at step k (0 = start). */
  mid(k: number): number {
    this.checkStep(k);
    while (this.mids.length <= k) {
      let d = this.drift + this.sigmaStep * this.midRng.normal();
      if (this.jumpProb > 0 && this.midRng.next() < this.jumpProb) {
        d += this.jumpSigma * this.midRng.normal();
        this.jumps++;
      }
      this.logMid += d;
      this.mids.push(Math.exp(this.logMid));
    }
    return this.mids[k] as number;
  }

  /** Visits the market orders that arrive on venue `venueIndex` during step k (1-based). */
  stepOrders(venueIndex: number, k: number, visit: (buy: boolean, qty: number) => void): void {
    this.checkStep(k);
    const s = this.streams[venueIndex];
    if (!s || k < 1) return;
    const rate = this.ordersPerStep[venueIndex] as number;
    while (s.drawn < k) {
      const n = samplePoisson(s.rng, rate);
      for (let j = 0; j < n; j++) {
        s.buy.push(s.rng.next() < 0.5);
        s.qty.push(s.flow.drawSize(s.rng));
      }
      s.stepEnd.push(s.qty.length);
      s.drawn++;
    }
    const end = s.stepEnd[k] as number;
    for (let j = s.stepEnd[k - 1] as number; j < end; j++) visit(s.buy[j] as boolean, s.qty[j] as number);
  }

  private checkStep(k: number): void {
    if (!Number.isInteger(k) || k < 0 || k > this.steps) throw new RangeError(`step ${k} is outside the path (0..${this.steps})`);
  }
}

export function simulateMarketPath(params: MarketPathParams, rng: Rng): MarketPath {
  return new MarketPath(params, rng);
}
