import { describe, expect, it } from "vitest";
import { arrivalMidOf, fillMarkout, GLOSSARY, orderFigures, priceCostBps, realizedCost, vsForecastBps } from "./execution-figures";

describe("execution figures, hand-worked", () => {
  // A buy of 3 ETH: 1 @ 2001 (fee 0.60) and 2 @ 2002.5 (fee 1.20); arrival mid 2000.
  const fills = [
    { qty: 1, price: 2001, fee: 0.6 },
    { qty: 2, price: 2002.5, fee: 1.2 },
  ];

  it("realized cost: all-in vs the arrival mid, bps and USD", () => {
    // book: 1·(2001 − 2000) + 2·(2002.5 − 2000) = 1 + 5 = 6 USD; fees 1.80 → 7.80 USD.
    // bps: 7.80 / (3 · 2000) · 1e4 = 7.80 / 6000 · 1e4 = 13 bps.
    const c = realizedCost("buy", fills, 2000)!;
    expect(c.usd).toBeCloseTo(7.8, 12);
    expect(c.bps).toBeCloseTo(13, 10);
    expect(c.feesUsd).toBeCloseTo(1.8, 12);
    expect(c.filledQty).toBe(3);
  });

  it("a sell is the mirror: received below the mid is a cost, above it a gain", () => {
    // sell 1 @ 1999 fee 0.5 vs 2000: −1·(1999 − 2000) + 0.5 = 1.5 USD → 1.5/2000·1e4 = 7.5 bps.
    expect(realizedCost("sell", [{ qty: 1, price: 1999, fee: 0.5 }], 2000)!.bps).toBeCloseTo(7.5, 10);
    // sell 1 @ 2001, maker rebate −0.2: −1 − 0.2 = −1.2 USD → −6 bps (a gain).
    expect(realizedCost("sell", [{ qty: 1, price: 2001, fee: -0.2 }], 2000)!.bps).toBeCloseTo(-6, 10);
  });

  it("nothing to measure is undefined, not zero", () => {
    expect(realizedCost("buy", [], 2000)).toBeUndefined();
    expect(realizedCost("buy", fills, null)).toBeUndefined();
    expect(realizedCost("buy", fills, 0)).toBeUndefined();
  });

  it("vs forecast = realized − P50 on the same all-in basis", () => {
    // realized 13 bps, P50 10.5 → +2.5 bps (worse than the median forecast).
    expect(vsForecastBps(13, 10.5)).toBeCloseTo(2.5, 12);
    expect(vsForecastBps(13, null)).toBeNull();
    expect(vsForecastBps(null, 10.5)).toBeNull();
  });

  it("the issue's defect: leaving the fees out of the realized side of vs-forecast", () => {
    // Book-only 10 bps, fees 4 bps, P50 (all-in) 12 bps: book-only says −2 (better), all-in +2 (worse).
    const bookOnly = priceCostBps("buy", 2002, 2000)!; // (2002 − 2000)/2000·1e4 = 10 bps
    expect(bookOnly).toBeCloseTo(10, 10);
    const allIn = realizedCost("buy", [{ qty: 1, price: 2002, fee: 0.8 }], 2000)!.bps; // (2 + 0.8)/2000·1e4 = 14
    expect(allIn).toBeCloseTo(14, 10);
    expect(vsForecastBps(allIn, 12)).toBeCloseTo(2, 10);
  });

  it("markout sign: positive = good for the desk", () => {
    // Bought at 2001, mid 2003 later: +(2003 − 2001)/2001·1e4 = 9.995 bps, +2 USD per unit.
    const up = fillMarkout("buy", { qty: 2, price: 2001 }, 2003);
    expect(up.bps).toBeCloseTo((2 / 2001) * 1e4, 10);
    expect(up.usd).toBeCloseTo(4, 12);
    // Sold at 2001, mid 2003 later: the desk sold too cheap → negative.
    expect(fillMarkout("sell", { qty: 1, price: 2001 }, 2003).bps).toBeCloseTo((-2 / 2001) * 1e4, 10);
  });

  it("arrival mid: the first send's mid, else the mid at acceptance", () => {
    expect(arrivalMidOf(2000.5, 2000)).toBe(2000.5);
    expect(arrivalMidOf(undefined, 2000)).toBe(2000);
    expect(arrivalMidOf(null, null)).toBeNull();
  });

  it("order figures from totals equal the per-fill sum", () => {
    // Totals: filled 3, avg (2001 + 4005)/3 = 2002, fees 1.80; first send mid 2000; P50 11.
    const f = orderFigures({ side: "buy", filledQty: 3, avgPrice: 6006 / 3, feesUsd: 1.8, decisionMid: 1999, firstSendMid: 2000, p50Bps: 11 });
    expect(f.decisionMid).toBe(1999);
    expect(f.arrivalMid).toBe(2000);
    expect(f.realizedCostBps!).toBeCloseTo(realizedCost("buy", fills, 2000)!.bps, 10);
    expect(f.realizedCostBps!).toBeCloseTo(13, 10);
    expect(f.realizedCostUsd!).toBeCloseTo(7.8, 10);
    expect(f.vsForecastBps!).toBeCloseTo(2, 10);
    expect(orderFigures({ side: "buy", filledQty: 0, avgPrice: null, feesUsd: 0, decisionMid: 2000, firstSendMid: undefined, p50Bps: 11 }).realizedCostBps).toBeNull();
  });

  it("every glossary entry has a label and a definition", () => {
    for (const [k, g] of Object.entries(GLOSSARY)) {
      expect(g.label.length, k).toBeGreaterThan(2);
      expect(g.definition.length, k).toBeGreaterThan(20);
    }
  });
});
