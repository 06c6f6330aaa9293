/**
 * The one table that maps our symbols to each live venue's markets.
 *
 * Keys are instrument ids (lib/contracts/common.ts). The live source carries spot books
 * only, all BASE-USD; a perpetual added here is keyed BASE-USD-PERP like the registry's
 * (venues.ts), never under the spot id, so it gets its own book, NBBO and mid.
 *
 * Venues whose deepest spot book is quoted in USDT serve the
 * -USD symbol from that book (the same stand-in venues.ts documents with `quote`); the
 * quote family is stated per venue so a consumer can tell USD from USDT prices. Crypto.com
 * Exchange: its spot books are listed in both USD and USDT; venues.ts models the USD book
 * (BTC_USD), so the live source uses it too. Coinbase's -USD books also absorb USDC
 * orders (Coinbase merged the USDC books into USD), which is why the family is "USD".
 *
 * Per symbol two names: the ccxt unified market (what watchOrderBook/fetchOrderBook take)
 * and the id the venue's plain public REST depth endpoint expects (the public-API
 * fallback of the cold chain), which differs from ccxt's for Kraken (XBT, XDG altnames).
 */
import type { SymbolId, VenueId } from "../types";

/** The seven spot venues the live source knows how to reach. */
export const LIVE_VENUES = ["binance", "coinbase", "kraken", "okx", "bybit", "bitget", "cryptocom"] as const satisfies readonly VenueId[];
export type LiveVenue = (typeof LIVE_VENUES)[number];

export type QuoteFamily = "USD" | "USDT";

export interface LiveMarket {
  /** ccxt unified symbol, e.g. "BTC/USDT". */
  ccxt: string;
  /** The venue's own id for its public REST depth endpoint, e.g. "BTCUSDT", "XBTUSD". */
  rest: string;
}

export interface LiveVenueMarkets {
  /** ccxt exchange id (a key of ccxt.pro). */
  ccxtId: string;
  quote: QuoteFamily;
  /** ccxt options that keep start-up to what we use (e.g. spot markets only). */
  ccxtOptions: Record<string, unknown>;
  markets: Readonly<Record<SymbolId, LiveMarket>>;
}

const usdt = (base: string, rest: string): LiveMarket => ({ ccxt: `${base}/USDT`, rest });
const usd = (base: string, rest: string): LiveMarket => ({ ccxt: `${base}/USD`, rest });

export const LIVE_MARKETS: Readonly<Record<LiveVenue, LiveVenueMarkets>> = {
  binance: {
    ccxtId: "binance",
    quote: "USDT",
    // Only spot exchangeInfo: the default also loads USD-M and COIN-M futures (two more
    // large requests on every start) which the spot books never use.
    ccxtOptions: { defaultType: "spot", fetchMarkets: { types: ["spot"] } },
    markets: {
      "BTC-USD": usdt("BTC", "BTCUSDT"),
      "ETH-USD": usdt("ETH", "ETHUSDT"),
      "SOL-USD": usdt("SOL", "SOLUSDT"),
      "XRP-USD": usdt("XRP", "XRPUSDT"),
      "DOGE-USD": usdt("DOGE", "DOGEUSDT"),
    },
  },
  coinbase: {
    ccxtId: "coinbase",
    quote: "USD",
    ccxtOptions: {},
    markets: {
      "BTC-USD": usd("BTC", "BTC-USD"),
      "ETH-USD": usd("ETH", "ETH-USD"),
      "SOL-USD": usd("SOL", "SOL-USD"),
      "XRP-USD": usd("XRP", "XRP-USD"),
      "DOGE-USD": usd("DOGE", "DOGE-USD"),
    },
  },
  kraken: {
    ccxtId: "kraken",
    quote: "USD",
    ccxtOptions: {},
    // ccxt normalises Kraken's XBT/XDG to BTC/DOGE; the REST Depth endpoint wants altnames.
    markets: {
      "BTC-USD": usd("BTC", "XBTUSD"),
      "ETH-USD": usd("ETH", "ETHUSD"),
      "SOL-USD": usd("SOL", "SOLUSD"),
      "XRP-USD": usd("XRP", "XRPUSD"),
      "DOGE-USD": usd("DOGE", "XDGUSD"),
    },
  },
  okx: {
    ccxtId: "okx",
    quote: "USDT",
    ccxtOptions: { defaultType: "spot" },
    markets: {
      "BTC-USD": usdt("BTC", "BTC-USDT"),
      "ETH-USD": usdt("ETH", "ETH-USDT"),
      "SOL-USD": usdt("SOL", "SOL-USDT"),
      "XRP-USD": usdt("XRP", "XRP-USDT"),
      "DOGE-USD": usdt("DOGE", "DOGE-USDT"),
    },
  },
  bybit: {
    ccxtId: "bybit",
    quote: "USDT",
    ccxtOptions: { defaultType: "spot" },
    markets: {
      "BTC-USD": usdt("BTC", "BTCUSDT"),
      "ETH-USD": usdt("ETH", "ETHUSDT"),
      "SOL-USD": usdt("SOL", "SOLUSDT"),
      "XRP-USD": usdt("XRP", "XRPUSDT"),
      "DOGE-USD": usdt("DOGE", "DOGEUSDT"),
    },
  },
  bitget: {
    ccxtId: "bitget",
    quote: "USDT",
    ccxtOptions: { defaultType: "spot" },
    markets: {
      "BTC-USD": usdt("BTC", "BTCUSDT"),
      "ETH-USD": usdt("ETH", "ETHUSDT"),
      "SOL-USD": usdt("SOL", "SOLUSDT"),
      "XRP-USD": usdt("XRP", "XRPUSDT"),
      "DOGE-USD": usdt("DOGE", "DOGEUSDT"),
    },
  },
  cryptocom: {
    ccxtId: "cryptocom",
    quote: "USD",
    ccxtOptions: { defaultType: "spot" },
    markets: {
      "BTC-USD": usd("BTC", "BTC_USD"),
      "ETH-USD": usd("ETH", "ETH_USD"),
      "SOL-USD": usd("SOL", "SOL_USD"),
      "XRP-USD": usd("XRP", "XRP_USD"),
      "DOGE-USD": usd("DOGE", "DOGE_USD"),
    },
  },
};

export function isLiveVenue(venue: string): venue is LiveVenue {
  return (LIVE_VENUES as readonly string[]).includes(venue);
}

/** The venue's market for our symbol, or undefined if the venue is not live or lacks it. */
export function liveMarketFor(venue: VenueId | string, symbol: SymbolId): LiveMarket | undefined {
  return isLiveVenue(venue) ? LIVE_MARKETS[venue].markets[symbol] : undefined;
}

/** Our symbol for a venue's ccxt market, or undefined. */
export function symbolForCcxtMarket(venue: LiveVenue, ccxtSymbol: string): SymbolId | undefined {
  for (const [symbol, m] of Object.entries(LIVE_MARKETS[venue].markets)) if (m.ccxt === ccxtSymbol) return symbol;
  return undefined;
}
