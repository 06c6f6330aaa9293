import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS } from "@/lib/contracts/common";
import { createManualClock } from "@/server/shared/clock";
import { computeDepth } from "./depth";
import { isOnGrid } from "./market-grid";
import { computeNbbo, bookSpreadBps } from "./nbbo";
import { quantileSorted, sortedCopy } from "./sample-stats";
import { DEPTH_TARGET_BANDS_BPS, DEPTH_TARGET_USD, SPREAD_MEDIAN_BPS, TRADES_PER_SECOND } from "./sim-calibration";
import { SimulatedSource, UnknownSimSymbolError, type Scheduler } from "./simulated-source";
import type { BookView, Trade } from "./types";
import { instrumentFor, venuesListing } from "./venues";

const START = 1_750_000_000_000;

function fakeScheduler() {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const scheduler: Scheduler = {
    setInterval: (fn, ms) => {
      timers.push({ fn, ms, cleared: false });
      return timers.length - 1;
    },
    clearInterval: (h) => {
      const t = timers[h as number];
      if (t) t.cleared = true;
    },
  };
  return { scheduler, timers };
}

function makeSource(seed = 42, extra: Partial<ConstructorParameters<typeof SimulatedSource>[0]> = {}) {
  const clock = createManualClock(START);
  const source = new SimulatedSource({ clock, seed, scheduler: fakeScheduler().scheduler, ...extra });
  return { clock, source };
}

function record(source: SimulatedSource) {
  const books: BookView[] = [];
  const trades: Trade[] = [];
  source.addListener({ onBook: (b) => books.push(b), onTrade: (t) => trades.push(t) });
  return { books, trades };
}

describe("SimulatedSource determinism", () => {
  function run(seed: number, withEth: boolean) {
    const { source } = makeSource(seed);
    const rec = record(source);
    source.subscribe("BTC-USD");
    if (withEth) source.subscribe("ETH-USD");
    for (const t of [START + 250, START + 1_000, START + 1_000, START + 4_321]) source.advanceTo(t);
    const btcBooks = rec.books.filter((b) => b.symbol === "BTC-USD");
    const btcTrades = rec.trades.filter((t) => t.symbol === "BTC-USD");
    return { source, btcBooks, btcTrades };
  }

  it("gives identical books and trades for the same seed and the same advanceTo calls", () => {
    const a = run(7, false);
    const b = run(7, false);
    expect(a.btcBooks.length).toBeGreaterThan(0);
    expect(b.btcBooks).toEqual(a.btcBooks);
    expect(b.btcTrades).toEqual(a.btcTrades);
    expect(b.source.book("binance", "BTC-USD")).toEqual(a.source.book("binance", "BTC-USD"));
  });

  it("does not let another active symbol change a symbol's path", () => {
    const alone = run(7, false);
    const together = run(7, true);
    expect(together.btcBooks).toEqual(alone.btcBooks);
    expect(together.btcTrades).toEqual(alone.btcTrades);
  });

  it("gives a different market for a different seed", () => {
    const a = run(7, false);
    const c = run(8, false);
    expect(c.source.fairValue("BTC-USD")).not.toBe(a.source.fairValue("BTC-USD"));
    expect(c.btcTrades).not.toEqual(a.btcTrades);
  });

  it("steps on a fixed grid no matter how advanceTo is chunked", () => {
    const one = makeSource(3);
    one.source.subscribe("SOL-USD");
    one.source.advanceTo(START + 2_000);
    const many = makeSource(3);
    many.source.subscribe("SOL-USD");
    for (let t = START; t <= START + 2_000; t += 37) many.source.advanceTo(t);
    many.source.advanceTo(START + 2_000);
    expect(many.source.stepCount).toBe(20);
    expect(many.source.nowMs).toBe(START + 2_000);
    expect(many.source.book("okx", "SOL-USD")).toEqual(one.source.book("okx", "SOL-USD"));
  });
});

describe("SimulatedSource subscription and port behaviour", () => {
  it("builds books lazily at subscribe time, for every venue listing the symbol", async () => {
    const { source } = makeSource();
    expect(source.kind).toBe("simulated");
    expect(source.symbols()).toEqual([...DEFAULT_SYMBOLS]);
    expect(source.isSubscribed("ETH-USD")).toBe(false);
    expect(source.book("binance", "ETH-USD")).toBeUndefined();
    expect(await source.fetchSnapshot("binance", "ETH-USD")).toBeUndefined();
    source.subscribe("ETH-USD");
    source.subscribe("ETH-USD"); // idempotent
    expect(source.isSubscribed("ETH-USD")).toBe(true);
    expect(source.venuesFor("ETH-USD")).toEqual(venuesListing("ETH-USD"));
    for (const v of source.venuesFor("ETH-USD")) {
      const b = source.book(v, "ETH-USD");
      expect(b?.bids.length).toBeGreaterThanOrEqual(50);
      expect(b?.updatedAtMs).toBe(START);
    }
    expect(await source.fetchSnapshot("kraken", "ETH-USD")).toBe(source.book("kraken", "ETH-USD"));
    expect(source.venuesFor("PEPE-USD")).toEqual([]);
    expect(() => source.subscribe("PEPE-USD")).toThrow(UnknownSimSymbolError);
  });

  it("delivers the first books to listeners within one step of subscribing", () => {
    const { source } = makeSource();
    const rec = record(source);
    source.subscribe("XRP-USD");
    source.advanceTo(START + source.stepMs);
    expect(new Set(rec.books.map((b) => b.venue))).toEqual(new Set(source.venuesFor("XRP-USD")));
  });

  it("start() schedules advanceTo(now) every step, subscribes autostart symbols only, and stop() clears it", () => {
    const clock = createManualClock(START);
    const { scheduler, timers } = fakeScheduler();
    const source = new SimulatedSource({ clock, seed: 1, scheduler, autostart: ["DOGE-USD"] });
    source.start();
    source.start(); // idempotent
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(100);
    expect(source.isSubscribed("DOGE-USD")).toBe(true);
    expect(source.isSubscribed("BTC-USD")).toBe(false);
    clock.advance(350);
    timers[0]!.fn();
    expect(source.nowMs).toBe(START + 300);
    expect(source.book("binance", "DOGE-USD")?.updatedAtMs).toBe(START + 300);
    source.stop();
    expect(timers[0]!.cleared).toBe(true);
    expect(source.isRunning).toBe(false);
  });

  it("starts market time at the clock when the first symbol subscribes after idling", () => {
    const { clock, source } = makeSource();
    clock.advance(3_600_000);
    source.subscribe("BTC-USD");
    expect(source.book("binance", "BTC-USD")?.updatedAtMs).toBe(START + 3_600_000);
  });

  it("skips ahead instead of replaying a stall longer than maxCatchUpMs", () => {
    const { source } = makeSource(1, { maxCatchUpMs: 1_000 });
    source.subscribe("BTC-USD");
    const before = source.book("binance", "BTC-USD")!;
    source.advanceTo(START + 60_000);
    expect(source.stepCount).toBe(10);
    expect(source.nowMs).toBe(START + 60_000);
    // The skipped minute still moved the price, and the book followed it uncrossed.
    const after = source.book("binance", "BTC-USD")!;
    expect(after.bids[0]!.price).not.toBe(before.bids[0]!.price);
    expect(after.bids[0]!.price).toBeLessThan(after.asks[0]!.price);
  });

  it("a day skipped moves the price by about a day's volatility, not by nothing", () => {
    const { source } = makeSource(2, { maxCatchUpMs: 1_000 });
    source.subscribe("BTC-USD");
    const mid = () => {
      const b = source.book("binance", "BTC-USD")!;
      return (b.bids[0]!.price + b.asks[0]!.price) / 2;
    };
    const moves: number[] = [];
    let prev = mid();
    for (let d = 1; d <= 40; d++) {
      source.advanceTo(START + d * 86_400_000);
      const m = mid();
      moves.push(Math.abs(Math.log(m / prev)));
      prev = m;
    }
    // Mean absolute daily log move ≈ σ_daily·√(2/π) for BTC's 50–60 % annual vol: well over 1 %.
    const meanAbs = moves.reduce((a, b) => a + b, 0) / moves.length;
    expect(meanAbs).toBeGreaterThan(0.01);
    expect(meanAbs).toBeLessThan(0.06);
  });

  it("contains listener exceptions and keeps serving other listeners", () => {
    const { source } = makeSource();
    let seen = 0;
    source.addListener({
      onBook: () => {
        throw new Error("boom");
      },
    });
    const remove = source.addListener({ onBook: () => seen++ });
    source.subscribe("BTC-USD");
    source.advanceTo(START + 200);
    expect(seen).toBe(2 * source.venuesFor("BTC-USD").length);
    expect(source.listenerErrors).toBeGreaterThan(0);
    remove();
    source.advanceTo(START + 300);
    expect(seen).toBe(2 * source.venuesFor("BTC-USD").length);
  });
});

describe("SimulatedSource market invariants (all symbols, 20 s)", () => {
  const { source } = makeSource(2024);
  const rec = record(source);
  for (const s of DEFAULT_SYMBOLS) source.subscribe(s);
  source.advanceTo(START + 20_000);

  it("updates every venue book at 10 Hz or more", () => {
    for (const s of DEFAULT_SYMBOLS) {
      for (const v of source.venuesFor(s)) {
        const n = rec.books.filter((b) => b.symbol === s && b.venue === v).length;
        expect(n / 20).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it("never emits a crossed book, and keeps prices/quantities on the venue's grids", () => {
    for (const b of rec.books) {
      expect(b.bids[0]!.price).toBeLessThan(b.asks[0]!.price);
      expect(b.bids.length).toBeGreaterThanOrEqual(50);
      expect(b.asks.length).toBeGreaterThanOrEqual(50);
    }
    for (const b of rec.books.slice(-70)) {
      const spec = instrumentFor(b.venue, b.symbol)!;
      for (const l of [...b.bids, ...b.asks]) {
        expect(isOnGrid(l.price, spec.tickSize)).toBe(true);
        expect(isOnGrid(l.qty, spec.lotSize)).toBe(true);
      }
    }
  });

  it("keeps the consolidated market uncrossed (all venues quote one fair value)", () => {
    for (const s of DEFAULT_SYMBOLS) {
      const books = source.venuesFor(s).map((v) => source.book(v, s)!);
      const n = computeNbbo(books);
      expect(n.crossed).toBe(false);
      expect(Math.abs(n.mid! / source.fairValue(s)! - 1) * 1e4).toBeLessThan(5);
    }
  });

  it("prints a tape with unique ids, on-grid prices and both aggressor sides", () => {
    expect(rec.trades.length).toBeGreaterThan(1000);
    expect(new Set(rec.trades.map((t) => t.id)).size).toBe(rec.trades.length);
    const sides = new Set(rec.trades.map((t) => t.aggressor));
    expect(sides).toEqual(new Set(["buy", "sell"]));
    for (const t of rec.trades.slice(0, 500)) {
      const spec = instrumentFor(t.venue, t.symbol)!;
      expect(isOnGrid(t.price, spec.tickSize)).toBe(true);
      expect(t.tsMs).toBeGreaterThan(START);
      expect(t.tsMs).toBeLessThanOrEqual(START + 20_000);
    }
  });

  it("gives venues different spread and depth profiles", () => {
    const depth10 = source.venuesFor("BTC-USD").map((v) => computeDepth([source.book(v, "BTC-USD")!], [10]).consolidated[0]!.bidUsd);
    expect(Math.max(...depth10) / Math.min(...depth10)).toBeGreaterThan(2);
  });
});

describe("SimulatedSource calibration (Binance BTC-USD vs the recording)", () => {
  const { source } = makeSource(11);
  const spreads: number[] = [];
  const depth10: number[] = [];
  let trades = 0;
  let steps = 0;
  source.addListener({
    onBook: (b) => {
      if (b.venue !== "binance") return;
      steps++;
      spreads.push(bookSpreadBps(b)!);
      if (steps % 10 === 0) {
        const band = computeDepth([b], [10]).consolidated[0]!;
        depth10.push((band.bidUsd + band.askUsd) / 2);
      }
    },
    onTrade: (t) => {
      if (t.venue === "binance") trades++;
    },
  });
  source.subscribe("BTC-USD");
  const seconds = 120;
  for (let t = 1; t <= seconds; t++) source.advanceTo(START + t * 1000);
  const med = (xs: number[]) => quantileSorted(sortedCopy(xs), 0.5);

  it("has a median quoted spread within x0.5-x2 of the recorded one", () => {
    const ratio = med(spreads) / SPREAD_MEDIAN_BPS;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("has a median 10 bps depth (USD, per side) within x0.5-x2 of the recorded one", () => {
    const target = DEPTH_TARGET_USD[DEPTH_TARGET_BANDS_BPS.indexOf(10)]!;
    const ratio = med(depth10) / target;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("prints trades at a rate within x0.5-x2 of the recorded one", () => {
    const ratio = trades / seconds / TRADES_PER_SECOND;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
