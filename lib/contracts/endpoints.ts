/**
 * The endpoint catalogue: one entry per /v1 route, naming its contracts. The OpenAPI
 * document is generated from this list, so a route without an entry is a visible gap.
 */
import { z } from "zod";
import { HealthResponseSchema } from "./health";
import { MarketStatusResponseSchema } from "./market-status";
import { DepthQuerySchema, DepthResponseSchema, QuotesQuerySchema, QuotesResponseSchema } from "./market";
import { DecisionsQuerySchema, DecisionsResponseSchema, LiveResponseSchema } from "./live";
import { ReviewResponseSchema } from "./review";
import { SummaryQuerySchema, SummaryResponseSchema } from "./summary";
import { CalibrationQuerySchema, CalibrationResponseSchema } from "./calibration";
import {
  KillSwitchBodySchema,
  KillSwitchResponseSchema,
  KillSwitchStateSchema,
  OrderBodySchema,
  OrderListQuerySchema,
  OrderListResponseSchema,
  OrderResponseSchema,
  PreviewResponseSchema,
  SimpleOrderBodySchema,
} from "./orders";
import {
  ForecastResponseSchema,
  PretradeQuerySchema,
  RoutingResponseSchema,
  SimulateQuerySchema,
  SimulateResponseSchema,
  SlippageResponseSchema,
} from "./pretrade";
import { SessionResponseSchema, SignInBodySchema } from "./session";

export interface EndpointSpec {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  description?: string;
  tag: "System" | "Market" | "Pre-trade" | "Orders" | "Post-trade" | "Session";
  /** Path parameters, by name as they appear in `{…}`. */
  pathParams?: { name: string; description: string }[];
  /** Response media type when not JSON (server-sent events). */
  stream?: boolean;
  auth: "none" | "key";
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status when not 200. */
  status?: number;
  /** Another status that also carries `response` (besides the error envelope), e.g. health's 503. */
  responseAlso?: { status: number; description: string };
}

export const ENDPOINTS: EndpointSpec[] = [
  {
    method: "get",
    path: "/v1/health",
    summary: "Service health",
    description:
      "Status, version, uptime, market source, store kind and store health (ok, degraded or down, with the reason and the last confirmed write, from a background write probe about every second; this call never waits on the store). HTTP 200 when the status is ok or degraded, 503 with the same body when it is down. No authentication.",
    tag: "System",
    auth: "none",
    response: HealthResponseSchema,
    responseAlso: { status: 503, description: "Down: the store cannot write (same body as 200); or the error envelope while the service is starting" },
  },
  {
    method: "get",
    path: "/v1/market",
    summary: "Market-data source and freshness",
    description:
      "Which source is running (simulated, replay or live), each venue's feed state and book ages, sequence gaps, resyncs and reconnects, and for a replay the recorded instant being played.",
    tag: "Market",
    auth: "key",
    response: MarketStatusResponseSchema,
  },
  {
    method: "get",
    path: "/v1/quotes",
    summary: "NBBO and per-venue top of book",
    description: "Consolidated best bid/offer and each venue's top of book, with book age and how the books were obtained.",
    tag: "Market",
    auth: "key",
    query: QuotesQuerySchema,
    response: QuotesResponseSchema,
  },
  {
    method: "get",
    path: "/v1/intelligence/depth",
    summary: "Depth within basis-point bands of mid",
    description: "Per venue and consolidated bid/ask quantity and USD notional within each band of the consolidated mid.",
    tag: "Market",
    auth: "key",
    query: DepthQuerySchema,
    response: DepthResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/forecast",
    summary: "Pre-trade cost forecast",
    description:
      "What buying or selling this size will cost: P50 (expected) and P90 (downside) all-in cost in bps and USD, fill confidence per cost level, " +
      "capacity curve, venues ranked by landed cost (book + fee + latency + staleness), the venue mix the router would use, and the urgency trade-off (Almgren–Chriss).",
    tag: "Pre-trade",
    auth: "key",
    query: PretradeQuerySchema,
    response: ForecastResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/simulate",
    summary: "Compare aggressive, passive and split execution",
    description:
      "Runs the execution simulator (queue-aware matching, venue latency, partial fills) over seeded simulated market paths and compares strategies " +
      "for this order under the given constraints, with a recommendation. Same seed and same books give the same answer.",
    tag: "Pre-trade",
    auth: "key",
    query: SimulateQuerySchema,
    response: SimulateResponseSchema,
  },
  {
    method: "get",
    path: "/v1/intelligence/slippage",
    summary: "Book-walk slippage per venue and consolidated",
    tag: "Pre-trade",
    auth: "key",
    query: PretradeQuerySchema,
    response: SlippageResponseSchema,
  },
  {
    method: "get",
    path: "/v1/intelligence/routing",
    summary: "The leg split the smart order router would use",
    description: "Per-leg quantity, expected price and cost with per-venue score parts in bps, and the venues excluded with reasons.",
    tag: "Pre-trade",
    auth: "key",
    query: PretradeQuerySchema,
    response: RoutingResponseSchema,
  },
  {
    method: "post",
    path: "/v1/orders/preview",
    summary: "Preview an order without placing it",
    description: "Order body → routing plan, legs, estimated cost and fees, and pre-trade checks (symbol, venue, minimum size, price deviation, depth, venue status, trading mode).",
    tag: "Pre-trade",
    auth: "key",
    body: SimpleOrderBodySchema,
    response: PreviewResponseSchema,
  },
  {
    method: "post",
    path: "/v1/orders",
    summary: "Place an order (simple or graph)",
    description:
      "Simple body (symbol, side, qty or notional, optional limit, venue or smart order router) or a graph of nodes and edges (TWAP pacing per node). " +
      "Durable before the response. Idempotent by client_request_id or graph_id: the same body returns the original (200), a different body is 409. " +
      "seq_test_ keys trade in the sandbox; live keys are refused (no venue credentials). 409 while the desk's kill switch is engaged.",
    tag: "Orders",
    auth: "key",
    body: OrderBodySchema,
    response: OrderResponseSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/v1/orders",
    summary: "List the desk's orders (blotter)",
    description: "Newest first, cursor-paginated; filters by status, symbol and UTC dates.",
    tag: "Orders",
    auth: "key",
    query: OrderListQuerySchema,
    response: OrderListResponseSchema,
  },
  {
    method: "get",
    path: "/v1/orders/{id}",
    summary: "One order (by order id or node order id) with its graph nodes",
    tag: "Orders",
    auth: "key",
    pathParams: [{ name: "id", description: "order_id or node_order_id" }],
    response: OrderResponseSchema,
  },
  {
    method: "post",
    path: "/v1/orders/{id}/cancel",
    summary: "Cancel a working order",
    description: "Cancels the order (and a graph's nodes). A finished order is 409.",
    tag: "Orders",
    auth: "key",
    pathParams: [{ name: "id", description: "order_id or node_order_id" }],
    response: OrderResponseSchema,
  },
  {
    method: "post",
    path: "/v1/orders/{id}/pause",
    summary: "Pause a working order",
    description:
      "Stops new child orders and the TWAP schedule (resting children are pulled; immediate-or-cancel ones already sent finish). A graph pauses every running node. Pausing a paused order changes nothing; a finished order, or one still waiting for its graph trigger, is 409.",
    tag: "Orders",
    auth: "key",
    pathParams: [{ name: "id", description: "order_id or node_order_id" }],
    response: OrderResponseSchema,
  },
  {
    method: "post",
    path: "/v1/orders/{id}/resume",
    summary: "Resume a paused order",
    description: "Works the order again; slices not yet due when it paused move later by the pause, so a TWAP keeps its pacing. Resuming a running order changes nothing; a finished order is 409.",
    tag: "Orders",
    auth: "key",
    pathParams: [{ name: "id", description: "order_id or node_order_id" }],
    response: OrderResponseSchema,
  },
  {
    method: "get",
    path: "/v1/kill_switch",
    summary: "The desk's kill switch",
    description: "Whether the desk's kill switch is engaged, when it last changed and by which key.",
    tag: "Orders",
    auth: "key",
    response: KillSwitchStateSchema,
  },
  {
    method: "post",
    path: "/v1/kill_switch",
    summary: "Engage or release the desk's kill switch",
    description: "Engage cancels every working order of the desk and refuses new ones (409) until released.",
    tag: "Orders",
    auth: "key",
    body: KillSwitchBodySchema,
    response: KillSwitchResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/live/{id}",
    summary: "Live monitor of a working order",
    description: "Fills, in-flight TCA vs arrival and forecast, schedule adherence, venue health, reroute and aggressiveness advice.",
    tag: "Orders",
    auth: "key",
    pathParams: [{ name: "id", description: "node_order_id (or order_id)" }],
    response: LiveResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/live/{id}/stream",
    summary: "Live monitor as server-sent events",
    description: "`event: update` with the live view as `data` every second until the order is final.",
    tag: "Orders",
    auth: "key",
    pathParams: [{ name: "id", description: "node_order_id (or order_id)" }],
    response: LiveResponseSchema,
    stream: true,
  },
  {
    method: "get",
    path: "/v1/execution/decisions",
    summary: "Routing decisions, newest first",
    description: "Candidates with per-venue score parts in bps, exclusions with reasons, chosen legs and estimated cost. last_n ≤ 1000.",
    tag: "Orders",
    auth: "key",
    query: DecisionsQuerySchema,
    response: DecisionsResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/review/{id}",
    summary: "Post-trade review of one order",
    description:
      "Timeline of child orders, fills, benchmark stack (decision, arrival, interval VWAP, TWAP), markouts, implementation shortfall (Perold) in parts that add up, " +
      "decision audit with the counterfactual best venue, selection and forecast error, policy regret, and forecast vs realized. A working order is reviewed so far.",
    tag: "Post-trade",
    auth: "key",
    pathParams: [{ name: "id", description: "node_order_id or order_id" }],
    response: ReviewResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/summary",
    summary: "Desk summary",
    description:
      "Orders in a UTC date range (default today, at most 366 days) rolled up: totals, slippage percentiles vs arrival, per venue (fills, notional, fill and reject rate, ack latency), " +
      "per symbol, per routing version, by day, and forecast calibration. format=csv (or Accept: text/csv) downloads the orders with their TCA.",
    tag: "Post-trade",
    auth: "key",
    query: SummaryQuerySchema,
    response: SummaryResponseSchema,
  },
  {
    method: "get",
    path: "/v1/execution/calibration",
    summary: "Forecast calibration by size and policy",
    description:
      "The desk's completed orders over the last `days` (default 30): share of realized costs at or below the forecast P50 and P90 with Wilson 95 % intervals, " +
      "and mean forecast vs mean realized cost with its 95 % interval, per size bucket (multiple of the touch at acceptance) and per policy (SOR, pinned, TWAP, limit).",
    tag: "Post-trade",
    auth: "key",
    query: CalibrationQuerySchema,
    response: CalibrationResponseSchema,
  },
  {
    method: "post",
    path: "/v1/session",
    summary: "Dashboard sign-in",
    description: "Exchanges an API key for an httpOnly session cookie used by the dashboard. The key is not stored in the browser.",
    tag: "Session",
    auth: "none",
    body: SignInBodySchema,
    response: SessionResponseSchema,
  },
  {
    method: "get",
    path: "/v1/session",
    summary: "Who am I",
    description: "The desk, role and key prefix behind the session cookie or Bearer key.",
    tag: "Session",
    auth: "key",
    response: SessionResponseSchema,
  },
  {
    method: "delete",
    path: "/v1/session",
    summary: "Dashboard sign-out",
    description: "Ends the dashboard session and clears its cookie. Always 204.",
    tag: "Session",
    auth: "none",
    response: z.null(),
    status: 204,
  },
];
