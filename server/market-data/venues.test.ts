import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS, SPOT_VENUES, VENUES, isPerpSymbol } from "@/lib/contracts/common";
import {
  UnknownFeeTierError,
  UnknownVenueError,
  feesFor,
  getVenue,
  instrumentFor,
  listVenues,
  symbolForVenueSymbol,
  tierForVolume,
  venuesListing,
} from "./venues";

const decimalsOf = (x: number) => {
  const s = x.toString();
  if (s.includes("e-")) return Number(s.split("e-")[1]);
  return s.includes(".") ? (s.split(".")[1] as string).length : 0;
};

describe("venue registry", () => {
  it("lists the seven spot venues and the two Binance perpetuals in canonical order", () => {
    expect(listVenues().map((v) => v.id)).toEqual([...VENUES]);
    expect(VENUES).toHaveLength(9);
    expect(listVenues().filter((v) => v.kind === "spot")).toHaveLength(7);
    expect(listVenues().filter((v) => v.kind === "perp").map((v) => v.id)).toEqual(["binance-usdm", "binance-coinm"]);
  });

  it("keeps the simulated market on the seven spot venues; replay and live also get the perpetuals", () => {
    expect(venuesListing("BTC-USD", "simulated")).toEqual(["binance", "coinbase", "kraken", "okx", "bybit", "bitget", "cryptocom"]);
    // Spot and perp are separate instruments: BTC-USD is the seven spot venues on every source.
    expect(venuesListing("BTC-USD", "replay")).toEqual([...SPOT_VENUES]);
    expect(venuesListing("BTC-USD-PERP", "replay")).toEqual(["binance-usdm", "binance-coinm"]);
    expect(venuesListing("BTC-USD-PERP", "simulated")).toEqual([]);
    expect(venuesListing("ETH-USD", "live")).not.toContain("binance-usdm");
  });

  it("describes the Binance perpetuals: fees, specs, the inverse contract", () => {
    expect(feesFor("binance-usdm")).toMatchObject({ tier: "VIP0", makerBps: 2, takerBps: 5 });
    expect(feesFor("binance-coinm")).toMatchObject({ tier: "VIP0", makerBps: 2, takerBps: 5 });
    expect(instrumentFor("binance-usdm", "BTC-USD-PERP")).toMatchObject({ venueSymbol: "BTCUSDT", quote: "USDT", tickSize: 0.1, lotSize: 0.001, minNotional: 100 });
    expect(instrumentFor("binance-usdm", "BTC-USD-PERP")?.contract).toBeUndefined();
    expect(instrumentFor("binance-coinm", "BTC-USD-PERP")).toMatchObject({ venueSymbol: "BTCUSD_PERP", quote: "USD", tickSize: 0.1, contract: { kind: "inverse", sizeUsd: 100 } });
  });

  it("maps venue symbols back to ours", () => {
    expect(symbolForVenueSymbol("binance", "BTCUSDT")).toBe("BTC-USD");
    // The same venue symbol is spot on Binance and the perp on USD-M.
    expect(symbolForVenueSymbol("binance-usdm", "btcusdt")).toBe("BTC-USD-PERP");
    expect(symbolForVenueSymbol("binance-coinm", "BTCUSD_PERP")).toBe("BTC-USD-PERP");
    expect(symbolForVenueSymbol("kraken", "XBT/USD")).toBe("BTC-USD");
    expect(symbolForVenueSymbol("binance-coinm", "ETHUSD_PERP")).toBeUndefined();
  });

  it("lists spot instruments only on spot venues and perp instruments only on perp venues", () => {
    for (const v of listVenues()) {
      for (const [id, spec] of Object.entries(v.instruments)) {
        expect(spec.symbol, `${v.id} ${id}`).toBe(id);
        expect(isPerpSymbol(id), `${v.id} ${id}`).toBe(v.kind === "perp");
      }
    }
  });

  it("rejects an unknown venue id", () => {
    expect(() => getVenue("ftx")).toThrow(UnknownVenueError);
  });

  it("has base-tier fees matching the cited schedules", () => {
    expect(feesFor("binance")).toMatchObject({ tier: "VIP0", makerBps: 10, takerBps: 10 });
    expect(feesFor("coinbase")).toMatchObject({ makerBps: 60, takerBps: 120 });
    expect(feesFor("kraken")).toMatchObject({ makerBps: 25, takerBps: 40 });
    expect(feesFor("okx")).toMatchObject({ makerBps: 8, takerBps: 10 });
    expect(feesFor("bybit")).toMatchObject({ makerBps: 10, takerBps: 10 });
    expect(feesFor("bitget")).toMatchObject({ makerBps: 10, takerBps: 10 });
  });

  it("resolves a configured tier and rejects an unknown one", () => {
    expect(feesFor("coinbase", "VIP 3")).toEqual({ venue: "coinbase", tier: "VIP 3", makerBps: 0, takerBps: 12 });
    expect(feesFor("okx", "VIP6").makerBps).toBeLessThan(0); // maker rebate
    expect(() => feesFor("binance", "VIP42")).toThrow(UnknownFeeTierError);
  });

  it("orders every fee table from the base tier up, with takers never paid less than makers", () => {
    for (const v of listVenues()) {
      expect(v.feeSchedule.url).toMatch(/^https:\/\//);
      v.feeTiers.forEach((t, i) => {
        expect(t.takerBps).toBeGreaterThanOrEqual(t.makerBps);
        if (i > 0) {
          const prev = v.feeTiers[i - 1]!;
          expect(t.minVolume30dUsd).toBeGreaterThan(prev.minVolume30dUsd);
          expect(t.takerBps).toBeLessThanOrEqual(prev.takerBps);
        }
      });
      expect(v.feeTiers[0]?.minVolume30dUsd).toBe(0);
    }
  });

  it("picks the tier a volume reaches", () => {
    expect(tierForVolume("kraken", 0).name).toBe("0-10K");
    expect(tierForVolume("kraken", 75_000).name).toBe("50K-100K");
    expect(tierForVolume("binance", 1e12).name).toBe("VIP9");
  });

  it("has a plausible latency profile per venue", () => {
    for (const v of listVenues()) {
      expect(v.latency.medianMs).toBeGreaterThan(0);
      expect(v.latency.p99Ms).toBeGreaterThan(v.latency.medianMs);
      expect(v.status).toBe("ok");
    }
  });

  it("lists every default symbol on at least five venues with sane, power-of-ten grids", () => {
    for (const symbol of DEFAULT_SYMBOLS) {
      const venues = venuesListing(symbol);
      expect(venues.length).toBeGreaterThanOrEqual(5);
      for (const venue of venues) {
        const spec = instrumentFor(venue, symbol)!;
        expect(spec.symbol).toBe(symbol);
        for (const step of [spec.tickSize, spec.lotSize]) {
          expect(step).toBeGreaterThan(0);
          // the simulator and the unit helpers assume decimal grids
          expect(Math.abs(Math.log10(step) - Math.round(Math.log10(step)))).toBeLessThan(1e-9);
          expect(decimalsOf(step)).toBeLessThanOrEqual(10);
        }
        expect(spec.minQty).toBeGreaterThanOrEqual(spec.lotSize);
        expect(spec.minNotional).toBeGreaterThanOrEqual(0);
      }
    }
    expect(instrumentFor("binance", "PEPE-USD")).toBeUndefined();
  });
});
