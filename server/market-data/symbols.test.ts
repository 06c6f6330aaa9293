import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import { SECONDS_PER_YEAR, listSymbolParams, sigmaPerSecond, symbolParams } from "./symbols";

describe("symbol parameters", () => {
  it("covers every default symbol with plausible values", () => {
    for (const s of DEFAULT_SYMBOLS) {
      const p = symbolParams(s);
      expect(p, s).toBeDefined();
      expect(p!.symbol).toBe(s);
      expect(`${p!.base}-${p!.quote}`).toBe(s);
      expect(p!.referencePrice).toBeGreaterThan(0);
      expect(p!.annualVol).toBeGreaterThan(0.2);
      expect(p!.annualVol).toBeLessThan(2);
      expect(p!.jumpSizeSigma).toBeLessThan(0.05);
    }
    expect(listSymbolParams()).toHaveLength(DEFAULT_SYMBOLS.length);
    expect(symbolParams("NOPE-USD")).toBeUndefined();
  });

  it("ranks BTC as the least volatile and deepest market", () => {
    const btc = symbolParams("BTC-USD")!;
    for (const p of listSymbolParams()) {
      expect(p.annualVol).toBeGreaterThanOrEqual(btc.annualVol);
      expect(p.depthMultiplier).toBeLessThanOrEqual(btc.depthMultiplier);
    }
  });

  it("converts annual vol to per-second vol over a 24/7 year", () => {
    const btc = symbolParams("BTC-USD")!;
    expect(sigmaPerSecond(btc) * Math.sqrt(SECONDS_PER_YEAR)).toBeCloseTo(btc.annualVol, 12);
    expect(sigmaPerSecond(btc)).toBeCloseTo(0.5 / 5615.69, 8);
  });
});
