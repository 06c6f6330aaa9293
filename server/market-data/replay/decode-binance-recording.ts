/**
 * A Binance recording (hftbacktest format, see parse-binance-line.ts) → replay events for
 * one venue. Pure: it takes the file's lines.
 *
 * Which venue (market) a file is:
 * - an explicit `venue` wins;
 * - else the file name: `binance-usdm…` → binance-usdm, `binance-coinm…` → binance-coinm,
 *   `binance-spot…` → binance (the naming of recordings/);
 * - else the content: diff-depth events with a `pu` field are futures; a `_PERP`/`_` symbol
 *   (BTCUSD_PERP) is COIN-M, otherwise USD-M; no `pu` = spot.
 * Symbols map through the registry's venueSymbol to instruments: spot BTCUSDT ↔ BTC-USD (the
 * USDT quote family stands in for USD); USD-M BTCUSDT and COIN-M BTCUSD_PERP ↔ BTC-USD-PERP,
 * so spot and perps never share a book. An unknown symbol is an error naming it, never a
 * silent skip.
 *
 * The REST snapshot line carries no stream name (only COIN-M's names its symbol), so it is
 * attributed to the file's one depth stream; a file with several symbols and an anonymous
 * snapshot is refused. COIN-M sizes are converted from contracts to BTC (qty = contracts ×
 * 100 / price) per level and per trade, from the registry's `contract` spec.
 */
import type { SymbolId, VenueId } from "../types";
import { instrumentFor, symbolForVenueSymbol } from "../venues";
import { contractsToBase, convertLevels } from "./convert-contract-size";
import { parseBinanceLine, type BinanceLine } from "./parse-binance-line";
import { ReplayFormatError, type DecodedRecording, type ReplayEvent } from "./replay-event";

export interface DecodeBinanceOptions {
  /** File path: names the recording in errors and hints the venue. */
  path: string;
  venue?: VenueId;
}

export function binanceVenueFromPath(path: string): VenueId | undefined {
  const name = path.split(/[\\/]/).pop()?.toLowerCase() ?? "";
  if (name.startsWith("binance-usdm") || name.startsWith("binance_usdm")) return "binance-usdm";
  if (name.startsWith("binance-coinm") || name.startsWith("binance_coinm")) return "binance-coinm";
  if (name.startsWith("binance-spot") || name.startsWith("binance_spot")) return "binance";
  return undefined;
}

function venueFromContent(parsed: readonly BinanceLine[]): VenueId {
  for (const p of parsed) {
    if (p.kind !== "depth") continue;
    if (p.prevUpdateId === undefined) return "binance";
    return p.venueSymbol.includes("_") ? "binance-coinm" : "binance-usdm";
  }
  return "binance";
}

export function decodeBinanceRecording(lines: readonly string[], options: DecodeBinanceOptions): DecodedRecording {
  const { path } = options;
  const parsed: BinanceLine[] = [];
  let skipped = 0;
  for (const line of lines) {
    const p = parseBinanceLine(line);
    if (p) parsed.push(p);
    else if (line.trim() !== "") skipped++;
  }
  const venue = options.venue ?? binanceVenueFromPath(path) ?? venueFromContent(parsed);

  const symbolOf = new Map<string, SymbolId>();
  const resolve = (venueSymbol: string): SymbolId => {
    let symbol = symbolOf.get(venueSymbol);
    if (symbol === undefined) {
      symbol = symbolForVenueSymbol(venue, venueSymbol);
      if (symbol === undefined) throw new ReplayFormatError(path, `unknown ${venue} symbol "${venueSymbol}" (not in the venue registry)`);
      symbolOf.set(venueSymbol, symbol);
    }
    return symbol;
  };
  const depthSymbols = new Set<string>();
  for (const p of parsed) if (p.kind === "depth") depthSymbols.add(p.venueSymbol);

  const events: ReplayEvent[] = [];
  let lastRecMs = -Infinity;
  for (const p of parsed) {
    // The recorder's line order is the truth; a receive stamp that steps back (clock
    // adjustment) is held at the previous one so recorded order and time agree.
    const recMs = Math.max(lastRecMs, p.recvMs);
    lastRecMs = recMs;
    switch (p.kind) {
      case "snapshot": {
        const venueSymbol = p.venueSymbol ?? (depthSymbols.size === 1 ? [...depthSymbols][0] : undefined);
        if (venueSymbol === undefined) {
          throw new ReplayFormatError(path, `cannot attribute the REST snapshot (lastUpdateId ${p.lastUpdateId}): the file has ${depthSymbols.size} depth streams`);
        }
        const symbol = resolve(venueSymbol);
        const contract = instrumentFor(venue, symbol)?.contract;
        events.push({
          kind: "snapshot",
          recMs,
          venue,
          symbol,
          seq: p.lastUpdateId,
          bids: convertLevels(p.bids, contract),
          asks: convertLevels(p.asks, contract),
        });
        break;
      }
      case "depth": {
        const symbol = resolve(p.venueSymbol);
        const contract = instrumentFor(venue, symbol)?.contract;
        events.push({
          kind: "delta",
          recMs,
          venue,
          symbol,
          firstSeq: p.firstUpdateId,
          lastSeq: p.lastUpdateId,
          prevSeq: p.prevUpdateId,
          bids: convertLevels(p.bids, contract),
          asks: convertLevels(p.asks, contract),
        });
        break;
      }
      case "trade": {
        const symbol = resolve(p.venueSymbol);
        const contract = instrumentFor(venue, symbol)?.contract;
        events.push({
          kind: "trade",
          recMs,
          venue,
          symbol,
          price: p.price,
          qty: contract ? contractsToBase(p.qty, p.price, contract) : p.qty,
          // m = buyer is maker, so the aggressor sold.
          aggressor: p.buyerIsMaker ? "sell" : "buy",
          id: p.tradeId,
          ...(p.tradeMs !== undefined ? { exchangeMs: p.tradeMs } : {}),
        });
        break;
      }
      case "ticker":
        events.push({ kind: "ticker", recMs, venue, symbol: resolve(p.venueSymbol), bid: p.bid, ask: p.ask });
        break;
      default:
        skipped++;
    }
  }
  return { path, format: "binance-hftbacktest", events, skipped };
}
