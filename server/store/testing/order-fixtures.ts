/**
 * Builders for orders and their events in store tests and the crash-test writer: valid
 * by default, every field overridable.
 */
import { createHash, randomUUID } from "node:crypto";
import type { VenueId } from "@/lib/contracts/common";
import type { OrderEvent, OrderFillEvent } from "@/server/execution/order-events";
import type { NewOrder } from "../order-port";

export const E8 = 100_000_000n;
export const E9 = 1_000_000_000n;

export function uniqueId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

export function buildOrder(deskId: string, keyId: string, overrides: Partial<NewOrder> = {}): NewOrder {
  const bodyJson = overrides.bodyJson ?? JSON.stringify({ symbol: "BTC-USD", side: "buy", qty: 2 });
  return {
    id: uniqueId("ord"),
    deskId,
    keyId,
    parentId: null,
    nodeOrderId: uniqueId("nod"),
    graphId: null,
    clientRequestId: null,
    bodyHash: createHash("sha256").update(bodyJson).digest("hex"),
    bodyJson,
    symbol: "BTC-USD",
    side: "buy",
    qtyE8: 2n * E8,
    limitPriceE9: null,
    venue: null,
    policy: "sor",
    urgency: "medium",
    routerVersion: "sor-v2",
    sandbox: true,
    createdAtMs: 1_700_000_000_000,
    ...overrides,
  };
}

export function acceptedEvent(order: Pick<NewOrder, "qtyE8" | "createdAtMs">): OrderEvent {
  return { kind: "accepted", atMs: order.createdAtMs, qtyE8: order.qtyE8 };
}

export function childSentEvent(childId: string, qtyE8: bigint, atMs: number, venue: VenueId = "binance"): OrderEvent {
  return { kind: "child_sent", atMs, childId, venue, qtyE8, limitPriceE9: null, decisionId: null };
}

export function fillEvent(fillId: string, childId: string, qtyE8: bigint, atMs: number, venue: VenueId = "binance"): OrderFillEvent {
  return { kind: "fill", atMs, fillId, childId, venue, qtyE8, priceE9: 65_000n * E9 + 123_456_789n, feeE9: 1_234_567n, liquidity: "taker" };
}
