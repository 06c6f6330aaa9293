import { describe, expect, it } from "vitest";
import { referenceMid } from "./reference-mid";

describe("referenceMid", () => {
  it("is the consolidated mid across venues", () => {
    const r = referenceMid(
      [
        { bids: [{ price: 99.9, qty: 1 }], asks: [{ price: 100.3, qty: 1 }] },
        { bids: [{ price: 99.8, qty: 1 }], asks: [{ price: 100.1, qty: 1 }] },
      ],
      "buy",
    );
    expect(r).toEqual({ mid: 100, source: "nbbo_mid", bestBid: 99.9, bestAsk: 100.1 });
  });

  it("falls back to the taken side's touch, then to none", () => {
    expect(referenceMid([{ bids: [], asks: [{ price: 100.1, qty: 1 }] }], "buy")).toMatchObject({ mid: 100.1, source: "touch" });
    expect(referenceMid([{ bids: [], asks: [{ price: 100.1, qty: 1 }] }], "sell")).toMatchObject({ mid: undefined, source: "none" });
  });
});
