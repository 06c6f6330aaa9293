import { describe, expect, it } from "vitest";
import { SymbolIdSchema, isPerpSymbol, perpSymbolOf, spotSymbolOf } from "./common";

describe("instrument ids", () => {
  it("accepts spot BASE-QUOTE and perpetual BASE-QUOTE-PERP, nothing else", () => {
    expect(SymbolIdSchema.safeParse("BTC-USD").success).toBe(true);
    expect(SymbolIdSchema.safeParse("BTC-USD-PERP").success).toBe(true);
    expect(SymbolIdSchema.safeParse("BTC-USD-SWAP").success).toBe(false);
    expect(SymbolIdSchema.safeParse("BTC-PERP").success).toBe(false);
    expect(SymbolIdSchema.safeParse("BTCUSD").success).toBe(false);
  });

  it("pairs a perp with its spot instrument both ways", () => {
    expect(isPerpSymbol("BTC-USD-PERP")).toBe(true);
    expect(isPerpSymbol("BTC-USD")).toBe(false);
    expect(spotSymbolOf("BTC-USD-PERP")).toBe("BTC-USD");
    expect(spotSymbolOf("ETH-USD")).toBe("ETH-USD");
    expect(perpSymbolOf("BTC-USD")).toBe("BTC-USD-PERP");
    expect(perpSymbolOf("BTC-USD-PERP")).toBe("BTC-USD-PERP");
  });
});
