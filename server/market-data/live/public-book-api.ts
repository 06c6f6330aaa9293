/**
 * The last step of the cold chain: each venue's plain public REST depth endpoint, called
 * with fetch instead of ccxt. It shares no code path with ccxt (no market loading, no
 * rate-limit queue, and for Binance and Coinbase a different host), so it still answers
 * when ccxt's REST path is slow or broken.
 *
 * Request builders and response parsers are pure; the formats are the venues' documented
 * public responses (the same ones ccxt's fetchOrderBook parses). A response the parser
 * does not recognise yields undefined, never a guessed book.
 */
import type { Level } from "../types";
import type { LiveVenue } from "./live-markets";

/** Default public base URL per venue (override per venue for tests or proxies). */
export const PUBLIC_API_BASE: Readonly<Record<LiveVenue, string>> = {
  // data-api.binance.vision is Binance's market-data-only host, separate from api.binance.com.
  binance: "https://data-api.binance.vision",
  // Coinbase Exchange's public book, separate from the Advanced Trade API ccxt uses.
  coinbase: "https://api.exchange.coinbase.com",
  kraken: "https://api.kraken.com",
  okx: "https://www.okx.com",
  bybit: "https://api.bybit.com",
  bitget: "https://api.bitget.com",
  cryptocom: "https://api.crypto.com",
};

/** Path and query of the depth request for the venue's market id. */
export function publicBookPath(venue: LiveVenue, restSymbol: string): string {
  const s = encodeURIComponent(restSymbol);
  switch (venue) {
    case "binance":
      return `/api/v3/depth?symbol=${s}&limit=100`;
    case "coinbase":
      return `/products/${s}/book?level=2`;
    case "kraken":
      return `/0/public/Depth?pair=${s}&count=100`;
    case "okx":
      return `/api/v5/market/books?instId=${s}&sz=100`;
    case "bybit":
      return `/v5/market/orderbook?category=spot&symbol=${s}&limit=50`;
    case "bitget":
      return `/api/v2/spot/market/orderbook?symbol=${s}&type=step0&limit=100`;
    case "cryptocom":
      // get-book allows at most 50 levels.
      return `/exchange/v1/public/get-book?instrument_name=${s}&depth=50`;
  }
}

export interface ParsedPublicBook {
  bids: Level[];
  asks: Level[];
  /** The venue's sequence/update id when the endpoint reports one. */
  seq?: number;
}

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** [[price, qty, ...], ...] with numbers or numeric strings; undefined if malformed. */
function parseLevels(v: Json): Level[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Level[] = [];
  for (const row of v) {
    if (!Array.isArray(row) || row.length < 2) return undefined;
    const price = Number(row[0]);
    const qty = Number(row[1]);
    if (!Number.isFinite(price) || !Number.isFinite(qty)) return undefined;
    if (price > 0 && qty > 0) out.push({ price, qty });
  }
  return out;
}

function sides(v: Json, bidKey: string, askKey: string, seq?: Json): ParsedPublicBook | undefined {
  if (!isRecord(v)) return undefined;
  const bids = parseLevels(v[bidKey]);
  const asks = parseLevels(v[askKey]);
  if (!bids || !asks) return undefined;
  const n = Number(seq);
  return seq !== undefined && seq !== null && Number.isFinite(n) ? { bids, asks, seq: n } : { bids, asks };
}

/** The venue's depth response -> levels, or undefined if it is an error or unrecognised. */
export function parsePublicBook(venue: LiveVenue, body: Json): ParsedPublicBook | undefined {
  if (!isRecord(body)) return undefined;
  switch (venue) {
    case "binance":
      // {"lastUpdateId":1,"bids":[["61800.01","0.5"]],"asks":[...]}
      return sides(body, "bids", "asks", body.lastUpdateId);
    case "coinbase":
      // {"bids":[["61800.01","0.5",3]],"asks":[...],"sequence":123,"time":"..."}
      return sides(body, "bids", "asks", body.sequence);
    case "kraken": {
      // {"error":[],"result":{"XXBTZUSD":{"bids":[["61800.0","0.5",1723161600]],"asks":[...]}}}
      // The result key is Kraken's own pair name (XXBTZUSD), not the altname requested.
      if (Array.isArray(body.error) && body.error.length > 0) return undefined;
      if (!isRecord(body.result)) return undefined;
      const first = Object.values(body.result)[0];
      return sides(first, "bids", "asks");
    }
    case "okx": {
      // {"code":"0","data":[{"bids":[["61800.1","0.5","0","3"]],"asks":[...],"ts":"...","seqId":1}]}
      if (body.code !== "0" || !Array.isArray(body.data)) return undefined;
      const first: Json = body.data[0];
      return isRecord(first) ? sides(first, "bids", "asks", first.seqId) : undefined;
    }
    case "bybit": {
      // {"retCode":0,"result":{"s":"BTCUSDT","b":[["61800.01","0.5"]],"a":[...],"u":1,"seq":2}}
      if (body.retCode !== 0 || !isRecord(body.result)) return undefined;
      return sides(body.result, "b", "a", body.result.u);
    }
    case "bitget":
      // {"code":"00000","data":{"bids":[["61800.01","0.5"]],"asks":[...],"ts":"..."}}
      if (body.code !== "00000") return undefined;
      return sides(body.data, "bids", "asks");
    case "cryptocom": {
      // {"code":0,"result":{"instrument_name":"BTC_USD","data":[{"bids":[["61800.01","0.5","1"]],"asks":[...],"t":1}]}}
      if (body.code !== 0 || !isRecord(body.result) || !Array.isArray(body.result.data)) return undefined;
      return sides(body.result.data[0], "bids", "asks");
    }
  }
}
