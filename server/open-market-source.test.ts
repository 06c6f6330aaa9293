import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";
import { openMarketSource } from "./open-market-source";
import { createManualClock } from "./shared/clock";
import { createLogger } from "./shared/logger";

const repoRoot = resolve(__dirname, "..");
const quiet = createLogger("error", () => {});

describe("openMarketSource", () => {
  it("runs the simulated market by default, on the seven spot venues", async () => {
    const { source, publicApi } = await openMarketSource(parseEnv({}), createManualClock(), quiet, repoRoot);
    expect(source.kind).toBe("simulated");
    expect(source.venuesFor("BTC-USD")).toHaveLength(7);
    expect(publicApi).toBeUndefined();
  });

  it("replays the three shipped Binance recordings when REPLAY_FILES is unset", async () => {
    const { source } = await openMarketSource(parseEnv({ MARKET_SOURCE: "replay" }), createManualClock(), quiet, repoRoot);
    expect(source.kind).toBe("replay");
    // Spot and perps are separate instruments (recordings/ ships with the repository).
    expect(source.symbols()).toEqual(["BTC-USD", "BTC-USD-PERP"]);
    expect([...source.venuesFor("BTC-USD")]).toEqual(["binance"]);
    expect([...source.venuesFor("BTC-USD-PERP")].sort()).toEqual(["binance-coinm", "binance-usdm"]);
    expect(source.isSubscribed("BTC-USD")).toBe(true);
    expect(source.isSubscribed("BTC-USD-PERP")).toBe(true);
    // Decoding 6.8 MB of gzip takes a few seconds on a loaded 2-core machine.
  }, 30_000);

  it("names REPLAY_FILES when a file is missing or cannot be decoded", async () => {
    const env = parseEnv({ MARKET_SOURCE: "replay", REPLAY_FILES: "no/such/file.gz" });
    await expect(openMarketSource(env, createManualClock(), quiet, repoRoot)).rejects.toThrow(ConfigError);
    await expect(openMarketSource(env, createManualClock(), quiet, repoRoot)).rejects.toThrow(/REPLAY_FILES: not found: .*no\/such\/file\.gz/);
    const dir = mkdtempSync(join(tmpdir(), "replay-bad-"));
    writeFileSync(join(dir, "notes.txt"), "hello\nworld\n");
    const bad = parseEnv({ MARKET_SOURCE: "replay", REPLAY_FILES: join(dir, "notes.txt") });
    await expect(openMarketSource(bad, createManualClock(), quiet, repoRoot)).rejects.toThrow(/REPLAY_FILES: /);
  });

  it("builds the live source with the public-API step of the cold chain, without connecting until asked", async () => {
    const { source, publicApi } = await openMarketSource(parseEnv({ MARKET_SOURCE: "live", LIVE_VENUES: "binance,kraken" }), createManualClock(), quiet, repoRoot);
    expect(source.kind).toBe("live");
    expect([...source.venuesFor("BTC-USD")].sort()).toEqual(["binance", "kraken"]);
    expect(typeof publicApi).toBe("function");
    source.stop();
  });
});
