/**
 * The only file that touches ccxt: builds one ccxt.pro exchange per venue and narrows it
 * to the four calls the live source makes, so the source can be driven by a fake in unit
 * tests. Public market data only: no API keys are ever passed.
 */
import { pro } from "ccxt";
import type { RawBook, RawTrade } from "./convert-book";
import { LIVE_MARKETS, type LiveVenue } from "./live-markets";

export interface LiveExchange {
  /** Resolves with the venue's book after the next update (ccxt keeps it in sync). */
  watchOrderBook(symbol: string): Promise<RawBook>;
  /** Resolves with the trades received since the previous call. */
  watchTrades(symbol: string): Promise<RawTrade[]>;
  /** One REST depth snapshot. */
  fetchOrderBook(symbol: string, limit: number): Promise<RawBook>;
  /** Loads the venue's market list (ccxt needs it before any other call; cached after). */
  loadMarkets(): Promise<unknown>;
  /** Closes every socket; pending watchers reject. */
  close(): Promise<unknown>;
}

export interface CcxtExchangeOptions {
  /**
   * Deep-merged into the exchange's `urls` (e.g. `{ api: { ws: { spot }, public } }` for
   * Binance): points ccxt at a proxy or a loopback test server.
   */
  urls?: Record<string, unknown>;
}

/** Recursive merge of plain objects; arrays and scalars in `patch` replace. */
export function mergeDeep(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const prev = out[key];
    const bothObjects = isPlainObject(prev) && isPlainObject(value);
    out[key] = bothObjects ? mergeDeep(prev, value) : value;
  }
  return out;
}

function hasPlainWsUrl(v: unknown): boolean {
  if (typeof v === "string") return v.startsWith("ws://");
  return isPlainObject(v) && Object.values(v).some(hasPlainWsUrl);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

type ProClass = new (config: Record<string, unknown>) => {
  urls: unknown;
  watchOrderBook(symbol: string): Promise<RawBook>;
  watchTrades(symbol: string): Promise<RawTrade[]>;
  fetchOrderBook(symbol: string, limit?: number): Promise<RawBook>;
  close(): Promise<unknown>;
  loadMarkets(): Promise<unknown>;
  loadHttpProxyAgent(): Promise<unknown>;
};

export function createCcxtExchange(venue: LiveVenue, options: CcxtExchangeOptions = {}): LiveExchange {
  const spec = LIVE_MARKETS[venue];
  const Cls = (pro as unknown as Record<string, ProClass | undefined>)[spec.ccxtId];
  if (!Cls) throw new Error(`ccxt.pro has no exchange "${spec.ccxtId}"`);
  // enableRateLimit: ccxt spaces REST calls (snapshots, market loading) to the venue's
  // published limits, so resyncs after gaps cannot get the IP banned.
  const ex = new Cls({ enableRateLimit: true, options: { ...spec.ccxtOptions } });
  if (options.urls) ex.urls = mergeDeep(isPlainObject(ex.urls) ? ex.urls : {}, options.urls);
  // ccxt refuses plain ws:// URLs (used by loopback tests and local proxies) until its
  // node:http agent is loaded; venues themselves are wss:// and never need it.
  const ready = hasPlainWsUrl(options.urls) ? ex.loadHttpProxyAgent() : undefined;
  const after = async <T>(call: () => Promise<T>): Promise<T> => {
    if (ready) await ready;
    return call();
  };
  return {
    watchOrderBook: (symbol) => after(() => ex.watchOrderBook(symbol)),
    watchTrades: (symbol) => after(() => ex.watchTrades(symbol)),
    fetchOrderBook: (symbol, limit) => after(() => ex.fetchOrderBook(symbol, limit)),
    loadMarkets: () => ex.loadMarkets(),
    close: () => ex.close(),
  };
}
