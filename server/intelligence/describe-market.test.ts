import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { Core } from "@/server/core";
import { createMarketHub } from "@/server/market-data/hub";
import { createReplaySource } from "@/server/market-data/replay/create-replay-source";
import type { MarketSource } from "@/server/market-data/types";
import { createManualClock, type ManualClock } from "@/server/shared/clock";
import { createLogger } from "@/server/shared/logger";
import { describeMarket } from "./describe-market";

const dir = mkdtempSync(join(tmpdir(), "describe-market-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REC0 = 1_723_161_000_000;
const line = (ms: number, msg: unknown) => `${BigInt(REC0 + ms) * 1_000_000n} ${JSON.stringify(msg)}`;
const depth = (U: number, u: number, b: [string, string][] = [], a: [string, string][] = []) => ({
  stream: "btcusdt@depth@100ms",
  data: { e: "depthUpdate", E: REC0, s: "BTCUSDT", U, u, b, a },
});

/** A Binance spot recording; with `gap` the diff carrying update 104 is missing. */
function recording(name: string, gap: boolean): string {
  const lines = [
    line(0, depth(99, 101, [["100.00", "5"]])),
    line(300, { lastUpdateId: 100, bids: [["100.00", "2"]], asks: [["101.00", "1"]] }),
    line(1_000, depth(102, 103, [["99.50", "1"]])),
    line(2_000, gap ? depth(105, 106, [["100.50", "1"]]) : depth(104, 106, [["100.50", "1"]])),
  ];
  const path = join(dir, `binance-spot_${name}.gz`);
  writeFileSync(path, gzipSync(`${lines.join("\n")}\n`));
  return path;
}

// The composition root's market part, with real parts: the replay source and the hub.
function coreWith(source: MarketSource, clock: ManualClock): Core {
  const hub = createMarketHub({ source, clock, sleep: () => Promise.resolve() });
  return { clock, market: { source, hub } } as unknown as Core;
}

function replay(path: string) {
  const clock = createManualClock(1_800_000_000_000);
  const source = createReplaySource({ files: [path], clock, scheduler: { setInterval: () => 0, clearInterval: () => {} }, log: createLogger("error", () => {}) });
  source.start();
  return { clock, source, core: coreWith(source, clock) };
}

describe("describeMarket", () => {
  it("a clean replay: ok, with the recorded instant and the venue's counters", () => {
    const { clock, source, core } = replay(recording("clean", false));
    clock.advance(2_500);
    source.advanceTo(clock.nowMs());
    const m = describeMarket(core);
    expect(m.source).toBe("replay");
    expect(m.status).toBe("ok");
    expect(m.venues).toHaveLength(1);
    expect(m.venues[0]).toMatchObject({ venue: "binance", market_type: "spot", quote: "USDT", state: "ok", gaps: 0, crossed: 0 });
    expect(m.venues[0]!.books[0]).toMatchObject({ symbol: "BTC-USD", resyncing: false, stale: false });
    expect(Number(BigInt(m.replay!.recorded_at_ns!) / 1_000_000n)).toBeGreaterThanOrEqual(REC0 + 2_000);
    expect(m.freshest_age_ms).toBeLessThanOrEqual(m.stale_after_ms);
  });

  it("a gap: the venue is resyncing, its book withheld, and the market degraded or down, never ok", () => {
    const { clock, source, core } = replay(recording("gap", true));
    clock.advance(2_500);
    source.advanceTo(clock.nowMs());
    const m = describeMarket(core);
    expect(m.venues[0]).toMatchObject({ state: "resyncing", gaps: 1 });
    expect(m.venues[0]!.books[0]).toMatchObject({ resyncing: true, age_ms: null, bid_levels: 0 });
    expect(m.status).not.toBe("ok");
  });

  it("books that stop updating turn stale and the market degraded", () => {
    const { clock, source, core } = replay(recording("stale", false));
    clock.advance(2_500);
    source.advanceTo(clock.nowMs());
    clock.advance(10_000); // the recording has ended and does not loop
    source.advanceTo(clock.nowMs());
    const m = describeMarket(core);
    expect(m.venues[0]!.state).toBe("stale");
    expect(m.venues[0]!.books[0]!.stale).toBe(true);
    expect(m.status).toBe("degraded");
  });
});
