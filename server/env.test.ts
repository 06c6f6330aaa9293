import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the simulated market with replay settings at recorded pace, looping", () => {
    const env = parseEnv({});
    expect(env.MARKET_SOURCE).toBe("simulated");
    expect(env.REPLAY_FILES).toEqual([]);
    expect(env.REPLAY_SPEED).toBe(1);
    expect(env.REPLAY_LOOP).toBe(true);
    expect(env.LIVE_VENUES).toEqual([]);
  });

  it("reads replay files as a comma-separated list and the loop flag", () => {
    const env = parseEnv({ MARKET_SOURCE: "replay", REPLAY_FILES: " a.gz, b.csv ,", REPLAY_SPEED: "10", REPLAY_LOOP: "0" });
    expect(env.MARKET_SOURCE).toBe("replay");
    expect(env.REPLAY_FILES).toEqual(["a.gz", "b.csv"]);
    expect(env.REPLAY_SPEED).toBe(10);
    expect(env.REPLAY_LOOP).toBe(false);
  });

  it("names the variable when a value is bad", () => {
    expect(() => parseEnv({ MARKET_SOURCE: "paper" })).toThrow(/MARKET_SOURCE/);
    expect(() => parseEnv({ REPLAY_SPEED: "0" })).toThrow(/REPLAY_SPEED/);
    expect(() => parseEnv({ LIVE_VENUES: "binance,mtgox" })).toThrow(ConfigError);
    expect(() => parseEnv({ LIVE_VENUES: "binance,mtgox" })).toThrow(/LIVE_VENUES/);
  });
});
