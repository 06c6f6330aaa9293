import { describe, expect, it } from "vitest";
import { sumExtraBps, venueCostSpecs } from "./venue-cost-spec";

describe("venueCostSpecs", () => {
  it("reads taker fee, latency and instrument limits from the registry", () => {
    const [binance, kraken] = venueCostSpecs("BTC-USD", ["binance", "kraken"]);
    expect(binance).toMatchObject({ venue: "binance", feeTier: "VIP0", feeBps: 10, ackLatencyMs: 12, lotSize: 0.00001, minQty: 0.00001, minNotional: 5 });
    expect(kraken).toMatchObject({ venue: "kraken", feeBps: 40, ackLatencyMs: 60, minQty: 0.00005 });
  });

  it("applies the desk's tier, the p99 latency and extra penalties", () => {
    const [spec] = venueCostSpecs("ETH-USD", ["binance"], { feeTiers: { binance: "VIP9" }, latency: "p99", extraBps: { binance: { adverse: 0.5 } } });
    expect(spec).toMatchObject({ feeTier: "VIP9", feeBps: 2.4, ackLatencyMs: 60, extraBps: { adverse: 0.5 } });
    expect(sumExtraBps(spec?.extraBps)).toBe(0.5);
  });

  it("leaves out venues that do not list the symbol", () => {
    expect(venueCostSpecs("NOPE-USD", ["binance"])).toEqual([]);
  });
});
