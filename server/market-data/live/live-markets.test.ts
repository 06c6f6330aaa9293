import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS, isPerpSymbol } from "@/lib/contracts/common";
import { getVenue, instrumentFor } from "../venues";
import { LIVE_MARKETS, LIVE_VENUES, liveMarketFor, symbolForCcxtMarket } from "./live-markets";

describe("live market table", () => {
  it("covers every default symbol on all seven venues", () => {
    for (const venue of LIVE_VENUES) for (const s of DEFAULT_SYMBOLS) expect(liveMarketFor(venue, s), `${venue} ${s}`).toBeDefined();
  });

  it("agrees with the venue registry on quote and venue market id", () => {
    for (const venue of LIVE_VENUES) {
      const table = LIVE_MARKETS[venue];
      for (const s of DEFAULT_SYMBOLS) {
        const spec = instrumentFor(venue, s);
        const m = table.markets[s];
        expect(spec, `${venue} ${s}`).toBeDefined();
        expect(table.quote, venue).toBe(spec?.quote);
        // The ccxt market is quoted in the venue's family: BTC/USDT on a USDT venue.
        expect(m?.ccxt.split("/")[1], `${venue} ${s}`).toBe(table.quote);
        expect(m?.ccxt.split("/")[0]).toBe(s.split("-")[0]);
        // Kraken's registry id is the wsname ("XBT/USD"); REST takes the altname ("XBTUSD").
        expect(m?.rest.replace("/", ""), `${venue} ${s}`).toBe(spec?.venueSymbol.replace("/", ""));
      }
    }
  });

  it("states the decided families: USDT books stand in on four venues", () => {
    expect(LIVE_VENUES.filter((v) => LIVE_MARKETS[v].quote === "USDT")).toEqual(["binance", "okx", "bybit", "bitget"]);
    expect(liveMarketFor("cryptocom", "BTC-USD")).toEqual({ ccxt: "BTC/USD", rest: "BTC_USD" });
    expect(liveMarketFor("kraken", "DOGE-USD")).toEqual({ ccxt: "DOGE/USD", rest: "XDGUSD" });
  });

  it("keys every live market by an instrument its venue lists, spot on spot venues (a perp would be BASE-USD-PERP)", () => {
    for (const venue of LIVE_VENUES) {
      for (const instrument of Object.keys(LIVE_MARKETS[venue].markets)) {
        expect(instrumentFor(venue, instrument), `${venue} ${instrument}`).toBeDefined();
        expect(isPerpSymbol(instrument), `${venue} ${instrument}`).toBe(getVenue(venue).kind === "perp");
      }
    }
    expect(liveMarketFor("binance", "BTC-USD-PERP")).toBeUndefined();
  });

  it("maps back from ccxt markets and rejects unknown venues and symbols", () => {
    expect(symbolForCcxtMarket("binance", "ETH/USDT")).toBe("ETH-USD");
    expect(symbolForCcxtMarket("binance", "ETH/USD")).toBeUndefined();
    expect(liveMarketFor("binance", "PEPE-USD")).toBeUndefined();
    expect(liveMarketFor("nowhere", "BTC-USD")).toBeUndefined();
  });
});
