/**
 * Test-only: reads an hftbacktest Binance spot recording (recordings/, see its
 * README): `<recv ns> <json>` lines of combined-stream messages plus one REST depth
 * snapshot line. Keeps the depth diffs and trades (bookTicker is not needed here).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

export type PriceQty = [string, string];

export interface DepthSnapshot {
  lastUpdateId: number;
  bids: PriceQty[];
  asks: PriceQty[];
}

export interface DepthEvent {
  e: "depthUpdate";
  E: number;
  s: string;
  U: number;
  u: number;
  b: PriceQty[];
  a: PriceQty[];
}

export interface TradeEvent {
  e: "trade";
  E: number;
  s: string;
  t: number;
  p: string;
  q: string;
  T: number;
  m: boolean;
}

export type StreamMessage = { stream: string; data: DepthEvent } | { stream: string; data: TradeEvent };

export interface BinanceRecording {
  snapshot: DepthSnapshot;
  /** Depth diffs and trades in receive order, including those before the snapshot. */
  messages: StreamMessage[];
}

export function readBinanceRecording(path: string): BinanceRecording {
  const text = gunzipSync(readFileSync(path)).toString("utf8");
  let snapshot: DepthSnapshot | undefined;
  const messages: StreamMessage[] = [];
  for (const line of text.split("\n")) {
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const json = line.slice(space + 1);
    // Cheap prefilter: bookTicker lines are most of the file and unused.
    if (json.includes("@bookTicker")) continue;
    const msg = JSON.parse(json) as Record<string, unknown>;
    if (typeof msg.lastUpdateId === "number") snapshot = msg as unknown as DepthSnapshot;
    else if (typeof msg.stream === "string" && (msg.stream.includes("@depth") || msg.stream.endsWith("@trade"))) {
      messages.push(msg as unknown as StreamMessage);
    }
  }
  if (!snapshot) throw new Error(`${path}: no REST depth snapshot line`);
  return { snapshot, messages };
}
