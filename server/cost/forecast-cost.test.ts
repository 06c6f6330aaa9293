import { beforeAll, describe, expect, it } from "vitest";
import { createObservationStore, type ObservationStore } from "@/server/market-data/observation-store";
import { createSimulatedSource, type SimulatedSource } from "@/server/market-data/simulated-source";
import { createManualClock, type ManualClock } from "@/server/shared/clock";
import { forecastCost, type CostForecast } from "./forecast-cost";
import { SweepStateCache } from "./sweep-state-cache";

interface Market {
  clock: ManualClock;
  source: SimulatedSource;
  store: ObservationStore;
}

function market(seed: number, seconds: number): Market {
  const clock = createManualClock(1_760_000_000_000);
  const source = createSimulatedSource({ clock, seed, scheduler: { setInterval: () => 0, clearInterval: () => {} }, autostart: ["BTC-USD"] });
  source.start();
  const store = createObservationStore({ source, clock });
  for (let i = 0; i < seconds * 10; i++) {
    clock.advance(100);
    source.advanceTo(clock.nowMs());
  }
  return { clock, source, store };
}

function forecast(m: Market, side: "buy" | "sell", qty: number): CostForecast {
  const books = m.source.venuesFor("BTC-USD").map((v) => m.source.book(v, "BTC-USD")!);
  return forecastCost({ symbol: "BTC-USD", side, qty, books, nowMs: m.clock.nowMs(), observations: m.store });
}

function allFinite(x: unknown, path = "forecast"): string[] {
  if (typeof x === "number") return Number.isFinite(x) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => allFinite(v, `${path}[${i}]`));
  if (x && typeof x === "object") return Object.entries(x).flatMap(([k, v]) => allFinite(v, `${path}.${k}`));
  return [];
}

function checkInvariants(f: CostForecast): void {
  expect(allFinite(f)).toEqual([]);
  expect(f.modelVersion).toBe("cost-dist-v1");
  expect(f.distribution.modelVersion).toBe("cost-dist-v1");
  expect(f.distribution.p90Bps).toBeGreaterThanOrEqual(f.distribution.p50Bps);
  for (const l of f.landed) expect(l.landedCostBps).toBe(l.bookCostBps + l.feeBps + l.latencyCostBps + l.stalenessBps);
  const ranked = f.landed.filter((l) => l.rank !== undefined);
  ranked.forEach((l, i) => expect(l.rank).toBe(i + 1));
  for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.landedCostBps).toBeGreaterThanOrEqual(ranked[i - 1]!.landedCostBps);
  if (f.sweep.legs.length > 0) expect(f.sweep.legs.reduce((s, l) => s + l.fraction, 0)).toBeCloseTo(1, 12);
  const pts = f.fillConfidence.points;
  for (let i = 1; i < pts.length; i++) expect(pts[i]!.probability).toBeGreaterThanOrEqual(pts[i - 1]!.probability);
  const cap = f.capacity.points;
  for (let i = 1; i < cap.length; i++) {
    expect(cap[i]!.p50Bps).toBeGreaterThanOrEqual(cap[i - 1]!.p50Bps);
    expect(cap[i]!.p90Bps).toBeGreaterThanOrEqual(cap[i - 1]!.p90Bps);
  }
  for (const p of cap) expect(p.p90Bps).toBeGreaterThanOrEqual(p.p50Bps);
}

describe("forecastCost on the simulated market", () => {
  let m: Market;
  beforeAll(() => {
    m = market(42, 90);
  });

  it("holds every invariant for small, medium and large buys and sells", () => {
    for (const side of ["buy", "sell"] as const) for (const qty of [0.01, 1, 10, 50]) checkInvariants(forecast(m, side, qty));
  });

  it("uses up to 60 recent book states and the EWMA volatility", () => {
    const f = forecast(m, "buy", 1);
    expect(f.distribution.samples).toBe(60);
    expect(f.volatility.source).toBe("ewma");
    expect(f.distribution.completeFraction).toBe(1);
    // 1× capacity point is the forecast
    const one = f.capacity.points.find((p) => p.multiplier === 1)!;
    expect(one.p50Bps).toBe(f.distribution.p50Bps);
  });

  it("the fill-confidence curve passes through the P50 and P90 cards (0.5 and 0.9), calibrated or not", () => {
    const books = m.source.venuesFor("BTC-USD").map((v) => m.source.book(v, "BTC-USD")!);
    const calibration = { p50Scale: 1, p90Scale: 1, p50OffsetBps: 0.7, p90OffsetBps: 2.1, source: "test", observations: 50 };
    for (const options of [{}, { calibration }]) {
      const f = forecastCost({ symbol: "BTC-USD", side: "buy", qty: 1, books, nowMs: m.clock.nowMs(), observations: m.store, options });
      expect(f.distribution.completeFraction).toBe(1);
      const at = (cost: number) => f.fillConfidence.points.find((p) => Math.abs(p.costBps - cost) < 1e-9);
      expect(at(f.distribution.p50Bps)?.probability).toBeCloseTo(0.5, 6);
      expect(at(f.distribution.p90Bps)?.probability).toBeCloseTo(0.9, 6);
    }
  });

  it("the routed sweep costs no more than the cheapest single venue (landed)", () => {
    const f = forecast(m, "buy", 10);
    const best = f.landed.find((l) => l.complete)!;
    expect(f.sweep.allInCostBps).toBeLessThanOrEqual(best.landedCostBps + 1e-9);
  });

  it("a size beyond all visible depth: fillable quantity, shortfall, partial cost; no error", () => {
    const f = forecast(m, "buy", 100_000);
    checkInvariants(f);
    expect(f.sweep.complete).toBe(false);
    expect(f.sweep.filledQty).toBeGreaterThan(0);
    expect(f.sweep.depthShortfallQty).toBeCloseTo(100_000 - f.sweep.filledQty, 6);
    expect(f.distribution.partial).toBe(true);
    expect(f.distribution.completeFraction).toBe(0);
    expect(f.fillConfidence.points.every((p) => p.probability === 0)).toBe(true);
    expect(f.landed.every((l) => !l.complete)).toBe(true);
  });

  it("urgency: AC profiles ordered by urgency with a square-root cross-check", () => {
    const u = forecast(m, "buy", 20).urgency!;
    const [low, medium, high] = u.profiles;
    expect(low!.horizonMs).toBeGreaterThan(medium!.horizonMs);
    expect(medium!.horizonMs).toBeGreaterThan(high!.horizonMs);
    expect(low!.riskBps).toBeGreaterThan(high!.riskBps);
    expect(high!.expectedCostBps).toBeGreaterThan(low!.expectedCostBps);
    expect(u.params.dailyVolume).toBeGreaterThan(0);
    expect(u.squareRoot.costBps).toBeGreaterThan(0);
  });

  it("is deterministic: same seed, same market, same forecast", () => {
    const a = forecast(market(7, 30), "sell", 5);
    const b = forecast(market(7, 30), "sell", 5);
    expect(a).toEqual(b);
  });

  it("works cold: no observation store, current books only", () => {
    const books = m.source.venuesFor("BTC-USD").map((v) => m.source.book(v, "BTC-USD")!);
    const f = forecastCost({ symbol: "BTC-USD", side: "buy", qty: 2, books, nowMs: m.clock.nowMs() });
    checkInvariants(f);
    expect(f.distribution.samples).toBe(1);
    expect(f.volatility.source).toBe("none");
  });

  it("a symbol the store has no volatility for: no NaN anywhere", () => {
    const books = m.source.venuesFor("BTC-USD").map((v) => ({ ...m.source.book(v, "BTC-USD")!, symbol: "ZZZ-USD" }));
    const f = forecastCost({ symbol: "ZZZ-USD", side: "sell", qty: 1, books, nowMs: m.clock.nowMs(), observations: m.store });
    expect(f.volatility.source).toBe("none");
    expect(allFinite(f)).toEqual([]);
  });

  it("the same forecast with a cache kept across calls as without one, as the market moves", () => {
    const mk = market(23, 70);
    const cache = new SweepStateCache();
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    for (const ms of [0, 0, 100, 0, 1000, 0]) {
      mk.clock.advance(ms);
      mk.source.advanceTo(mk.clock.nowMs());
      const books = mk.source.venuesFor("BTC-USD").map((v) => mk.source.book(v, "BTC-USD")!);
      for (const [side, qty] of [["buy", 0.1], ["sell", 5], ["buy", 50], ["sell", 3000]] as const) {
        const args = { symbol: "BTC-USD", side, qty, books, nowMs: mk.clock.nowMs(), observations: mk.store } as const;
        const cached = forecastCost({ ...args, options: { cache } });
        const plain = forecastCost({ ...args, options: { cache: false } });
        checkInvariants(cached);
        expect(cached.sweep).toEqual(plain.sweep);
        expect(cached.distribution.samples).toBe(plain.distribution.samples);
        const pairs: [number, number][] = [
          [cached.distribution.p50Bps, plain.distribution.p50Bps],
          [cached.distribution.p90Bps, plain.distribution.p90Bps],
          ...cached.fillConfidence.points.flatMap((p, j): [number, number][] => [
            [p.costBps, plain.fillConfidence.points[j]!.costBps],
            [p.probability, plain.fillConfidence.points[j]!.probability],
          ]),
          ...cached.capacity.points.flatMap((p, j): [number, number][] => [
            [p.p50Bps, plain.capacity.points[j]!.p50Bps],
            [p.p90Bps, plain.capacity.points[j]!.p90Bps],
          ]),
        ];
        expect(pairs.filter(([a, b]) => !close(a, b))).toEqual([]);
      }
    }
  });

  it("no books at all: a clear empty answer", () => {
    const f = forecastCost({ symbol: "BTC-USD", side: "buy", qty: 2, books: [], nowMs: 0 });
    checkInvariants(f);
    expect(f.sweep).toMatchObject({ filledQty: 0, complete: false });
    expect(f.reference.source).toBe("none");
    expect(f.urgency).toBeUndefined();
  });
});
