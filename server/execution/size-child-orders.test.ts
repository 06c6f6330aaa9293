import { describe, expect, it } from "vitest";
import { fitLegsToVenues, floorToLot, meetsVenueMinimum, smallestAcceptedQty, splitByWeight, venueSizing } from "./size-child-orders";

const S = "BTC-USD";
const sizing = (v: Parameters<typeof venueSizing>[0]) => venueSizing(v, S);
const price = () => 90_000;

describe("venue order sizing", () => {
  it("floors to the lot and checks minimum quantity and notional (registry specs)", () => {
    expect(floorToLot(0.123456789, sizing("binance"))).toBe(0.12345);
    expect(meetsVenueMinimum(0.00005, 90_000, sizing("binance"))).toBe(false); // $4.5 < $5
    expect(meetsVenueMinimum(0.00006, 90_000, sizing("binance"))).toBe(true);
    expect(meetsVenueMinimum(0.00004, 90_000, sizing("kraken"))).toBe(false); // min 0.00005 BTC
    expect(smallestAcceptedQty(sizing("binance"), 90_000)).toBeCloseTo(5 / 90_000, 12);
    expect(smallestAcceptedQty(sizing("okx"), 90_000)).toBe(0.00001);
  });

  it("folds rounding and undersized legs into valid legs so no dust is left", () => {
    const fitted = fitLegsToVenues(
      [
        { venue: "binance", qty: 1.234567891 },
        { venue: "coinbase", qty: 0.5 },
        { venue: "kraken", qty: 0.00001 }, // below kraken's 0.00005 minimum
      ],
      price,
      sizing,
    );
    expect(fitted.belowMinimum).toBe(false);
    const total = fitted.legs.reduce((s, l) => s + l.qty, 0);
    expect(total).toBeCloseTo(1.734577891, 8);
    expect(fitted.legs.map((l) => l.venue)).toEqual(["binance", "coinbase"]);
    expect(fitted.legs[0]!.qty).toBe(1.23457);
  });

  it("sends an all-undersized plan to a venue that accepts the total, else reports the minimum", () => {
    // $2.70 is below Binance's $5 minimum; OKX has no notional minimum and takes both.
    const folded = fitLegsToVenues([{ venue: "binance", qty: 0.00003 }, { venue: "okx", qty: 0.00003 }], price, sizing);
    expect(folded).toEqual({ legs: [{ venue: "okx", qty: 0.00006 }], belowMinimum: false });
    const merged = fitLegsToVenues([{ venue: "binance", qty: 0.00003 }, { venue: "binance", qty: 0.00003 }], price, sizing);
    expect(merged).toEqual({ legs: [{ venue: "binance", qty: 0.00006 }], belowMinimum: false });
    expect(fitLegsToVenues([{ venue: "binance", qty: 0.00001 }], price, sizing)).toEqual({ legs: [], belowMinimum: true });
  });

  it("splits by weight, lot-exact, and drops venues whose share is below their minimum", () => {
    const split = splitByWeight(
      1,
      [
        { venue: "binance", weight: 3 },
        { venue: "okx", weight: 2 },
        { venue: "coinbase", weight: 1 },
      ],
      price,
      sizing,
    );
    expect(split.belowMinimum).toBe(false);
    expect(split.legs.reduce((s, l) => s + l.qty, 0)).toBeCloseTo(1, 12);
    expect(split.legs[0]!.qty).toBeGreaterThan(split.legs[1]!.qty);

    const tiny = splitByWeight(
      0.0001,
      [
        { venue: "binance", weight: 10 },
        { venue: "kraken", weight: 1 },
      ],
      price,
      sizing,
    );
    expect(tiny.belowMinimum).toBe(true);
    expect(tiny.legs).toEqual([{ venue: "binance", qty: 0.0001 }]);
  });
});
