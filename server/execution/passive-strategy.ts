/**
 * Passive: rest post-only limits at the touch and let the flow come to us. At the first
 * step it picks up to `maxVenues` venues with the most displayed size at the touch on our
 * side and splits the quantity in proportion to that size (deep touches turn over the most
 * volume). Venues whose maker fee is more than `maxMakerFeePremiumBps` above the cheapest
 * eligible maker fee are skipped: no trader rests where the fee alone costs more than the
 * spread being earned (entry-tier Coinbase makers pay 60 bps against Binance's 10). Each step it re-prices a child whose price the market has left behind by more
 * than the threshold (cancel, then re-post the venue's remainder at the new touch once the
 * cancel is confirmed, losing queue priority), and re-posts after a reject. What is not
 * filled by the horizon stays unfilled: fill rate below 1 is a real outcome, not an error.
 * A venue's share is fixed at the start (no rebalancing between venues).
 */
import { ownSide } from "./book-reader";
import { floorToLot, meetsVenueMinimum, splitByWeight } from "./size-child-orders";
import type { ExecutionStrategy, StrategyContext } from "./strategy";
import type { VenueId } from "@/server/market-data/types";

export interface PassiveOptions {
  maxVenues?: number;
  /** Re-price when the touch is more than max(repriceTicks ticks, repriceBps of price) away. */
  repriceTicks?: number;
  repriceBps?: number;
  maxMakerFeePremiumBps?: number;
}

export const PASSIVE_DEFAULTS: Required<PassiveOptions> = { maxVenues: 3, repriceTicks: 2, repriceBps: 1, maxMakerFeePremiumBps: 5 };

export interface PassiveController {
  step(ctx: StrategyContext): void;
}

export function createPassiveController(options: PassiveOptions = {}): PassiveController {
  const { maxVenues, repriceTicks, repriceBps, maxMakerFeePremiumBps } = { ...PASSIVE_DEFAULTS, ...options };
  let allocation: Map<VenueId, number> | undefined;

  const allocate = (ctx: StrategyContext): Map<VenueId, number> => {
    const side = ownSide(ctx.side);
    const quoted = ctx.books.map((book) => ({ book, touch: book.best(side) })).filter((x) => x.touch !== undefined);
    const cheapestMaker = Math.min(...quoted.map((x) => ctx.fees(x.book.venue).makerBps));
    const ranked = quoted
      .filter((x) => ctx.fees(x.book.venue).makerBps <= cheapestMaker + maxMakerFeePremiumBps)
      .sort((a, b) => (b.touch?.qty ?? 0) - (a.touch?.qty ?? 0))
      .slice(0, maxVenues);
    const priceOf = (venue: VenueId) => ranked.find((x) => x.book.venue === venue)?.touch?.price;
    const split = splitByWeight(
      ctx.qty,
      ranked.map((x) => ({ venue: x.book.venue, weight: x.touch?.qty ?? 0 })),
      priceOf,
      (v) => ctx.sizing(v),
    );
    if (split.belowMinimum) ctx.bind("venue_min_size");
    if (ranked.length === 0) ctx.bind("depth");
    return new Map(split.legs.map((l) => [l.venue, l.qty]));
  };

  return {
    step(ctx) {
      allocation ??= allocate(ctx);
      if (ctx.nowMs >= ctx.deadlineMs) return;
      const side = ownSide(ctx.side);
      for (const book of ctx.books) {
        const target = allocation.get(book.venue);
        if (target === undefined) continue;
        const touch = book.best(side);
        const open = ctx.progress.openOn(book.venue);
        if (open) {
          const limit = open.order.limitPrice;
          if (open.cancelRequested || !touch || limit === undefined) continue;
          const threshold = Math.max(repriceTicks * book.tickSize, (repriceBps * limit) / 1e4);
          const behind = ctx.side === "buy" ? touch.price - limit : limit - touch.price;
          if (behind > threshold) ctx.cancel(open.order.id);
          continue;
        }
        if (!touch) continue;
        const sizing = ctx.sizing(book.venue);
        const qty = floorToLot(target - ctx.progress.filledOn(book.venue), sizing);
        if (qty <= 0) continue;
        if (!meetsVenueMinimum(qty, touch.price, sizing)) {
          ctx.bind("venue_min_size");
          continue;
        }
        ctx.submit({ venue: book.venue, type: "limit", qty, limitPrice: touch.price, postOnly: true, timeInForce: "gtc" });
      }
    },
  };
}

export function createPassiveStrategy(options: PassiveOptions = {}): ExecutionStrategy {
  const controller = createPassiveController(options);
  return { name: "passive", takesLiquidity: false, step: (ctx) => controller.step(ctx) };
}
