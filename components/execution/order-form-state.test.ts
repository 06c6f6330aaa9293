import { describe, expect, it } from "vitest";
import { forecastPath, simulationPath } from "@/lib/queries/pretrade";
import {
  fieldErrorsFrom,
  formFieldOf,
  orderFormSearch,
  parseOrderForm,
  parseSimulateForm,
  validateForecast,
  validateSimulation,
} from "./order-form-state";

const q = (s: string) => new URLSearchParams(s);

describe("parseOrderForm", () => {
  it("fills defaults for an empty query", () => {
    expect(parseOrderForm(q(""))).toEqual({ symbol: "BTC-USD", side: "buy", qty: "1", exclude: [] });
  });

  it("reads a linked order, normalising case and the venue list", () => {
    expect(parseOrderForm(q("symbol=eth-usd&side=SELL&qty=25&exclude=okx,binance,nasdaq,okx"))).toEqual({
      symbol: "ETH-USD",
      side: "sell",
      qty: "25",
      exclude: ["binance", "okx"],
    });
  });

  it("falls back on an unknown symbol and its default size, and never excludes every venue", () => {
    const s = parseOrderForm(q("symbol=FOO-USD&side=hold&exclude=binance,coinbase,kraken,okx,bybit,bitget,cryptocom"));
    expect(s).toEqual({ symbol: "BTC-USD", side: "buy", qty: "1", exclude: [] });
    expect(parseOrderForm(q("symbol=DOGE-USD")).qty).toBe("500000");
  });

  it("keeps an invalid qty as typed so the form can say what is wrong", () => {
    expect(parseOrderForm(q("qty=ten")).qty).toBe("ten");
  });
});

describe("orderFormSearch", () => {
  it("round-trips through the URL with readable commas", () => {
    const state = parseOrderForm(q("symbol=ETH-USD&side=sell&qty=20000&exclude=binance,okx"));
    const search = orderFormSearch(state);
    expect(search).toBe("symbol=ETH-USD&side=sell&qty=20000&exclude=binance,okx");
    expect(parseOrderForm(q(search))).toEqual(state);
  });

  it("adds simulate extras only when they differ from the defaults", () => {
    const base = parseSimulateForm(q("symbol=BTC-USD&side=buy&qty=5"));
    expect(base).toMatchObject({ urgency: "medium", passiveOnly: false, maxCost: "", paths: "200", seed: "1" });
    expect(orderFormSearch(base)).toBe("symbol=BTC-USD&side=buy&qty=5");
    const custom = { ...base, urgency: "high" as const, passiveOnly: true, maxCost: "12.5", paths: "500", seed: "7" };
    const search = orderFormSearch(custom);
    expect(search).toBe("symbol=BTC-USD&side=buy&qty=5&urgency=high&passive=1&max_cost=12.5&paths=500&seed=7");
    expect(parseSimulateForm(q(search))).toEqual(custom);
  });
});

describe("field errors", () => {
  it("maps API fields (including nested zod paths) to form fields", () => {
    expect(formFieldOf("qty")).toBe("qty");
    expect(formFieldOf("exclude_venues.0")).toBe("exclude");
    expect(formFieldOf("max_cost_bps")).toBe("maxCost");
    expect(formFieldOf("passive_only")).toBe("passiveOnly");
    expect(formFieldOf("something_else")).toBeNull();
    expect(
      fieldErrorsFrom([
        { field: "qty", message: "qty must be > 0" },
        { field: "qty", message: "second message" },
        { field: "exclude_venues", message: "leave one venue" },
        { field: "", message: "body" },
      ]),
    ).toEqual({ qty: "qty must be > 0", exclude: "leave one venue" });
  });
});

describe("validateForecast", () => {
  it("accepts a valid order and builds the API query from it", () => {
    const v = validateForecast({ symbol: "ETH-USD", side: "sell", qty: " 2.5 ", exclude: ["binance", "okx"] });
    expect(v).toEqual({ ok: true, params: { symbol: "ETH-USD", side: "sell", qty: 2.5, excludeVenues: ["binance", "okx"] } });
    if (v.ok) expect(forecastPath(v.params)).toBe("/v1/execution/forecast?symbol=ETH-USD&side=sell&qty=2.5&exclude_venues=binance%2Cokx");
  });

  it("puts the contract's qty message on the qty field", () => {
    for (const qty of ["0", "-1", "ten", "", "1e30", "Infinity"]) {
      const v = validateForecast({ symbol: "BTC-USD", side: "buy", qty, exclude: [] });
      expect(v.ok, qty).toBe(false);
      if (!v.ok) expect(v.errors.qty, qty).toMatch(/qty/);
    }
  });

  it("refuses to exclude every venue", () => {
    const v = validateForecast({ symbol: "BTC-USD", side: "buy", qty: "1", exclude: ["binance", "coinbase", "kraken", "okx", "bybit", "bitget", "cryptocom"] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.exclude).toMatch(/at least one venue/);
  });
});

describe("validateSimulation", () => {
  const form = parseSimulateForm(q("symbol=BTC-USD&side=buy&qty=5"));

  it("fills the defaults and builds the API query", () => {
    const v = validateSimulation(form);
    expect(v).toEqual({
      ok: true,
      params: { symbol: "BTC-USD", side: "buy", qty: 5, excludeVenues: [], urgency: "medium", passiveOnly: false, maxCostBps: null, seed: 1, paths: 200 },
    });
    if (v.ok)
      expect(simulationPath(v.params)).toBe("/v1/execution/simulate?symbol=BTC-USD&side=buy&qty=5&urgency=medium&passive_only=false&seed=1&paths=200");
  });

  it("passes the cap, passive flag and a negative cap through", () => {
    const v = validateSimulation({ ...form, maxCost: "-500", passiveOnly: true, paths: "50" });
    expect(v.ok && v.params).toMatchObject({ maxCostBps: -500, passiveOnly: true, paths: 50 });
  });

  it("reports each bad extra on its own field", () => {
    const v = validateSimulation({ ...form, maxCost: "cheap", paths: "100000", seed: "-1" });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(Object.keys(v.errors).sort()).toEqual(["maxCost", "paths", "seed"]);
    }
  });
});
