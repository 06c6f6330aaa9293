/**
 * One simulated venue book for one symbol, stepped in fixed increments.
 *
 * Per step, in this order:
 * 1. Re-price: makers move resting orders with the venue's reference (fair) price. The
 *    whole book shifts by the reference's move in whole ticks, so depth-by-distance keeps
 *    its calibrated shape while the price wanders. This is the one per-level allocation
 *    per step, and only when the reference crossed a tick.
 * 2. Cancels: each level loses an order at its band's cancel rate (faster near the touch).
 * 3. Limit adds: orders join the touch and the bands at distances drawn per band.
 * 4. Market orders: Poisson arrivals, heavy-tailed USD sizes, each sweeping the opposite
 *    side level by level and printing one trade per level touched.
 * 5. Upkeep: levels beyond maxDistanceBps go, and a thin side is refilled at its deep end.
 *
 * Never crossed: both sides are re-priced by the same shift, an add that would reach the
 * other side is placed one tick short of its best price, and trades only remove liquidity. Prices are
 * on the tick grid and quantities on the lot grid (market-grid.ts).
 */
import type { Rng } from "@/server/shared/rng";
import { BookSide } from "./book-side";
import { samplePoisson } from "./sample-poisson";
import type { SizeSampler } from "./sample-order-size";
import type { SimBand, SimBookProfile } from "./sim-book-profile";
import type { BookView, Trade } from "./types";

const ORDER_SIZE_SIGMA = 0.6; // lognormal spread of resting order sizes around the band mean

export class VenueBookSim {
  readonly bids = new BookSide("bid");
  readonly asks = new BookSide("ask");
  private anchorUnits = 0;
  private seqNo = 0;
  private updatedMs = 0;
  private tradeSeq = 0;
  private cached: BookView | undefined;
  private readonly minUnits: number;
  private readonly bandAddTotal: number;

  constructor(
    readonly profile: SimBookProfile,
    private readonly rng: Rng,
    private readonly sizeUsd: SizeSampler,
    private readonly tradeIdPrefix: string,
  ) {
    const minBase = Math.max(profile.minQty, profile.qty.step, profile.minNotional / profile.referencePrice);
    this.minUnits = Math.max(1, profile.qty.ceilUnits(minBase));
    this.bandAddTotal = profile.bands.reduce((s, b) => s + b.addPerS, 0);
  }

  get seq(): number {
    return this.seqNo;
  }

  get updatedAtMs(): number {
    return this.updatedMs;
  }

  /** Builds a book at its stationary shape around ref. */
  init(ref: number, tMs: number): void {
    const p = this.profile;
    this.bids.clear();
    this.asks.clear();
    this.anchorUnits = p.price.floorUnits(ref);
    for (const side of [this.bids, this.asks]) {
      const touchOrders = Math.max(1, Math.round(p.touch.qty / p.touch.orderQty));
      for (let i = 0; i < touchOrders; i++) this.addOrder(side, this.touchUnits(side, ref), p.touch.orderQty);
      for (const band of p.bands) {
        const orders = Math.max(1, Math.round(band.qty / band.orderQty));
        for (let i = 0; i < orders; i++) this.addInBand(side, band, ref);
      }
      this.refillDeepEnd(side, ref);
    }
    this.seqNo++;
    this.updatedMs = tMs;
    this.cached = undefined;
  }

  /** Advances one step to market time tMs; appends the step's trades to `trades`. */
  step(ref: number, tMs: number, dtS: number, trades: Trade[]): void {
    const p = this.profile;
    const stepStartMs = tMs - dtS * 1000;
    this.reprice(ref);
    this.cancelOrders(this.bids, ref, dtS);
    this.cancelOrders(this.asks, ref, dtS);
    for (const side of [this.bids, this.asks]) {
      const touches = samplePoisson(this.rng, p.touch.addPerS * dtS);
      for (let i = 0; i < touches; i++) this.addOrder(side, this.touchUnits(side, ref), p.touch.orderQty);
      const adds = samplePoisson(this.rng, this.bandAddTotal * dtS);
      for (let i = 0; i < adds; i++) this.addInBand(side, this.pickBand(), ref);
    }
    const orders = samplePoisson(this.rng, p.marketOrdersPerS * dtS);
    for (let i = 0; i < orders; i++) {
      const buy = this.rng.next() < 0.5;
      const usd = this.sizeUsd(this.rng.next()) * p.tradeSizeScale;
      const units = Math.max(this.minUnits, p.qty.toUnits(usd / ref));
      const tsMs = stepStartMs + ((i + 1) / (orders + 1)) * dtS * 1000;
      this.sweep(buy ? this.asks : this.bids, buy ? "buy" : "sell", p.qty.fromUnits(units), tsMs, trades);
    }
    this.refillDeepEnd(this.bids, ref);
    this.refillDeepEnd(this.asks, ref);
    this.seqNo++;
    this.updatedMs = tMs;
    this.cached = undefined;
  }

  view(): BookView {
    if (!this.cached) {
      this.cached = Object.freeze({
        venue: this.profile.venue,
        symbol: this.profile.symbol,
        bids: this.bids.snapshot(),
        asks: this.asks.snapshot(),
        seq: this.seqNo,
        updatedAtMs: this.updatedMs,
      });
    }
    return this.cached;
  }

  private reprice(ref: number): void {
    const price = this.profile.price;
    // floor, not round: with a sub-tick half-spread the touch is then always (anchor, anchor+1),
    // so re-priced quotes land exactly where new touch orders would.
    const anchor = price.floorUnits(ref);
    const shift = anchor - this.anchorUnits;
    if (shift === 0) return;
    this.anchorUnits = anchor;
    const reprice = (x: number) => price.fromUnits(price.toUnits(x) + shift);
    this.bids.shiftPrices(reprice);
    this.asks.shiftPrices(reprice);
  }

  private distanceBps(side: BookSide, price: number, ref: number): number {
    return ((side.side === "bid" ? ref - price : price - ref) / ref) * 1e4;
  }

  private cancelOrders(side: BookSide, ref: number, dtS: number): void {
    const p = this.profile;
    const bands = p.bands;
    let b = 0;
    let i = 0;
    while (i < side.length) {
      const level = side.at(i)!;
      const d = this.distanceBps(side, level.price, ref);
      if (d > p.maxDistanceBps && side.length > p.minLevels) {
        side.removeAt(i);
        continue;
      }
      while (b < bands.length - 1 && d > (bands[b] as SimBand).hiBps) b++;
      const band = i === 0 ? p.touch : (bands[b] as SimBand);
      // each resting order (qty / orderQty of them) cancels at rate θ
      const prob = band.cancelPerS * dtS * Math.max(1, level.qty / band.orderQty);
      if (this.rng.next() < prob) {
        const chunk = band.orderQty * (0.5 + this.rng.next());
        const left = p.qty.round(level.qty - chunk);
        if (left <= 0) {
          side.removeAt(i);
          continue;
        }
        side.setQtyAt(i, left);
      }
      i++;
    }
  }

  private pickBand(): SimBand {
    let u = this.rng.next() * this.bandAddTotal;
    const bands = this.profile.bands;
    for (const band of bands) {
      u -= band.addPerS;
      if (u < 0) return band;
    }
    return bands[bands.length - 1] as SimBand;
  }

  /**
   * Touch prices as whole-tick offsets from the anchor (the tick at or below the reference):
   * bid = anchor - k, ask = anchor + 1 + k with k = whole ticks in the half-spread. Fixed
   * offsets keep the touch where the re-priced book puts it; deriving it from the
   * reference's position inside the tick would split the top queue over two prices.
   */
  private touchUnits(side: BookSide, ref: number): number {
    const p = this.profile;
    const k = Math.floor((p.halfSpreadBps / 1e4) * (ref / p.price.step));
    return side.side === "bid" ? this.anchorUnits - k : this.anchorUnits + 1 + k;
  }

  private addInBand(side: BookSide, band: SimBand, ref: number): void {
    const p = this.profile;
    const d = (band.loBps + this.rng.next() * (band.hiBps - band.loBps)) / 1e4;
    const touch = this.touchUnits(side, ref);
    const units =
      side.side === "bid" ? Math.min(touch, p.price.floorUnits(ref * (1 - d))) : Math.max(touch, p.price.ceilUnits(ref * (1 + d)));
    this.addOrder(side, units, band.orderQty);
  }

  /** Places one resting order of about meanQty at a price (in ticks), never through the other side. */
  private addOrder(side: BookSide, priceUnits: number, meanQty: number): void {
    const p = this.profile;
    let units = priceUnits;
    const other = side.side === "bid" ? this.asks.best() : this.bids.best();
    if (other) {
      const otherUnits = p.price.toUnits(other.price);
      units = side.side === "bid" ? Math.min(units, otherUnits - 1) : Math.max(units, otherUnits + 1);
    }
    if (units <= 0) return;
    const noise = Math.exp(ORDER_SIZE_SIGMA * this.rng.normal() - 0.5 * ORDER_SIZE_SIGMA * ORDER_SIZE_SIGMA);
    const qtyUnits = Math.max(this.minUnits, p.qty.toUnits(meanQty * noise));
    side.addQty(p.price.fromUnits(units), p.qty.fromUnits(qtyUnits), p.qty.round);
  }

  private sweep(side: BookSide, aggressor: "buy" | "sell", qty: number, tsMs: number, trades: Trade[]): void {
    const p = this.profile;
    let remaining = qty;
    let consumed = 0;
    while (remaining > 0 && consumed < side.length) {
      const level = side.at(consumed)!;
      const fill = Math.min(remaining, level.qty);
      trades.push({
        venue: p.venue,
        symbol: p.symbol,
        price: level.price,
        qty: fill,
        aggressor,
        tsMs,
        id: `${this.tradeIdPrefix}${++this.tradeSeq}`,
      });
      remaining = p.qty.round(remaining - fill);
      if (fill >= level.qty) consumed++;
      else side.setQtyAt(consumed, p.qty.round(level.qty - fill));
    }
    side.removeBest(consumed);
  }

  /** Keeps at least minLevels a side by extending the deep end at the last band's spacing. */
  private refillDeepEnd(side: BookSide, ref: number): void {
    const p = this.profile;
    const last = p.bands[p.bands.length - 1] as SimBand;
    const gapBps = (last.hiBps - last.loBps) / Math.max(1, Math.round(last.qty / last.orderQty));
    while (side.length < p.minLevels) {
      const deepest = side.at(side.length - 1);
      const d = (deepest ? this.distanceBps(side, deepest.price, ref) : p.halfSpreadBps) + gapBps * (0.5 + this.rng.next());
      let units = side.side === "bid" ? p.price.floorUnits(ref * (1 - d / 1e4)) : p.price.ceilUnits(ref * (1 + d / 1e4));
      if (deepest) {
        const deepUnits = p.price.toUnits(deepest.price);
        units = side.side === "bid" ? Math.min(units, deepUnits - 1) : Math.max(units, deepUnits + 1);
      }
      if (units <= 0) return;
      this.addOrder(side, units, last.orderQty);
    }
  }
}
