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

  it("reads the load-shedding limits, with defaults for a 2-core machine", () => {
    const d = parseEnv({});
    expect([d.ADMISSION_MAX_IN_FLIGHT, d.ADMISSION_MAX_LOOP_DELAY_MS, d.ADMISSION_MAX_PER_DESK, d.MAX_WORKING_ORDERS]).toEqual([32, 8, 16, 100]);
    const env = parseEnv({ ADMISSION_MAX_IN_FLIGHT: "8", ADMISSION_MAX_LOOP_DELAY_MS: "20", ADMISSION_MAX_PER_DESK: "4", MAX_WORKING_ORDERS: "10" });
    expect([env.ADMISSION_MAX_IN_FLIGHT, env.ADMISSION_MAX_LOOP_DELAY_MS, env.ADMISSION_MAX_PER_DESK, env.MAX_WORKING_ORDERS]).toEqual([8, 20, 4, 10]);
    expect(() => parseEnv({ ADMISSION_MAX_IN_FLIGHT: "0" })).toThrow(/ADMISSION_MAX_IN_FLIGHT/);
    expect(() => parseEnv({ MAX_WORKING_ORDERS: "many" })).toThrow(/MAX_WORKING_ORDERS/);
  });
});
