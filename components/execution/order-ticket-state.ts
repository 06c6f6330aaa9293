/**
 * The order ticket's state and the bodies built from it: validated with the API's own zod
 * contracts before anything is sent. A plain ticket becomes a simple order body; a ticket
 * with TWAP pacing becomes a one-node graph body whose node carries `execution.pacing`.
 * Pure (no React), unit-tested in order-ticket-state.test.ts.
 */
import { SPOT_VENUES, VENUES, type VenueId } from "@/lib/contracts/common";
import { GraphOrderBodySchema, SimpleOrderBodySchema, type GraphOrderBody, type SimpleOrderBody } from "@/lib/contracts/orders";
import { QtyParam, type Side, type Urgency } from "@/lib/contracts/pretrade";
import type { OrderView } from "@/lib/contracts/orders";
import type { ForecastParams } from "@/lib/queries/pretrade";
import { defaultQty, ORDER_SYMBOLS } from "./order-form-state";

/** "sor" = let the smart order router split across venues; else send to this venue only. */
export type TicketVenue = VenueId | "sor";

export interface TicketState {
  symbol: string;
  side: Side;
  /** As typed, human units of the base asset. */
  qty: string;
  /** As typed; empty = market order. */
  limit: string;
  venue: TicketVenue;
  urgency: Urgency;
  /** TWAP pacing on: the order is sent as a one-node graph with `pacing`. */
  paced: boolean;
  /** As typed: number of slices. */
  slices: string;
  /** As typed: seconds between slices. */
  intervalS: string;
}

export type TicketField = "symbol" | "side" | "qty" | "limit" | "venue" | "urgency" | "slices" | "intervalS";
export type TicketErrors = Partial<Record<TicketField, string>>;

/** A ticket whose fields all parse: numbers, not strings. */
export interface TicketOrder {
  symbol: string;
  side: Side;
  qty: number;
  limitPrice: number | null;
  venue: VenueId | null;
  urgency: Urgency;
  pacing: { numSlices: number; intervalMs: number } | null;
}

export type TicketValidation = { ok: true; order: TicketOrder } | { ok: false; errors: TicketErrors };

export const DEFAULT_SLICES = "5";
export const DEFAULT_INTERVAL_S = "2";
/** The id of the one node in a paced (graph) order. */
export const PACED_NODE_ID = "twap";

export function initialTicket(partial: Partial<TicketState> = {}): TicketState {
  const symbol = partial.symbol ?? ORDER_SYMBOLS[0];
  return {
    symbol,
    side: "buy",
    qty: defaultQty(symbol),
    limit: "",
    venue: "sor",
    urgency: "medium",
    paced: false,
    slices: DEFAULT_SLICES,
    intervalS: DEFAULT_INTERVAL_S,
    ...partial,
  };
}

/** Reads ?symbol=&side=&qty= (e.g. a link from Forecast) into a starting ticket; unknown values fall back. */
export function ticketFromParams(params: { get(name: string): string | null }): TicketState {
  const rawSymbol = params.get("symbol")?.trim().toUpperCase();
  const symbol = rawSymbol && (ORDER_SYMBOLS as readonly string[]).includes(rawSymbol) ? rawSymbol : ORDER_SYMBOLS[0];
  const side = params.get("side")?.toLowerCase() === "sell" ? "sell" : "buy";
  const qty = params.get("qty")?.trim() || defaultQty(symbol);
  const rawVenue = params.get("venue")?.trim().toLowerCase();
  const venue: TicketVenue = rawVenue && (VENUES as readonly string[]).includes(rawVenue) ? (rawVenue as VenueId) : "sor";
  return initialTicket({ symbol, side, qty, venue });
}

const POSITIVE_DECIMAL = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Checks every field; the body contracts then check the whole order. */
export function validateTicket(state: TicketState): TicketValidation {
  const errors: TicketErrors = {};
  const qty = QtyParam.safeParse(state.qty);
  if (!qty.success) errors.qty = qty.error.issues[0]?.message ?? "invalid quantity";

  let limitPrice: number | null = null;
  const limit = state.limit.trim();
  if (limit !== "") {
    if (!POSITIVE_DECIMAL.test(limit) || !(Number(limit) > 0)) errors.limit = "a positive price, or empty for a market order";
    else limitPrice = Number(limit);
  }

  let pacing: TicketOrder["pacing"] = null;
  if (state.paced) {
    const slices = state.slices.trim();
    const numSlices = /^\d+$/.test(slices) ? Number(slices) : NaN;
    if (!(numSlices >= 1 && numSlices <= 500)) errors.slices = "a whole number of slices from 1 to 500";
    const interval = state.intervalS.trim();
    const intervalMs = POSITIVE_DECIMAL.test(interval) ? Math.round(Number(interval) * 1000) : NaN;
    if (!(intervalMs >= 100 && intervalMs <= 86_400_000)) errors.intervalS = "seconds between slices, 0.1 to 86400";
    if (errors.slices === undefined && errors.intervalS === undefined) pacing = { numSlices, intervalMs };
  }

  if (!qty.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const order: TicketOrder = {
    symbol: state.symbol,
    side: state.side,
    qty: qty.data,
    limitPrice,
    venue: state.venue === "sor" ? null : state.venue,
    urgency: state.urgency,
    pacing,
  };
  // The body contracts have the last word (symbol format, ranges, cross-field rules).
  const checked = state.paced ? GraphOrderBodySchema.safeParse(buildGraphBody(order, "check")) : SimpleOrderBodySchema.safeParse(buildSimpleBody(order));
  if (!checked.success) return { ok: false, errors: ticketErrorsFrom(checked.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }))) };
  return { ok: true, order };
}

/** API body field (a zod issue path such as "nodes.0.execution.pacing.num_slices") → ticket field. */
export function ticketFieldOf(apiField: string): TicketField | null {
  const parts = apiField.split(".");
  const last = parts.at(-1) ?? "";
  const head = parts[0] ?? "";
  if (last === "num_slices") return "slices";
  if (last === "interval_ms") return "intervalS";
  switch (head === "nodes" ? (parts[2] ?? "") : head) {
    case "symbol":
    case "instrument":
      return "symbol";
    case "side":
      return "side";
    case "qty":
    case "quantity":
    case "notional":
      return "qty";
    case "limit_price":
    case "order_type":
      return "limit";
    case "venue":
    case "exclude_venues":
      return "venue";
    case "urgency":
      return "urgency";
    case "execution":
      return last === "urgency" ? "urgency" : null;
    default:
      return null;
  }
}

/** Field errors from API validation details (first message per field wins). */
export function ticketErrorsFrom(details: readonly { field: string; message: string }[]): TicketErrors {
  const out: TicketErrors = {};
  for (const d of details) {
    const field = ticketFieldOf(d.field);
    if (field && out[field] === undefined) out[field] = d.message;
  }
  return out;
}

/** The simple order body (also what the preview checks). */
export function buildSimpleBody(order: TicketOrder, clientRequestId?: string): SimpleOrderBody {
  return {
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    ...(order.limitPrice !== null ? { limit_price: order.limitPrice } : {}),
    ...(order.venue !== null ? { venue: order.venue } : {}),
    urgency: order.urgency,
    ...(clientRequestId ? { client_request_id: clientRequestId } : {}),
  };
}

/** A one-node graph; the node carries the pacing when there is one. `graphId` doubles as the idempotency key. */
export function buildGraphBody(order: TicketOrder, graphId: string): GraphOrderBody {
  return {
    graph_id: graphId,
    nodes: [
      {
        node_id: PACED_NODE_ID,
        instrument: order.symbol,
        side: order.side,
        order_type: order.limitPrice !== null ? "limit" : "market",
        quantity: order.qty,
        ...(order.limitPrice !== null ? { limit_price: order.limitPrice } : {}),
        ...(order.venue !== null ? { venue: order.venue } : {}),
        execution: {
          policy: "sor",
          urgency: order.urgency,
          ...(order.pacing ? { pacing: { num_slices: order.pacing.numSlices, interval_ms: order.pacing.intervalMs } } : {}),
        },
      },
    ],
    edges: [],
  };
}

/** The body POST /v1/orders gets for this ticket: a paced order is a one-node graph, anything else a simple order. */
export function buildOrderBody(order: TicketOrder, clientRequestId: string): SimpleOrderBody | GraphOrderBody {
  return order.pacing ? buildGraphBody(order, clientRequestId) : buildSimpleBody(order, clientRequestId);
}

/** Pre-trade forecast parameters: a venue-directed order is forecast on that venue alone. */
/** `venues`: what the running source trades for the symbol; a venue-directed order excludes the rest. */
export function ticketForecastParams(order: TicketOrder, venues: readonly VenueId[] = SPOT_VENUES): ForecastParams {
  return {
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    excludeVenues: order.venue === null ? [] : venues.filter((v) => v !== order.venue),
  };
}

/** A key for "the same order": a retried send of an unchanged ticket reuses its client_request_id. */
export function ticketKey(order: TicketOrder): string {
  return JSON.stringify(order);
}

/** A fresh idempotency key (crypto UUID where available). */
export function newClientRequestId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === "function") return `ui-${c.randomUUID()}`;
  return `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * The node order the Live page should open for a placed order: the order itself for a
 * simple order; for a graph (paced) order its first node — the node named in the body if
 * the response lists it, else the first node returned.
 */
export function liveTargetOf(response: { order: OrderView; nodes: readonly OrderView[] }, firstNodeId: string | null = PACED_NODE_ID): string {
  if (response.nodes.length === 0) return response.order.node_order_id;
  const named = firstNodeId === null ? [] : response.nodes.filter((n) => n.node_id === firstNodeId);
  // Slices may carry their node's id too: the node itself hangs directly off the graph order.
  const node = named.find((n) => n.parent_id === response.order.order_id) ?? named[0] ?? response.nodes[0] ?? response.order;
  return node.node_order_id;
}

/** "every 2 s for 5 slices ≈ 8 s" — the schedule a paced ticket describes. */
export function pacingSummary(pacing: TicketOrder["pacing"]): string | null {
  if (!pacing) return null;
  const span = (pacing.numSlices - 1) * pacing.intervalMs;
  const secs = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(ms % 60_000 === 0 ? 0 : 1)} min` : `${+(ms / 1000).toFixed(1)} s`);
  return `${pacing.numSlices} slice${pacing.numSlices === 1 ? "" : "s"}, one every ${secs(pacing.intervalMs)} · last due after ${secs(span)}`;
}
