import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { computeShortfall, type ShortfallInputs } from "./shortfall";

describe("computeShortfall (Perold 1988)", () => {
  it("decomposes a partly filled buy, hand-computed", () => {
    // Buy Q = 10, decision mid D = 100, arrival mid A = 100.2, final mid F = 101.
    // Fill 1: 4 @ 100.35 taker, fee 0.4, half spread 0.05, mid at fill 100.3.
    // Fill 2: 3 @ 100.55 taker, fee 0.3, half spread 0.10, mid at fill 100.4.
    const sf = computeShortfall({
      side: "buy",
      orderedQty: 10,
      decisionMid: 100,
      arrivalMid: 100.2,
      finalMid: 101,
      mids: [
        { tsMs: 0, mid: 100 },
        { tsMs: 1_000, mid: 100.3 },
        { tsMs: 2_000, mid: 100.4 },
      ],
      fills: [
        { qty: 4, price: 100.35, fee: 0.4, atMs: 1_000, liquidity: "taker", halfSpread: 0.05 },
        { qty: 3, price: 100.55, fee: 0.3, atMs: 2_500, liquidity: "taker", halfSpread: 0.1 },
      ],
    });
    // delay = 7·0.2 = 1.4; spread = 4·0.05 + 3·0.1 = 0.5;
    // impact = (4·0.15 + 3·0.35) − 0.5 = 1.15 = drift (4·0.1 + 3·0.2 = 1.0) + temporary 0.15;
    // fees 0.7; opportunity = 3·(101 − 100) = 3. Total 6.75 USD = 67.5 bps of 10·100.
    expect(sf.delay.usd).toBeCloseTo(1.4, 12);
    expect(sf.spread.usd).toBeCloseTo(0.5, 12);
    expect(sf.impact.usd).toBeCloseTo(1.15, 12);
    expect(sf.impact.drift.usd).toBeCloseTo(1.0, 12);
    expect(sf.impact.temporary.usd).toBeCloseTo(0.15, 12);
    expect(sf.fees.usd).toBeCloseTo(0.7, 12);
    expect(sf.opportunity.usd).toBeCloseTo(3, 12);
    expect(sf.total.usd).toBeCloseTo(6.75, 12);
    expect(sf.total.bps).toBeCloseTo(67.5, 10);
    expect([sf.delay.bps, sf.spread.bps, sf.impact.bps, sf.fees.bps, sf.opportunity.bps].map((x) => Number(x.toFixed(9)))).toEqual([14, 5, 11.5, 7, 30]);
    expect(sf).toMatchObject({ filledQty: 7, unfilledQty: 3, paperNotional: 1000 });
  });

  it("credits a maker sell's half spread and rebate, hand-computed", () => {
    // Sell 2, D = 100, A = 99.9 (fell before we sent: delay cost 2·0.1 = 0.2),
    // filled 2 @ 99.95 maker (half spread 0.05 earned: −0.1), rebate −0.02.
    // impact = −1·2·(99.95 − 99.9) − (−0.1) = 0. Total 0.08 USD = 4 bps of 200.
    const sf = computeShortfall({
      side: "sell",
      orderedQty: 2,
      decisionMid: 100,
      arrivalMid: 99.9,
      finalMid: 50,
      fills: [{ qty: 2, price: 99.95, fee: -0.02, atMs: 0, liquidity: "maker" }],
      defaultHalfSpread: 0.05,
    });
    expect(sf.delay.usd).toBeCloseTo(0.2, 12);
    expect(sf.spread.usd).toBeCloseTo(-0.1, 12);
    expect(sf.impact.usd).toBeCloseTo(0, 12);
    expect(sf.opportunity.usd).toBe(0);
    expect(sf.total.usd).toBeCloseTo(0.08, 12);
    expect(sf.total.bps).toBeCloseTo(4, 10);
  });

  it("property: the parts add up to the paper-vs-real total for random orders", () => {
    const rng = createRng(1988);
    for (let trial = 0; trial < 500; trial++) {
      const side = rng.next() < 0.5 ? "buy" : "sell";
      const D = 10 + rng.next() * 100_000;
      const Q = 0.01 + rng.next() * 100;
      const nFills = rng.int(6);
      const fills: ShortfallInputs["fills"][number][] = [];
      let left = Q;
      for (let i = 0; i < nFills; i++) {
        const qty = left * rng.next();
        left -= qty;
        fills.push({
          qty,
          price: D * (1 + (rng.next() - 0.5) * 0.02),
          fee: (rng.next() - 0.2) * 5,
          atMs: rng.int(10_000),
          liquidity: rng.next() < 0.5 ? "maker" : "taker",
          ...(rng.next() < 0.7 ? { halfSpread: D * rng.next() * 1e-3 } : {}),
        });
      }
      const A = D * (1 + (rng.next() - 0.5) * 0.01);
      const F = D * (1 + (rng.next() - 0.5) * 0.01);
      const mids = Array.from({ length: 5 }, (_, i) => ({ tsMs: i * 2_000, mid: D * (1 + (rng.next() - 0.5) * 0.01) }));
      const extraFees = rng.next();
      const sf = computeShortfall({ side, orderedQty: Q, decisionMid: D, arrivalMid: A, finalMid: F, fills, mids, defaultHalfSpread: D * 2e-4, extraFees });
      const parts = sf.delay.usd + sf.spread.usd + sf.impact.usd + sf.fees.usd + sf.opportunity.usd;
      expect(sf.total.usd).toBe(parts);
      expect(sf.total.bps).toBe(sf.delay.bps + sf.spread.bps + sf.impact.bps + sf.fees.bps + sf.opportunity.bps);
      expect(sf.impact.drift.usd + sf.impact.temporary.usd).toBeCloseTo(sf.impact.usd, 9);
      // Independent paper-vs-real formula.
      const s = side === "buy" ? 1 : -1;
      let paper = 0;
      let filled = 0;
      for (const f of fills) {
        paper += s * f.qty * (f.price - D) + f.fee;
        filled += f.qty;
      }
      paper += s * Math.max(0, Q - filled) * (F - D);
      const expected = paper + extraFees;
      const scale = Math.max(1, Q * D);
      expect(Math.abs(sf.total.usd - expected) / scale).toBeLessThan(1e-9);
      expect(Math.abs(sf.total.bps - (expected / (Q * D)) * 1e4)).toBeLessThan(1e-9);
    }
  });
});
