import { describe, expect, it } from "vitest";
import type { Trade } from "@/server/market-data/types";
import { createRng } from "@/server/shared/rng";
import { buildTradeFlow, FALLBACK_PRINTS_PER_S } from "./build-trade-flow";

const trades = (sizes: number[]): Trade[] =>
  sizes.map((qty, i) => ({ venue: "okx", symbol: "BTC-USD", price: 100, qty, aggressor: i % 2 ? "buy" : "sell", tsMs: i, id: `t${i}` }));

describe("trade flow from the observed tape", () => {
  it("rate is prints per second of the window; sizes are resampled from the prints", () => {
    const flow = buildTradeFlow("okx", trades([0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 5]), 5_000, 100);
    expect(flow.source).toBe("observed");
    expect(flow.ratePerS).toBe(2);
    const rng = createRng(1);
    const seen = new Set(Array.from({ length: 500 }, () => flow.drawSize(rng)));
    expect([...seen].sort()).toEqual([0.1, 0.2, 0.3, 5]);
  });

  it("falls back to a low rate and the recorded size distribution when the tape is thin", () => {
    const flow = buildTradeFlow("kraken", trades([1, 2]), 60_000, 90_000);
    expect(flow.source).toBe("fallback");
    expect(flow.ratePerS).toBe(FALLBACK_PRINTS_PER_S);
    const rng = createRng(2);
    const sizes = Array.from({ length: 1000 }, () => flow.drawSize(rng));
    expect(sizes.every((s) => s > 0 && Number.isFinite(s))).toBe(true);
    // Recorded median print ≈ 0.0006 BTC at $61.7k ≈ $37: in BTC at $90k, well under 0.01.
    expect(sizes.sort((a, b) => a - b)[500]).toBeLessThan(0.01);
    expect(buildTradeFlow("kraken", undefined, 60_000, 90_000).source).toBe("fallback");
  });
});
