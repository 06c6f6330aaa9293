import { describe, expect, it } from "vitest";
import { reuseTapeMarkouts } from "./reuse-tape-markouts";

describe("reuseTapeMarkouts", () => {
  it("measures once per key within reuseMs, again after it, and never serves a measure to an earlier time", () => {
    const source = {};
    let measured = 0;
    const measure = () => ({ weighted: ++measured, weight: 1, trades: 1 });
    expect(reuseTapeMarkouts(source, "BTC|binance", 1_000, 250, measure).weighted).toBe(1);
    expect(reuseTapeMarkouts(source, "BTC|binance", 1_250, 250, measure).weighted).toBe(1);
    expect(reuseTapeMarkouts(source, "BTC|okx", 1_250, 250, measure).weighted).toBe(2);
    expect(reuseTapeMarkouts(source, "BTC|binance", 1_251, 250, measure).weighted).toBe(3);
    expect(reuseTapeMarkouts(source, "BTC|binance", 1_000, 250, measure).weighted).toBe(4);
    // Another source (another observation store) has its own entries.
    expect(reuseTapeMarkouts({}, "BTC|binance", 1_000, 250, measure).weighted).toBe(5);
  });
});
