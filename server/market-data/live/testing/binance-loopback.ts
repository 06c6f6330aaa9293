/**
 * Test-only loopback server speaking enough of Binance spot's public protocol for ccxt's
 * binance watchOrderBook / watchTrades / fetchOrderBook / loadMarkets, fed by a recorded
 * session. Real sockets on 127.0.0.1, ephemeral port.
 *
 * It behaves like the venue, not like a replay file: it keeps the venue-side book (the
 * recorded snapshot plus every recorded diff played so far) and answers REST depth from
 * it with the current lastUpdateId, so any client can sync at any point (ccxt fetches a
 * new snapshot on every (re)subscription). Stream messages are only sent to connections
 * that subscribed (`{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":n}` ->
 * `{"result":null,"id":n}`), in the raw `/ws` format (the event object, no wrapper).
 *
 * The test drives time: advance(n) plays the next n recorded messages. Faults:
 * skipNextDepth() applies the next diff to the venue book but does not send it (a lost
 * message: the client sees a sequence gap); dropConnections() kills every socket;
 * depthDelayMs slows REST depth answers per request path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import type { BinanceRecording, DepthEvent, PriceQty, StreamMessage } from "./read-binance-recording";

export interface BinanceLoopbackOptions {
  recording: BinanceRecording;
  /** Delay (ms) of the nth (0-based) REST depth request, by its path. */
  depthDelayMs?: (path: string, nth: number) => number;
}

export interface BinanceLoopback {
  /** http://127.0.0.1:port */
  readonly baseUrl: string;
  /** What to merge into ccxt binance's `urls` to point it here. */
  readonly ccxtUrls: Record<string, unknown>;
  /** Base for the public-API fallback (the data-api host stand-in: a different path). */
  readonly publicApiBase: string;
  /** Index of the next recorded message to play. */
  readonly cursor: number;
  /** Plays the next n recorded messages (fewer at the end of the recording). */
  advance(n: number): void;
  /** Plays messages until the venue book's lastUpdateId reaches at least `u`. */
  advanceToUpdate(u: number): void;
  skipNextDepth(): void;
  dropConnections(): void;
  /** The venue book's current lastUpdateId. */
  readonly lastUpdateId: number;
  /** Paths of the REST depth requests served so far. */
  readonly depthRequests: readonly string[];
  /** Streams subscribed on currently open connections. */
  subscribedStreams(): string[];
  openConnections(): number;
  /** Depth diffs sent to clients (not skipped) so far. */
  readonly depthSent: number;
  close(): Promise<void>;
}

const EXCHANGE_INFO = {
  timezone: "UTC",
  serverTime: 1723161254000,
  rateLimits: [{ rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: 6000 }],
  exchangeFilters: [],
  symbols: [
    {
      symbol: "BTCUSDT",
      status: "TRADING",
      baseAsset: "BTC",
      baseAssetPrecision: 8,
      quoteAsset: "USDT",
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
      icebergAllowed: true,
      ocoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: true,
      filters: [
        { filterType: "PRICE_FILTER", minPrice: "0.01000000", maxPrice: "1000000.00000000", tickSize: "0.01000000" },
        { filterType: "LOT_SIZE", minQty: "0.00001000", maxQty: "9000.00000000", stepSize: "0.00001000" },
        { filterType: "NOTIONAL", minNotional: "5.00000000", applyMinToMarket: true, maxNotional: "9000000.00000000", applyMaxToMarket: false, avgPriceMins: 5 },
      ],
      permissions: [],
      permissionSets: [["SPOT", "MARGIN"]],
      defaultSelfTradePreventionMode: "EXPIRE_MAKER",
      allowedSelfTradePreventionModes: ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
    },
  ],
};

interface Conn {
  ws: WebSocket;
  streams: Set<string>;
}

export async function startBinanceLoopback(options: BinanceLoopbackOptions): Promise<BinanceLoopback> {
  const { recording } = options;
  const bids = new Map<string, string>();
  const asks = new Map<string, string>();
  for (const [p, q] of recording.snapshot.bids) bids.set(p, q);
  for (const [p, q] of recording.snapshot.asks) asks.set(p, q);
  let lastUpdateId = recording.snapshot.lastUpdateId;

  // Start at the diff that straddles the snapshot (spot rule U <= id+1 <= u); earlier
  // messages happened before this "venue" existed.
  let cursor = recording.messages.findIndex((m) => isDepth(m) && m.data.U <= lastUpdateId + 1 && m.data.u >= lastUpdateId + 1);
  if (cursor < 0) throw new Error("recording has no diff straddling its snapshot");

  const conns = new Set<Conn>();
  const depthRequests: string[] = [];
  const pendingAnswers = new Set<ReturnType<typeof setTimeout>>();
  let skipDepth = false;
  let depthSent = 0;

  const applyDiff = (d: DepthEvent) => {
    for (const [p, q] of d.b) setLevel(bids, p, q);
    for (const [p, q] of d.a) setLevel(asks, p, q);
    lastUpdateId = d.u;
  };

  const deliver = (msg: StreamMessage) => {
    const payload = JSON.stringify(msg.data);
    for (const c of conns) if (c.streams.has(msg.stream) && c.ws.readyState === c.ws.OPEN) c.ws.send(payload);
  };

  const playOne = (): boolean => {
    const msg = recording.messages[cursor];
    if (!msg) return false;
    cursor++;
    if (isDepth(msg)) {
      applyDiff(msg.data);
      if (skipDepth) {
        skipDepth = false;
        return true;
      }
      depthSent++;
    }
    deliver(msg);
    return true;
  };

  const depthBody = (limit: number) => ({
    lastUpdateId,
    bids: topLevels(bids, limit, true),
    asks: topLevels(asks, limit, false),
  });

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.endsWith("/api/v3/exchangeInfo")) return json(res, 200, EXCHANGE_INFO);
    if (url.pathname.endsWith("/api/v3/depth")) {
      if (url.searchParams.get("symbol") !== "BTCUSDT") return json(res, 400, { code: -1121, msg: "Invalid symbol." });
      const nth = depthRequests.length;
      depthRequests.push(url.pathname);
      const limit = Number(url.searchParams.get("limit") ?? "100");
      const delay = options.depthDelayMs?.(url.pathname, nth) ?? 0;
      // The book is read when the answer is sent, as a venue answering late would.
      if (delay <= 0) return json(res, 200, depthBody(limit));
      const timer = setTimeout(() => {
        pendingAnswers.delete(timer);
        if (!res.destroyed) json(res, 200, depthBody(limit));
      }, delay);
      pendingAnswers.add(timer);
      return;
    }
    json(res, 404, { code: -1, msg: `no route ${url.pathname}` });
  });

  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (ws) => {
    const conn: Conn = { ws, streams: new Set() };
    conns.add(conn);
    ws.on("close", () => conns.delete(conn));
    ws.on("message", (raw) => {
      let msg: { method?: string; params?: string[]; id?: number };
      try {
        msg = JSON.parse(String(raw)) as typeof msg;
      } catch {
        return;
      }
      if (msg.method === "SUBSCRIBE") for (const s of msg.params ?? []) conn.streams.add(s);
      else if (msg.method === "UNSUBSCRIBE") for (const s of msg.params ?? []) conn.streams.delete(s);
      else return;
      ws.send(JSON.stringify({ result: null, id: msg.id }));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    // ccxt tells spot from futures by "/stream" in the socket URL (binance isSpotUrl), as
    // the real host stream.binance.com has; keep it in the path.
    ccxtUrls: { api: { ws: { spot: `ws://127.0.0.1:${port}/stream/ws` }, public: `${baseUrl}/api/v3` } },
    publicApiBase: `${baseUrl}/data-api`,
    get cursor() {
      return cursor;
    },
    advance(n) {
      for (let i = 0; i < n && playOne(); i++);
    },
    advanceToUpdate(u) {
      while (lastUpdateId < u && playOne());
    },
    skipNextDepth() {
      skipDepth = true;
    },
    dropConnections() {
      for (const c of conns) c.ws.terminate();
    },
    get lastUpdateId() {
      return lastUpdateId;
    },
    get depthRequests() {
      return depthRequests;
    },
    get depthSent() {
      return depthSent;
    },
    subscribedStreams() {
      const all = new Set<string>();
      for (const c of conns) for (const s of c.streams) all.add(s);
      return [...all].sort();
    },
    openConnections() {
      return conns.size;
    },
    async close() {
      for (const t of pendingAnswers) clearTimeout(t);
      pendingAnswers.clear();
      for (const c of conns) c.ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function isDepth(m: StreamMessage): m is { stream: string; data: DepthEvent } {
  return m.data.e === "depthUpdate";
}

function setLevel(side: Map<string, string>, price: string, qty: string): void {
  if (Number(qty) === 0) side.delete(price);
  else side.set(price, qty);
}

function topLevels(side: Map<string, string>, limit: number, descending: boolean): PriceQty[] {
  const rows = [...side.entries()].map(([p, q]) => [p, q] as PriceQty);
  rows.sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
  return rows.slice(0, limit);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
