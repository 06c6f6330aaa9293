import { describe, expect, it } from "vitest";
import { createManualClock } from "@/server/shared/clock";
import { ObservationStore } from "./observation-store";
import { SimulatedSource } from "./simulated-source";
import { SECONDS_PER_YEAR } from "./symbols";
import type { BookView, Trade, VenueId } from "./types";

const book = (venue: VenueId, bid: number, ask: number, tsMs: number, levels = 1): BookView => ({
  venue,
  symbol: "BTC-USD",
  bids: Array.from({ length: levels }, (_, i) => ({ price: bid - i, qty: 1 })),
  asks: Array.from({ length: levels }, (_, i) => ({ price: ask + i, qty: 1 })),
  seq: tsMs,
  updatedAtMs: tsMs,
});

const trade = (id: number, tsMs: number): Trade => ({
  venue: "binance",
  symbol: "BTC-USD",
  price: 100,
  qty: 1,
  aggressor: "buy",
  tsMs,
  id: String(id),
});

describe("ObservationStore book and trade history", () => {
  it("keeps one book sample per interval per venue, truncated to the top levels, up to capacity", () => {
    const store = new ObservationStore({ bookCapacity: 3, topLevels: 5 });
    for (let t = 0; t < 5_000; t += 100) store.recordBook(book("binance", 100, 101, 1_000_000 + t, 30));
    const samples = store.bookSamples("BTC-USD", "binance");
    expect(samples).toHaveLength(3);
    expect(samples.map((s) => s.tsMs)).toEqual([1_002_000, 1_003_000, 1_004_000]);
    expect(samples[0]!.bids).toHaveLength(5);
    expect(store.latestBook("BTC-USD", "binance")?.updatedAtMs).toBe(1_004_900);
    expect(store.bookSamples("BTC-USD", "okx")).toEqual([]);
  });

  it("keeps the trade tape per venue in a bounded ring and filters by time", () => {
    const store = new ObservationStore({ tradeCapacity: 4 });
    for (let i = 0; i < 10; i++) store.recordTrade(trade(i, 1_000 + i));
    expect(store.trades("BTC-USD", "binance").map((t) => t.id)).toEqual(["6", "7", "8", "9"]);
    expect(store.trades("BTC-USD", "binance", 1_008).map((t) => t.id)).toEqual(["8", "9"]);
    expect(store.trades("ETH-USD", "binance")).toEqual([]);
    expect(store.recentTrades("BTC-USD", "binance", 2).map((t) => t.id)).toEqual(["7", "8", "9"]);
  });

  it("attaches at construction when given a source, counts windows by its clock, and detaches on close()", () => {
    const clock = createManualClock(1_750_000_000_000);
    const source = new SimulatedSource({ clock, seed: 4, scheduler: { setInterval: () => 0, clearInterval: () => {} } });
    const store = new ObservationStore({ source, clock });
    source.subscribe("DOGE-USD");
    clock.advance(5_000);
    source.advanceTo(clock.nowMs());
    const all = store.trades("DOGE-USD", "binance");
    expect(all.length).toBeGreaterThan(0);
    const lastSecond = store.recentTrades("DOGE-USD", "binance", 1_000);
    expect(lastSecond.length).toBeLessThan(all.length);
    expect(lastSecond.every((t) => t.tsMs >= clock.nowMs() - 1_000)).toBe(true);
    store.close();
    clock.advance(2_000);
    source.advanceTo(clock.nowMs());
    expect(store.trades("DOGE-USD", "binance")).toHaveLength(all.length);
  });

  it("samples the consolidated (NBBO) mid across venues", () => {
    const store = new ObservationStore();
    store.recordBook(book("binance", 100, 104, 5_000));
    store.recordBook(book("kraken", 101, 103, 5_050)); // same 1 s slot: no new sample
    store.recordBook(book("binance", 100, 104, 6_000));
    expect(store.midSamples("BTC-USD")).toEqual([
      { tsMs: 5_000, mid: 102 },
      { tsMs: 6_000, mid: 102 }, // best bid 101 (kraken), best ask 103 (kraken)
    ]);
    expect(store.symbols()).toEqual(["BTC-USD"]);
  });
});

describe("ObservationStore volatility", () => {
  it("reports the configured vol until enough returns exist, then the EWMA of 1 s returns", () => {
    const store = new ObservationStore({ minReturns: 5 });
    const before = store.volatility("BTC-USD");
    expect(before.source).toBe("configured");
    expect(before.sigmaAnnualized).toBe(0.5);
    expect(before.sigmaPerSecond).toBeCloseTo(0.5 / Math.sqrt(SECONDS_PER_YEAR), 12);

    // mids alternate by exactly ±r in log terms every second: realized sigma per second = r
    const r = 0.0002;
    let mid = 50_000;
    for (let i = 0; i <= 5; i++) {
      store.recordBook(book("binance", mid - 0.5, mid + 0.5, 10_000 + i * 1000));
      mid *= Math.exp(i % 2 === 0 ? r : -r);
    }
    const after = store.volatility("BTC-USD");
    expect(after.source).toBe("ewma");
    expect(after.returns).toBe(5);
    expect(after.sigmaPerSecond).toBeCloseTo(r, 6);
    expect(after.sigmaAnnualized).toBeCloseTo(r * Math.sqrt(SECONDS_PER_YEAR), 3);
  });

  it("scales a return over a skipped interval to a per-second variance", () => {
    const store = new ObservationStore({ minReturns: 1 });
    store.recordBook(book("okx", 99.5, 100.5, 0));
    store.recordBook(book("okx", 99.5 * 1.002, 100.5 * 1.002, 4_000)); // one 4 s return of ~20 bps
    const v = store.volatility("BTC-USD");
    expect(v.sigmaPerSecond).toBeCloseTo(Math.log(1.002) / 2, 6);
  });

  it("says when it has neither data nor a configured figure", () => {
    const store = new ObservationStore();
    expect(store.volatility("PEPE-USD").source).toBe("none");
  });

  it("estimates a sane volatility from the simulated market it is attached to", () => {
    const clock = createManualClock(1_750_000_000_000);
    const source = new SimulatedSource({ clock, seed: 9, scheduler: { setInterval: () => 0, clearInterval: () => {} } });
    const store = new ObservationStore();
    const detach = store.attach(source);
    source.subscribe("ETH-USD");
    for (let s = 1; s <= 120; s++) source.advanceTo(clock.nowMs() + s * 1000);
    const v = store.volatility("ETH-USD");
    expect(v.source).toBe("ewma");
    expect(v.returns).toBeGreaterThanOrEqual(115);
    // configured 65 %; an EWMA over ~2 minutes is noisy, so only the order of magnitude is checked
    expect(v.sigmaAnnualized).toBeGreaterThan(0.65 / 3);
    expect(v.sigmaAnnualized).toBeLessThan(0.65 * 3);
    expect(store.bookSamples("ETH-USD", "binance").length).toBeGreaterThanOrEqual(115);
    expect(store.trades("ETH-USD", "binance").length).toBeGreaterThan(100);
    detach();
    const n = store.midSamples("ETH-USD").length;
    source.advanceTo(clock.nowMs() + 200_000);
    expect(store.midSamples("ETH-USD")).toHaveLength(n);
  });
});

describe("ObservationStore mids at event time", () => {
  it("keeps every consolidated-mid change at its book time; midAt reads it, not the 1 s sample before", () => {
    const store = new ObservationStore();
    store.recordBook(book("binance", 100, 102, 10_000)); // NBBO 100/102 → mid 101 (1 s sample at 10 000)
    store.recordBook(book("kraken", 101, 103, 10_020)); // NBBO 101/102 → 101.5
    store.recordBook(book("kraken", 101, 103, 10_030)); // no change: not recorded again
    store.recordBook(book("binance", 100, 101.6, 10_470)); // NBBO 101/101.6 → 101.3
    expect(store.eventMidsBetween("BTC-USD", 0, Infinity)).toEqual([
      { tsMs: 10_000, mid: 101 },
      { tsMs: 10_020, mid: 101.5 },
      { tsMs: 10_470, mid: 101.3 },
    ]);
    // The 1 s grid has only the first: at 10 500 it says 101, the book said 101.3.
    expect(store.midSamples("BTC-USD")).toEqual([{ tsMs: 10_000, mid: 101 }]);
    expect(store.midAt("BTC-USD", 10_500)).toBe(101.3);
    expect(store.midAt("BTC-USD", 10_469)).toBe(101.5);
    expect(store.midAt("BTC-USD", 10_019)).toBe(101);
    expect(store.midAt("BTC-USD", 9_999)).toBeUndefined();
    // TCA series from 10 010: the change in force then (10 000), then every change.
    expect(store.tcaMids("BTC-USD", 10_010, Infinity).map((m) => m.tsMs)).toEqual([10_000, 10_020, 10_470]);
  });

  it("falls back to the 1 s grid where the event series no longer reaches", () => {
    const store = new ObservationStore({ eventMidCapacity: 2 });
    store.recordBook(book("binance", 100, 102, 1_000)); // 101
    store.recordBook(book("binance", 100, 104, 2_000)); // 102
    store.recordBook(book("binance", 100, 106, 2_500)); // 103: the event ring now holds 2 000 and 2 500
    expect(store.eventMidsBetween("BTC-USD", 0, Infinity).map((m) => m.tsMs)).toEqual([2_000, 2_500]);
    expect(store.midAt("BTC-USD", 1_500)).toBe(101); // from the grid
    expect(store.midAt("BTC-USD", 2_600)).toBe(103);
    // Grid samples before the event series begins, then the events.
    expect(store.tcaMids("BTC-USD", 0, Infinity)).toEqual([
      { tsMs: 1_000, mid: 101 },
      { tsMs: 2_000, mid: 102 },
      { tsMs: 2_500, mid: 103 },
    ]);
  });
});
