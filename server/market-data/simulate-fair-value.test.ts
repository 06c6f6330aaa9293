import { describe, expect, it } from "vitest";
import { createRng } from "@/server/shared/rng";
import { FairValueProcess } from "./simulate-fair-value";
import { SECONDS_PER_YEAR, symbolParams } from "./symbols";

describe("FairValueProcess", () => {
  const btc = symbolParams("BTC-USD")!;

  it("replays exactly from the same seed", () => {
    const a = new FairValueProcess(btc, createRng(1), 100);
    const b = new FairValueProcess(btc, createRng(1), 100);
    for (let i = 0; i < 1000; i++) expect(a.step()).toBe(b.step());
    expect(new FairValueProcess(btc, createRng(2), 100).step()).not.toBe(new FairValueProcess(btc, createRng(1), 100).step());
  });

  it("has the configured diffusion volatility", () => {
    const noJumps = { ...btc, jumpsPerDay: 0 };
    const p = new FairValueProcess(noJumps, createRng(3), 1000);
    let prev = p.price;
    let sumSq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const next = p.step();
      sumSq += Math.log(next / prev) ** 2;
      prev = next;
    }
    const annualized = Math.sqrt(sumSq / n) * Math.sqrt(SECONDS_PER_YEAR);
    expect(annualized).toBeGreaterThan(btc.annualVol * 0.97);
    expect(annualized).toBeLessThan(btc.annualVol * 1.03);
  });

  it("jumps at roughly the configured rate", () => {
    const jumpy = { ...btc, jumpsPerDay: 86_400 / 10 }; // one per 10 s
    const p = new FairValueProcess(jumpy, createRng(4), 100);
    for (let i = 0; i < 100_000; i++) p.step(); // 10,000 s
    expect(p.jumps).toBeGreaterThan(900);
    expect(p.jumps).toBeLessThan(1100);
  });

  it("diffuse over a long stretch has the law of stepping through it: σ√t spread, no drift in price", () => {
    const noJumps = { ...btc, jumpsPerDay: 0 };
    const p = new FairValueProcess(noJumps, createRng(6), 100);
    const dayMs = 86_400_000;
    const moves: number[] = [];
    let prev = p.price;
    for (let i = 0; i < 20_000; i++) {
      const next = p.diffuse(dayMs);
      moves.push(Math.log(next / prev));
      prev = next;
    }
    const mean = moves.reduce((a, b) => a + b, 0) / moves.length;
    const sd = Math.sqrt(moves.reduce((a, b) => a + (b - mean) ** 2, 0) / moves.length);
    const daily = btc.annualVol * Math.sqrt(1 / 365);
    expect(sd).toBeGreaterThan(daily * 0.97);
    expect(sd).toBeLessThan(daily * 1.03);
    // E[S] is kept: the log drift is −σ²t/2.
    expect(mean).toBeCloseTo(-0.5 * daily * daily, 3);
    expect(p.diffuse(0)).toBe(prev);
  });

  it("diffuse counts the jumps a stretch would have had", () => {
    const jumpy = { ...btc, jumpsPerDay: 86_400 / 10 }; // one per 10 s
    const p = new FairValueProcess(jumpy, createRng(7), 100);
    for (let i = 0; i < 100; i++) p.diffuse(100_000); // 10,000 s
    expect(p.jumps).toBeGreaterThan(900);
    expect(p.jumps).toBeLessThan(1100);
  });

  it("starts at the reference price unless told otherwise", () => {
    expect(new FairValueProcess(btc, createRng(5), 100).price).toBeCloseTo(90_000, 6);
    expect(new FairValueProcess(btc, createRng(5), 100, 50_000).price).toBeCloseTo(50_000, 6);
  });
});
