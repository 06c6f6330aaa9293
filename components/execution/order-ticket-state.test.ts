import { describe, expect, it } from "vitest";
import { GraphOrderBodySchema, SimpleOrderBodySchema, type OrderView } from "@/lib/contracts/orders";
import {
  buildOrderBody,
  initialTicket,
  liveTargetOf,
  pacingSummary,
  ticketErrorsFrom,
  ticketFieldOf,
  ticketForecastParams,
  ticketFromParams,
  validateTicket,
  type TicketOrder,
} from "./order-ticket-state";

function ok(state: Parameters<typeof validateTicket>[0]): TicketOrder {
  const v = validateTicket(state);
  if (!v.ok) throw new Error(`expected a valid ticket: ${JSON.stringify(v.errors)}`);
  return v.order;
}

describe("validateTicket", () => {
  it("accepts the default ticket as a market SOR order", () => {
    expect(ok(initialTicket())).toEqual({ symbol: "BTC-USD", side: "buy", qty: 1, limitPrice: null, venue: null, urgency: "medium", pacing: null });
  });

  it("reports each bad field", () => {
    const v = validateTicket(initialTicket({ qty: "-1", limit: "abc", paced: true, slices: "0", intervalS: "0.01" }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(["intervalS", "limit", "qty", "slices"]);
  });

  it("ignores pacing fields when pacing is off", () => {
    expect(ok(initialTicket({ paced: false, slices: "x", intervalS: "" })).pacing).toBeNull();
  });

  it("converts the interval to whole milliseconds", () => {
    expect(ok(initialTicket({ paced: true, slices: "10", intervalS: "1.5" })).pacing).toEqual({ numSlices: 10, intervalMs: 1500 });
  });
});

describe("buildOrderBody", () => {
  it("builds a simple body that the API contract accepts, omitting venue for SOR", () => {
    const order = ok(initialTicket({ symbol: "ETH-USD", side: "sell", qty: "2.5", urgency: "high" }));
    const body = buildOrderBody(order, "ui-1");
    expect(body).toEqual({ symbol: "ETH-USD", side: "sell", qty: 2.5, urgency: "high", client_request_id: "ui-1" });
    expect(SimpleOrderBodySchema.safeParse(body).success).toBe(true);
  });

  it("adds limit and venue when given", () => {
    const order = ok(initialTicket({ limit: "60000", venue: "kraken" }));
    expect(buildOrderBody(order, "k")).toMatchObject({ limit_price: 60000, venue: "kraken" });
  });

  it("sends a paced ticket as a one-node graph with pacing", () => {
    const order = ok(initialTicket({ qty: "3", paced: true, slices: "6", intervalS: "2", limit: "61000", venue: "okx", urgency: "low" }));
    const body = buildOrderBody(order, "ui-twap-1");
    expect(body).toEqual({
      graph_id: "ui-twap-1",
      nodes: [
        {
          node_id: "twap",
          instrument: "BTC-USD",
          side: "buy",
          order_type: "limit",
          quantity: 3,
          limit_price: 61000,
          venue: "okx",
          execution: { policy: "sor", urgency: "low", pacing: { num_slices: 6, interval_ms: 2000 } },
        },
      ],
      edges: [],
    });
    expect(GraphOrderBodySchema.safeParse(body).success).toBe(true);
  });

  it("a paced market order via SOR has no venue or limit", () => {
    const body = buildOrderBody(ok(initialTicket({ paced: true })), "g");
    expect("nodes" in body && body.nodes[0]).toMatchObject({ order_type: "market" });
    expect("nodes" in body && body.nodes[0] && "venue" in body.nodes[0]).toBe(false);
  });
});

describe("ticket helpers", () => {
  it("forecasts a venue-directed order on that venue alone", () => {
    expect(ticketForecastParams(ok(initialTicket({ venue: "coinbase" }))).excludeVenues).toEqual(["binance", "kraken", "okx", "bybit", "bitget", "cryptocom"]);
    expect(ticketForecastParams(ok(initialTicket())).excludeVenues).toEqual([]);
  });

  it("maps API error paths, including graph node paths, to ticket fields", () => {
    expect(ticketFieldOf("qty")).toBe("qty");
    expect(ticketFieldOf("nodes.0.quantity")).toBe("qty");
    expect(ticketFieldOf("nodes.0.execution.pacing.num_slices")).toBe("slices");
    expect(ticketFieldOf("nodes.0.execution.pacing.interval_ms")).toBe("intervalS");
    expect(ticketFieldOf("limit_price")).toBe("limit");
    expect(ticketFieldOf("graph_id")).toBeNull();
    expect(ticketErrorsFrom([{ field: "venue", message: "a" }, { field: "venue", message: "b" }])).toEqual({ venue: "a" });
  });

  it("reads a linked ticket and falls back on unknown values", () => {
    expect(ticketFromParams(new URLSearchParams("symbol=eth-usd&side=sell&qty=4&venue=okx"))).toMatchObject({ symbol: "ETH-USD", side: "sell", qty: "4", venue: "okx" });
    expect(ticketFromParams(new URLSearchParams("symbol=FOO&venue=nyse"))).toMatchObject({ symbol: "BTC-USD", qty: "1", venue: "sor" });
  });

  it("describes the pacing schedule", () => {
    expect(pacingSummary({ numSlices: 5, intervalMs: 2000 })).toBe("5 slices, one every 2 s · last due after 8 s");
    expect(pacingSummary(null)).toBeNull();
  });
});

describe("liveTargetOf", () => {
  const view = (over: Partial<OrderView>): OrderView => ({
    order_id: "o",
    node_order_id: "n",
    parent_id: null,
    graph_id: null,
    node_id: null,
    client_request_id: null,
    status: "ACCEPTED",
    reject_reason: null,
    reason_message: null,
    symbol: "BTC-USD",
    side: "buy",
    qty: 1,
    filled_qty: 0,
    remaining_qty: 1,
    dust_qty: 0,
    dust_note: null,
    avg_price: null,
    fees_usd: 0,
    limit_price: null,
    venue: null,
    policy: "sor",
    urgency: "medium",
    router_version: null,
    sandbox: true,
    created_at_ns: "0",
    updated_at_ns: "0",
    ...over,
  });

  it("opens a simple order's own node order", () => {
    expect(liveTargetOf({ order: view({ node_order_id: "no-1" }), nodes: [] })).toBe("no-1");
  });

  it("opens a graph's first node, preferring the node itself over its slices", () => {
    const order = view({ order_id: "g", node_order_id: "g-node", graph_id: "ui-1" });
    const slice = view({ order_id: "s1", node_order_id: "slice-1", parent_id: "twap-node", node_id: "twap" });
    const node = view({ order_id: "twap-node", node_order_id: "node-1", parent_id: "g", node_id: "twap" });
    expect(liveTargetOf({ order, nodes: [slice, node] })).toBe("node-1");
    expect(liveTargetOf({ order, nodes: [view({ node_order_id: "first" }), view({ node_order_id: "second" })] })).toBe("first");
  });
});
