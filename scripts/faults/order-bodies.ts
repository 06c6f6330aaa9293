/**
 * Request bodies for the mixed flow, in the shapes lib/contracts/orders.ts accepts. Sizes
 * are small enough that the simulated books fill a market order at once, and TWAPs are
 * short (a few slices under a second apart) so a cycle settles in seconds.
 */
import type { FlowKind } from "./fault-ledger";
import type { SeededRandom } from "./seeded-random";

export const FLOW_SYMBOLS = ["BTC-USD", "ETH-USD"] as const;
export type FlowSymbol = (typeof FLOW_SYMBOLS)[number];
const VENUES = ["binance", "coinbase", "okx", "bybit", "kraken"] as const;

/** Mid per symbol at the start of the cycle: resting limits are priced well away from it. */
export type Mids = Record<FlowSymbol, number>;

export interface FlowBody {
  kind: FlowKind;
  body: Record<string, unknown>;
  idemKey: string | undefined;
}

function size(rng: SeededRandom, symbol: FlowSymbol): number {
  const raw = symbol === "BTC-USD" ? rng.uniform(0.01, 0.4) : rng.uniform(0.1, 5);
  return Math.round(raw * 1e4) / 1e4;
}

export function makeBody(kind: FlowKind, rng: SeededRandom, mids: Mids, tag: string): FlowBody {
  const symbol = rng.pick(FLOW_SYMBOLS);
  const side = rng.pick(["buy", "sell"] as const);
  const qty = size(rng, symbol);
  const keyed = rng.chance(0.6);
  const crid = keyed ? `${tag}-crid` : undefined;
  switch (kind) {
    case "sor":
      return { kind, idemKey: crid, body: { symbol, side, qty, urgency: rng.pick(["low", "medium", "high"]), ...(crid ? { client_request_id: crid } : {}) } };
    case "direct":
      return { kind, idemKey: crid, body: { symbol, side, qty, venue: rng.pick(VENUES), ...(crid ? { client_request_id: crid } : {}) } };
    case "resting": {
      // 5% through the touch on the wrong side: it rests until cancelled.
      const away = side === "buy" ? 0.95 : 1.05;
      const limit = Math.round(mids[symbol] * away * 100) / 100;
      return { kind, idemKey: crid, body: { symbol, side, qty, limit_price: limit, ...(crid ? { client_request_id: crid } : {}) } };
    }
    case "twap":
      return {
        kind,
        idemKey: `${tag}-g`,
        body: {
          graph_id: `${tag}-g`,
          nodes: [{ node_id: "twap", instrument: symbol, side, quantity: qty, execution: { policy: "sor", urgency: "medium", pacing: { num_slices: rng.int(3, 6), interval_ms: rng.int(300, 800) } } }],
          edges: [],
        },
      };
    case "chase":
      return {
        kind,
        idemKey: `${tag}-g`,
        body: { graph_id: `${tag}-g`, nodes: [{ node_id: "chase", instrument: symbol, side, quantity: qty, execution: { policy: "aggressive_chase", urgency: "high" } }], edges: [] },
      };
    case "graph":
      return { kind, idemKey: `${tag}-g`, body: multiNodeGraph(rng, `${tag}-g`, symbol, side, qty) };
  }
}

/**
 * Entry node, a hedge on its first fills, a paced follow-up on its full fill and a tail on
 * a timeout of the follow-up (which runs ≥ 800 ms, so the timeout fires while it works).
 */
function multiNodeGraph(rng: SeededRandom, graphId: string, symbol: FlowSymbol, side: "buy" | "sell", qty: number): Record<string, unknown> {
  const other: FlowSymbol = symbol === "BTC-USD" ? "ETH-USD" : "BTC-USD";
  const otherSide = side === "buy" ? "sell" : "buy";
  return {
    graph_id: graphId,
    nodes: [
      { node_id: "entry", instrument: symbol, side, quantity: qty, execution: { policy: "sor", urgency: "high" } },
      { node_id: "hedge", instrument: other, side: otherSide, quantity: size(rng, other), execution: { policy: "sor", urgency: "high" } },
      {
        node_id: "follow",
        instrument: symbol,
        side,
        quantity: size(rng, symbol),
        execution: { policy: "sor", urgency: "medium", pacing: { num_slices: 3, interval_ms: 400 } },
      },
      { node_id: "tail", instrument: symbol, side, quantity: size(rng, symbol), execution: { policy: "sor", urgency: "medium" } },
    ],
    edges: [
      { from: "entry", to: "hedge", trigger: "on_fill" },
      { from: "entry", to: "follow", trigger: "on_full_fill" },
      { from: "follow", to: "tail", trigger: "on_timeout", timeout_ms: 500 },
    ],
  };
}

/** The idempotency key a body carries, if any. */
export function idemKeyOf(body: Record<string, unknown>): string | undefined {
  const k = body.graph_id ?? body.client_request_id;
  return typeof k === "string" ? k : undefined;
}
