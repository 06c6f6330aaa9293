/**
 * POST /v1/orders: validate, check the kill switch and idempotency key, write the order
 * (or graph) and its `accepted` event durably, then hand it to the sandbox runner. The
 * response is sent only after the store has committed.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { EDGE_TRIGGERS, type GraphOrderBody, type OrderBodySchema, type OrderResponseSchema, type SimpleOrderBody } from "@/lib/contracts/orders";
import type { EdgeTrigger } from "@/server/execution/sandbox-runner";
import { qtyToE8, priceToE9 } from "@/lib/units";
import type { Principal } from "@/server/auth/principal";
import type { Core } from "@/server/core";
import type { OrderExecution } from "@/server/cost/forecast-order";
import { deriveOrder } from "@/server/execution/order-states";
import type { OrderEvent } from "@/server/execution/order-events";
import { validateGraph } from "@/server/execution/validate-graph";
import { ApiError, validationError } from "@/server/http/api-error";
import { assertOrderCapacity } from "@/server/http/assert-order-capacity";
import { currentBooks } from "@/server/market-data/current-books";
import { computeNbbo } from "@/server/market-data/nbbo";
import { instrumentFor } from "@/server/market-data/venues";
import type { VenueId } from "@/server/market-data/types";
import { chooseRouterVersion } from "@/server/router/router-versions";
import type { NewOrder, OrderRecord } from "@/server/store/port";
import { hashBody } from "./hash-body";
import { loadOrderView } from "./order-view";
import { parentFromRecord } from "./parent-from-record";
import { snapshotForecast } from "./snapshot-forecast";
import { readStoredBody, writeStoredBody, type StoredBody } from "./stored-order-body";

type OrderBody = z.output<typeof OrderBodySchema>;
type OrderResponse = z.input<typeof OrderResponseSchema>;

export async function submitOrder(core: Core, principal: Principal, body: OrderBody): Promise<{ created: boolean; response: OrderResponse }> {
  assertOrderCapacity(core, principal.deskId);
  if (!principal.sandbox) {
    throw new ApiError(
      "FORBIDDEN",
      "Live trading is not available: this deployment has no venue trading credentials. Use a seq_test_ key to trade in the sandbox.",
    );
  }
  const isGraph = "nodes" in body;
  const bodyHash = hashBody(body);
  const clientKey = isGraph ? { graphId: body.graph_id } : body.client_request_id ? { clientRequestId: body.client_request_id } : undefined;
  if (clientKey) {
    const existing = await core.store.findOrderByClientKey(principal.deskId, clientKey);
    if (existing) {
      if (existing.bodyHash !== bodyHash) {
        throw new ApiError("CONFLICT", `${isGraph ? "graph_id" : "client_request_id"} was already used with a different body`, [
          { field: isGraph ? "graph_id" : "client_request_id", message: "reuse it only to retry the same request" },
        ]);
      }
      return { created: false, response: await describeOrder(core, principal.deskId, existing) };
    }
  }
  const now = core.clock.nowMs();
  const rows = isGraph ? graphRows(core, principal, body, bodyHash, now) : [simpleRow(core, principal, body, bodyHash, now)];
  const accepted = (o: NewOrder): OrderEvent => ({ kind: "accepted", atMs: now, qtyE8: o.qtyE8 });
  let created: { records: OrderRecord[]; killSwitchVersion: number };
  try {
    // The kill switch is checked inside the create transaction (a fence, not a read before it).
    created = await core.store.createOrdersFenced(rows, rows.map((o) => ({ orderId: o.id, event: accepted(o) })));
  } catch (err) {
    // By name: the store may be bundled into another server chunk than this file.
    if (err instanceof Error && err.name === "KillSwitchEngagedError") throw killSwitchEngaged();
    // Two identical requests racing on the same key: the loser returns the winner's order.
    if (clientKey && err instanceof Error && err.name === "StoreConflictError") {
      const winner = await core.store.findOrderByClientKey(principal.deskId, clientKey);
      if (winner && winner.bodyHash === bodyHash) return { created: false, response: await describeOrder(core, principal.deskId, winner) };
      throw new ApiError("CONFLICT", "The idempotency key was taken by a concurrent request with a different body");
    }
    throw err;
  }

  const { records, killSwitchVersion } = created;
  startOrders(core, records, killSwitchVersion, now);
  return { created: true, response: await describeOrder(core, principal.deskId, records[0]!) };
}

function killSwitchEngaged(): ApiError {
  return new ApiError("CONFLICT", "The desk's kill switch is engaged: new orders are refused until it is released");
}

/** `killSwitchVersion`: the switch the create passed; the runner cancels at once if it has changed since. */
function startOrders(core: Core, records: readonly OrderRecord[], killSwitchVersion: number, now: number): void {
  const { runner, journal } = core.sandbox;
  const stored = new Map(records.map((r) => [r.id, readStoredBody(r.bodyJson)]));
  const byNode = new Map<string, OrderRecord>();
  for (const r of records) {
    const nodeId = stored.get(r.id)?.nodeId;
    if (nodeId) byNode.set(nodeId, r);
  }
  const targets = new Set<string>();
  for (const r of records) {
    journal.track(r.id, deriveOrder([{ kind: "accepted", atMs: now, qtyE8: r.qtyE8 }]).state, r.deskId);
    const edges = (stored.get(r.id)?.edges ?? []).flatMap((e) => {
      const to = byNode.get(e.to);
      if (!to || !isEdgeTrigger(e.trigger)) return [];
      targets.add(to.id);
      return [{ to: to.id, trigger: e.trigger, timeoutMs: e.timeoutMs ?? undefined }];
    });
    runner.add(parentFromRecord(r, undefined, now), edges, killSwitchVersion);
  }
  for (const r of records) if (!targets.has(r.id)) runner.start(r.id, now);
}

async function describeOrder(core: Core, deskId: string, root: OrderRecord): Promise<OrderResponse> {
  const order = await loadOrderView(core.store, root);
  const children = root.graphId ? (await core.store.listOrders(deskId, { parentId: root.id, limit: 200 })).orders : [];
  const nodes = [order, ...(await Promise.all(children.map((c) => loadOrderView(core.store, c))))];
  return { order, nodes: root.graphId ? nodes : [] };
}

function simpleRow(core: Core, principal: Principal, body: SimpleOrderBody, bodyHash: string, now: number): NewOrder {
  const mid = requireServed(core, body.symbol, "symbol", body.venue, "venue");
  const qty = body.qty ?? (body.notional ?? 0) / mid;
  const id = newId("ord");
  return {
    id,
    deskId: principal.deskId,
    keyId: principal.keyId,
    parentId: null,
    nodeOrderId: newId("nod"),
    graphId: null,
    clientRequestId: body.client_request_id ?? null,
    bodyHash,
    bodyJson: writeStoredBody({
      request: body,
      nodeId: null,
      excludeVenues: body.exclude_venues ?? [],
      pacing: null,
      edges: [],
      forecast: forecastAtAcceptance(core, body.symbol, body.side, qty, now, {
        venue: body.venue,
        excludeVenues: body.exclude_venues ?? [],
        limitPrice: body.limit_price,
      }),
    }),
    symbol: body.symbol,
    side: body.side,
    qtyE8: positiveE8(qty, "qty"),
    limitPriceE9: body.limit_price === undefined ? null : priceToE9(body.limit_price),
    venue: body.venue ?? null,
    policy: body.venue ? "direct" : "sor",
    urgency: body.urgency,
    routerVersion: chooseRouterVersion(id),
    sandbox: principal.sandbox,
    createdAtMs: now,
  };
}

function graphRows(core: Core, principal: Principal, body: GraphOrderBody, bodyHash: string, now: number): NewOrder[] {
  const problems = validateGraph(body);
  if (problems.length) throw new ApiError("VALIDATION_ERROR", `Invalid graph: ${problems[0]!.message}`, problems);
  const ids = body.nodes.map(() => newId("ord"));
  const rootId = ids[0]!;
  return body.nodes.map((node, i) => {
    requireServed(core, node.instrument, `nodes.${i}.instrument`, node.venue, `nodes.${i}.venue`);
    if (node.order_type === "limit" && node.limit_price === undefined) {
      throw validationError(`nodes.${i}.limit_price`, "a limit node needs limit_price");
    }
    const pacing = node.execution.pacing;
    const edges = body.edges
      .filter((e) => e.from === node.node_id)
      .map((e) => ({ to: e.to, trigger: e.trigger, timeoutMs: e.timeout_ms ?? null }));
    return {
      id: ids[i]!,
      deskId: principal.deskId,
      keyId: principal.keyId,
      // The first node is the graph's root: it carries graph_id (the idempotency key).
      parentId: i === 0 ? null : rootId,
      nodeOrderId: newId("nod"),
      graphId: i === 0 ? body.graph_id : null,
      clientRequestId: null,
      bodyHash: i === 0 ? bodyHash : hashBody(node),
      bodyJson: writeStoredBody({
        request: i === 0 ? body : node,
        nodeId: node.node_id,
        excludeVenues: [],
        pacing: pacing ? { numSlices: pacing.num_slices, intervalMs: pacing.interval_ms } : null,
        edges,
        forecast: forecastAtAcceptance(core, node.instrument, node.side, node.quantity, now, {
          venue: node.venue,
          limitPrice: node.limit_price,
          pacing: pacing ? { numSlices: pacing.num_slices, intervalMs: pacing.interval_ms } : null,
        }),
      }),
      symbol: node.instrument,
      side: node.side,
      qtyE8: positiveE8(node.quantity, `nodes.${i}.quantity`),
      limitPriceE9: node.limit_price === undefined ? null : priceToE9(node.limit_price),
      venue: node.venue ?? null,
      policy: pacing ? "twap" : node.execution.policy,
      urgency: node.execution.urgency,
      routerVersion: chooseRouterVersion(ids[i]!),
      sandbox: principal.sandbox,
      createdAtMs: now,
    };
  });
}

/** The symbol must be served and quoted now, and a direct venue must list it; returns the NBBO mid. */
function requireServed(core: Core, symbol: string, field: string, venue: VenueId | undefined, venueField: string): number {
  if (!core.market.source.symbols().includes(symbol)) {
    throw validationError(field, `unknown symbol ${symbol}; served: ${core.market.source.symbols().join(", ")}`);
  }
  if (venue && !instrumentFor(venue, symbol)) throw validationError(venueField, `${venue} does not list ${symbol}`);
  const books = currentBooks(core.market.source, symbol);
  const mid = computeNbbo(books).mid;
  if (mid === undefined) throw new ApiError("SERVICE_UNAVAILABLE", `No market for ${symbol} right now; retry shortly`, [], { "Retry-After": "1" });
  return mid;
}

function forecastAtAcceptance(core: Core, symbol: string, side: "buy" | "sell", qty: number, now: number, execution: OrderExecution): StoredBody["forecast"] {
  return snapshotForecast({
    symbol, side, qty, execution, books: currentBooks(core.market.source, symbol), observations: core.market.observations,
    calibration: (group) => core.calibration.current(symbol, group), nowMs: now,
  });
}

function positiveE8(qty: number, field: string): bigint {
  const e8 = qtyToE8(qty);
  if (e8 <= 0n) throw validationError(field, "quantity rounds to zero at 1e-8 resolution");
  return e8;
}

function isEdgeTrigger(t: string): t is EdgeTrigger {
  return (EDGE_TRIGGERS as readonly string[]).includes(t);
}

function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}
