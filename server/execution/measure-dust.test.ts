import { describe, expect, it } from "vitest";
import { dustBelow, isDust, smallestTradableQty } from "./measure-dust";
import { meetsVenueMinimum, venueSizing } from "./size-child-orders";

// Registry figures for BTC-USD (venues.ts): Binance lot 0.00001, min 0.00001, 5 USD;
// Coinbase lot/min 0.00000001, 1 USD; Kraken min 0.00005, 0.5 USD; OKX min 0.00001, no notional.
const binance = venueSizing("binance", "BTC-USD");
const coinbase = venueSizing("coinbase", "BTC-USD");
const kraken = venueSizing("kraken", "BTC-USD");
const okx = venueSizing("okx", "BTC-USD");

describe("dust", () => {
  it("is below the smallest order of the venues allowed, at the current price", () => {
    // At 100,000 USD: Binance 5 USD = 0.00005, Coinbase 1 USD = 0.00001, Kraken 0.00005, OKX 0.00001.
    expect(smallestTradableQty([binance], 100_000)).toBeCloseTo(0.00005, 12);
    expect(smallestTradableQty([binance, coinbase, kraken], 100_000)).toBeCloseTo(0.00001, 12);
    // At 20,000 USD Coinbase's 1 USD minimum is 0.00005: OKX's 0.00001 quantity floor is the smallest.
    expect(smallestTradableQty([coinbase, okx], 20_000)).toBeCloseTo(0.00001, 12);
    expect(smallestTradableQty([coinbase], 20_000)).toBeCloseTo(0.00005, 12);
  });

  it("0.000004 BTC is dust everywhere at 90,000 USD; 0.00002 is dust on Binance alone but OKX takes it", () => {
    const all = smallestTradableQty([binance, coinbase, kraken, okx], 90_000);
    expect(isDust(0.000004, all)).toBe(true);
    expect(isDust(0.00002, all)).toBe(false);
    expect(isDust(0.00002, smallestTradableQty([binance], 90_000))).toBe(true);
  });

  it("agrees with the venue's own acceptance rule at the boundary", () => {
    const smallest = smallestTradableQty([okx], 90_000);
    expect(isDust(smallest, smallest)).toBe(false);
    expect(meetsVenueMinimum(smallest, 90_000, okx)).toBe(true);
    expect(isDust(smallest * 0.999, smallest)).toBe(true);
    expect(meetsVenueMinimum(smallest * 0.999, 90_000, okx)).toBe(false);
  });

  it("nothing is dust without a venue, nor a remainder of zero", () => {
    expect(smallestTradableQty([], 90_000)).toBe(Infinity);
    expect(dustBelow(Infinity)).toBe(0);
    expect(isDust(1e-12, Infinity)).toBe(false);
    expect(isDust(0, smallestTradableQty([okx], 90_000))).toBe(false);
  });

  it("without a price only the quantity rules count", () => {
    expect(smallestTradableQty([binance], undefined)).toBeCloseTo(0.00001, 12);
  });
});
