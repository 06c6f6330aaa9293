/**
 * Market statistics from a recorded Binance stream (the hftbacktest format: one
 * `<receive time ns> <raw JSON>` per line; see recordings/README.md).
 * Pure: it takes lines, so the CLI (scripts/calibrate-sim.ts), tests and the replay
 * source can all feed it.
 *
 * The book is rebuilt with Binance's own sync procedure: diffs seen before the REST
 * snapshot are buffered, the snapshot is applied, the buffer is replayed through
 * OrderBook's sequence rule (see order-book.ts), and every gap is counted (there must be
 * none). Time-based statistics sample the state on a grid of *receive* time, so busy
 * moments are not over-weighted the way per-message statistics would be.
 */
import { OrderBook, type BookDelta, type BookUpdateResult } from "./order-book";
import {
  parseBinanceLine,
  type BinanceDepthLine,
  type BinanceSnapshotLine,
  type BinanceTickerLine,
  type BinanceTradeLine,
} from "./replay/parse-binance-line";
import { hillTailIndex, mean, quantileSorted, rms, sortedCopy } from "./sample-stats";

export const DEFAULT_DEPTH_BANDS_BPS = [1, 2, 5, 10, 25, 50, 100] as const;
const TRADE_QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;
const SECONDS_PER_YEAR = 365 * 24 * 3600; // crypto trades around the clock

export interface CalibrationOptions {
  bandsBps?: readonly number[];
  /** Grid for spread samples (ms of receive time). */
  spreadSampleMs?: number;
  /** Grid for depth samples. */
  depthSampleMs?: number;
  /** Interval of the mid returns used for volatility. */
  returnIntervalMs?: number;
}

export interface SideDepth {
  /** Median over samples of cumulative base quantity within each band of the book mid. */
  qty: number[];
  /** Same, in quote currency (USD/USDT) notional. */
  usd: number[];
  /** Median number of price levels within each band. */
  levels: number[];
  /** Samples per band: only instants when the band lay inside the snapshot's coverage count. NaN medians mean none. */
  samples: number[];
}

export interface RecordingCalibration {
  source: {
    lines: number;
    unparsed: number;
    bookTickers: number;
    depthDiffs: number;
    trades: number;
    snapshots: number;
    startMs: number;
    endMs: number;
    durationS: number;
  };
  sync: {
    bufferedBeforeSnapshot: number;
    applied: number;
    stale: number;
    gaps: number;
    crossed: number;
    refused: number;
  };
  spread: {
    fromBookTicker: { medianBps: number; meanBps: number; samples: number };
    fromBook: { medianBps: number; meanBps: number; samples: number };
  };
  topOfBook: { medianBidQty: number; medianAskQty: number };
  depth: {
    bandsBps: number[];
    samples: number;
    bid: SideDepth;
    ask: SideDepth;
    /**
     * Smallest distance (bps from mid) to the REST snapshot's deepest level over all
     * samples. Beyond it the book holds only levels a diff touched later; a band is
     * sampled only while it lies inside (see SideDepth.samples).
     */
    coverageBps: { bid: number; ask: number };
  };
  trades: {
    count: number;
    perSecond: number;
    meanQty: number;
    meanNotional: number;
    quantiles: Record<string, number>;
    maxQty: number;
    /** Share of trades whose aggressor bought (Binance m=false). */
    buyShare: number;
    /** Hill tail index of trade size over the top 2 % of trades. */
    tailIndex: number;
  };
  volatility: {
    intervalS: number;
    samples: number;
    sigmaPerInterval: number;
    sigmaPerSecond: number;
    sigmaAnnualized: number;
  };
  mid: { first: number; last: number; mean: number };
}

interface Ticker {
  bid: number;
  bidQty: number;
  ask: number;
  askQty: number;
}

export interface RecordingCalibrator {
  push(line: string): void;
  result(): RecordingCalibration;
}

export function createRecordingCalibrator(options: CalibrationOptions = {}): RecordingCalibrator {
  const bands = [...(options.bandsBps ?? DEFAULT_DEPTH_BANDS_BPS)].sort((a, b) => a - b);
  const spreadStep = options.spreadSampleMs ?? 100;
  const depthStep = options.depthSampleMs ?? 1000;
  const returnStep = options.returnIntervalMs ?? 1000;

  const book = new OrderBook("binance", "BTC-USD");
  const buffered: BookDelta[] = [];
  const sync = { bufferedBeforeSnapshot: 0, applied: 0, stale: 0, gaps: 0, crossed: 0, refused: 0 };
  const counts = { lines: 0, unparsed: 0, bookTickers: 0, depthDiffs: 0, trades: 0, snapshots: 0 };
  let startMs = Number.NaN;
  let endMs = Number.NaN;
  let ticker: Ticker | undefined;

  const tickerSpreads: number[] = [];
  const bookSpreads: number[] = [];
  const topBidQty: number[] = [];
  const topAskQty: number[] = [];
  const bandArrays = () => bands.map(() => [] as number[]);
  const depthSamples = {
    bid: { qty: bandArrays(), usd: bandArrays(), levels: bandArrays() },
    ask: { qty: bandArrays(), usd: bandArrays(), levels: bandArrays() },
  };
  const snapshotEdge = { bid: Number.NaN, ask: Number.NaN };
  let coverageBid = Infinity;
  let coverageAsk = Infinity;
  let depthSampleCount = 0;
  const mids: number[] = [];
  const tradeQty: number[] = [];
  let tradeNotional = 0;
  let buys = 0;

  let nextSpreadAt = Number.NaN;
  let nextDepthAt = Number.NaN;
  let nextReturnAt = Number.NaN;

  const record = (r: BookUpdateResult) => {
    if (r === "applied") sync.applied++;
    else if (r === "stale") sync.stale++;
    else if (r === "gap") sync.gaps++;
    else if (r === "crossed") sync.crossed++;
    else sync.refused++;
  };

  const sampleDepth = () => {
    const bestBid = book.bids.best();
    const bestAsk = book.asks.best();
    if (book.needsResync || !bestBid || !bestAsk) return;
    const mid = (bestBid.price + bestAsk.price) / 2;
    depthSampleCount++;
    // Beyond the snapshot's deepest level the book only knows levels a diff has touched
    // since, so a band reaching past it would undercount: such bands are not sampled.
    const reach = {
      bid: ((mid - snapshotEdge.bid) / mid) * 1e4,
      ask: ((snapshotEdge.ask - mid) / mid) * 1e4,
    };
    coverageBid = Math.min(coverageBid, reach.bid);
    coverageAsk = Math.min(coverageAsk, reach.ask);
    for (const side of ["bid", "ask"] as const) {
      const levels = side === "bid" ? book.bids.levels : book.asks.levels;
      const out = depthSamples[side];
      let qty = 0;
      let usd = 0;
      let n = 0;
      let b = 0;
      const flush = () => {
        if ((bands[b] as number) <= reach[side]) {
          out.qty[b]!.push(qty);
          out.usd[b]!.push(usd);
          out.levels[b]!.push(n);
        }
        b++;
      };
      for (const l of levels) {
        const dist = ((side === "bid" ? mid - l.price : l.price - mid) / mid) * 1e4;
        while (b < bands.length && dist > (bands[b] as number)) flush();
        if (b >= bands.length) break;
        qty += l.qty;
        usd += l.qty * l.price;
        n++;
      }
      while (b < bands.length) flush();
    }
  };

  // Samples describe the state *before* the line at time t is applied.
  const sampleUpTo = (t: number) => {
    if (Number.isNaN(nextSpreadAt)) {
      nextSpreadAt = t;
      nextDepthAt = t;
      nextReturnAt = t;
    }
    while (nextSpreadAt <= t) {
      if (ticker) {
        const mid = (ticker.bid + ticker.ask) / 2;
        tickerSpreads.push(((ticker.ask - ticker.bid) / mid) * 1e4);
        topBidQty.push(ticker.bidQty);
        topAskQty.push(ticker.askQty);
      }
      const bb = book.bids.best();
      const ba = book.asks.best();
      if (!book.needsResync && bb && ba) bookSpreads.push(((ba.price - bb.price) / ((ba.price + bb.price) / 2)) * 1e4);
      nextSpreadAt += spreadStep;
    }
    while (nextDepthAt <= t) {
      sampleDepth();
      nextDepthAt += depthStep;
    }
    while (nextReturnAt <= t) {
      mids.push(ticker ? (ticker.bid + ticker.ask) / 2 : Number.NaN);
      nextReturnAt += returnStep;
    }
  };

  const onDepth = (d: BinanceDepthLine, t: number) => {
    counts.depthDiffs++;
    const delta: BookDelta = {
      firstSeq: d.firstUpdateId,
      lastSeq: d.lastUpdateId,
      prevSeq: d.prevUpdateId,
      bids: d.bids,
      asks: d.asks,
      tsMs: d.eventMs ?? t,
    };
    if (counts.snapshots === 0) {
      buffered.push(delta);
      sync.bufferedBeforeSnapshot++;
      return;
    }
    record(book.applyDelta(delta));
  };

  const onSnapshot = (msg: BinanceSnapshotLine, t: number) => {
    counts.snapshots++;
    const r = book.applySnapshot(msg.bids, msg.asks, msg.lastUpdateId, t);
    snapshotEdge.bid = book.bids.at(book.bids.length - 1)?.price ?? Number.NaN;
    snapshotEdge.ask = book.asks.at(book.asks.length - 1)?.price ?? Number.NaN;
    if (r === "crossed") sync.crossed++;
    for (const d of buffered.splice(0)) record(book.applyDelta(d));
  };

  const onTrade = (data: BinanceTradeLine) => {
    counts.trades++;
    const p = data.price;
    const q = data.qty;
    if (!(q > 0) || !(p > 0)) return;
    tradeQty.push(q);
    tradeNotional += p * q;
    if (!data.buyerIsMaker) buys++;
  };

  const onTicker = (data: BinanceTickerLine) => {
    counts.bookTickers++;
    ticker = { bid: data.bid, bidQty: data.bidQty, ask: data.ask, askQty: data.askQty };
  };

  return {
    push(line) {
      const msg = parseBinanceLine(line);
      if (!msg) {
        if (line.trim() !== "") counts.unparsed++;
        return;
      }
      const t = msg.recvMs;
      counts.lines++;
      if (Number.isNaN(startMs)) startMs = t;
      endMs = t;
      sampleUpTo(t);
      if (msg.kind === "snapshot") onSnapshot(msg, t);
      else if (msg.kind === "depth") onDepth(msg, t);
      else if (msg.kind === "trade") onTrade(msg);
      else if (msg.kind === "ticker") onTicker(msg);
      else counts.unparsed++;
    },

    result() {
      const durationS = Number.isNaN(startMs) ? 0 : (endMs - startMs) / 1000;
      const med = (xs: number[]) => quantileSorted(sortedCopy(xs), 0.5);
      const sideDepth = (d: { qty: number[][]; usd: number[][]; levels: number[][] }): SideDepth => ({
        qty: d.qty.map(med),
        usd: d.usd.map(med),
        levels: d.levels.map(med),
        samples: d.qty.map((xs) => xs.length),
      });
      const sortedQty = sortedCopy(tradeQty);
      const quantiles: Record<string, number> = {};
      for (const q of TRADE_QUANTILES) quantiles[`p${Math.round(q * 100)}`] = quantileSorted(sortedQty, q);
      const returns: number[] = [];
      for (let i = 1; i < mids.length; i++) {
        const a = mids[i - 1] as number;
        const b = mids[i] as number;
        if (a > 0 && b > 0) returns.push(Math.log(b / a));
      }
      const intervalS = returnStep / 1000;
      const sigma = rms(returns);
      const validMids = mids.filter((m) => m > 0);
      return {
        source: { ...counts, startMs, endMs, durationS },
        sync: { ...sync },
        spread: {
          fromBookTicker: { medianBps: med(tickerSpreads), meanBps: mean(tickerSpreads), samples: tickerSpreads.length },
          fromBook: { medianBps: med(bookSpreads), meanBps: mean(bookSpreads), samples: bookSpreads.length },
        },
        topOfBook: { medianBidQty: med(topBidQty), medianAskQty: med(topAskQty) },
        depth: {
          bandsBps: bands,
          samples: depthSampleCount,
          bid: sideDepth(depthSamples.bid),
          ask: sideDepth(depthSamples.ask),
          coverageBps: { bid: coverageBid, ask: coverageAsk },
        },
        trades: {
          count: tradeQty.length,
          perSecond: durationS > 0 ? tradeQty.length / durationS : Number.NaN,
          meanQty: mean(tradeQty),
          meanNotional: tradeQty.length > 0 ? tradeNotional / tradeQty.length : Number.NaN,
          quantiles,
          maxQty: sortedQty[sortedQty.length - 1] ?? Number.NaN,
          buyShare: tradeQty.length > 0 ? buys / tradeQty.length : Number.NaN,
          tailIndex: hillTailIndex(sortedQty, Math.max(10, Math.floor(sortedQty.length * 0.02))),
        },
        volatility: {
          intervalS,
          samples: returns.length,
          sigmaPerInterval: sigma,
          sigmaPerSecond: sigma / Math.sqrt(intervalS),
          sigmaAnnualized: (sigma / Math.sqrt(intervalS)) * Math.sqrt(SECONDS_PER_YEAR),
        },
        mid: { first: validMids[0] ?? Number.NaN, last: validMids[validMids.length - 1] ?? Number.NaN, mean: mean(validMids) },
      };
    },
  };
}

export function calibrateFromLines(lines: Iterable<string>, options?: CalibrationOptions): RecordingCalibration {
  const c = createRecordingCalibrator(options);
  for (const line of lines) c.push(line);
  return c.result();
}
