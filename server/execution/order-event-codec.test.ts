import { describe, expect, it } from "vitest";
import { OrderEventDecodeError, decodeOrderEvent, encodeOrderEvent } from "./order-event-codec";
import type { OrderEvent } from "./order-events";

const EVENTS: OrderEvent[] = [
  { kind: "accepted", atMs: 1, qtyE8: 100_000_000_000_000_000n },
  { kind: "started", atMs: 2 },
  { kind: "paused", atMs: 3, byKeyId: "key_1" },
  { kind: "resumed", atMs: 4, byKeyId: null },
  { kind: "child_sent", atMs: 5, childId: "c1", venue: "okx", qtyE8: 5n, limitPriceE9: 61_837_630_000_000n, decisionId: null },
  { kind: "child_acked", atMs: 6, childId: "c1" },
  { kind: "child_rejected", atMs: 7, childId: "c1", reason: "STALE_VENUE" },
  { kind: "fill", atMs: 8, fillId: "f1", childId: "c1", venue: "okx", qtyE8: 3n, priceE9: 9_007_199_254_740_993n, feeE9: -12n, liquidity: "maker" },
  { kind: "child_cancelled", atMs: 9, childId: "c1", qtyE8: 2n },
  { kind: "cancel_requested", atMs: 10, byKeyId: null },
  { kind: "completed", atMs: 11, dustE8: 400n },
  { kind: "cancelled", atMs: 12, reason: "KILL_SWITCH" },
  { kind: "rejected", atMs: 13, reason: "NO_LIQUIDITY" },
  { kind: "failed", atMs: 14, reason: "STORE_UNAVAILABLE", error: "lost the venue session" },
];

describe("order event codec", () => {
  it.each(EVENTS.map((e) => [e.kind, e] as const))("round-trips %s exactly, bigints beyond 2^53 included", (_k, event) => {
    const encoded = encodeOrderEvent(event);
    expect(encoded.kind).toBe(event.kind);
    expect(encoded.atMs).toBe(event.atMs);
    expect(encoded.payloadJson).not.toContain('"kind"');
    expect(decodeOrderEvent(encoded)).toEqual(event);
  });

  it.each([
    ["NO_LIQUIDITY", "NO_LIQUIDITY"],
    ["INTERNAL_ERROR", "INTERNAL_ERROR"],
    ["interrupted by a restart before its graph trigger fired", "RESTART_INTERRUPTED"],
    ["unknown", "INTERNAL_ERROR"],
    ["venue session lost", "INTERNAL_ERROR"],
  ] as const)("reads a failed event logged without a reason code (%s) as %s, keeping the text", (error, reason) => {
    const old = { kind: "failed", atMs: 7, payloadJson: JSON.stringify({ error }) };
    expect(decodeOrderEvent(old)).toEqual({ kind: "failed", atMs: 7, reason, error });
  });

  it("a stored reason code wins over the text, and must be in the closed set", () => {
    const row = (payload: unknown) => ({ kind: "failed", atMs: 7, payloadJson: JSON.stringify(payload) });
    expect(decodeOrderEvent(row({ reason: "STORE_UNAVAILABLE", error: "NO_LIQUIDITY" }))).toMatchObject({ reason: "STORE_UNAVAILABLE" });
    expect(() => decodeOrderEvent(row({ reason: "OOPS", error: "x" }))).toThrow(OrderEventDecodeError);
    expect(() => decodeOrderEvent(row({ reason: "INTERNAL_ERROR" }))).toThrow(OrderEventDecodeError);
  });

  it("reads a completed event logged before dust was recorded as one without dust", () => {
    expect(decodeOrderEvent({ kind: "completed", atMs: 7, payloadJson: "{}" })).toEqual({ kind: "completed", atMs: 7 });
    expect(() => decodeOrderEvent({ kind: "completed", atMs: 7, payloadJson: '{"dustE8":0.5}' })).toThrow(OrderEventDecodeError);
  });

  it.each([
    ["rejected", "{}"],
    ["rejected", '{"reason":null}'],
    ["child_rejected", '{"childId":"c1"}'],
    ["failed", '{"reason":"NO_LIQUIDITY"}'],
  ])("refuses a %s event without its reason or text (%s)", (kind, payloadJson) => {
    expect(() => decodeOrderEvent({ kind, atMs: 1, payloadJson })).toThrow(OrderEventDecodeError);
  });

  it("stores bigints as decimal strings", () => {
    expect(encodeOrderEvent(EVENTS[0]!).payloadJson).toBe('{"qtyE8":"100000000000000000"}');
  });

  it.each([
    ["an unknown kind", { kind: "teleported", atMs: 1, payloadJson: "{}" }],
    ["a payload that is not JSON", { kind: "started", atMs: 1, payloadJson: "{" }],
    ["a reason outside the closed set", { kind: "rejected", atMs: 1, payloadJson: '{"reason":"BECAUSE"}' }],
    ["a float quantity", { kind: "accepted", atMs: 1, payloadJson: '{"qtyE8":"1.5"}' }],
    ["a numeric quantity", { kind: "accepted", atMs: 1, payloadJson: '{"qtyE8":15}' }],
    ["an unknown venue", { kind: "child_acked", atMs: 1, payloadJson: '{"childId":"c1","venue":"mtgox"}' }],
    ["a missing field", { kind: "fill", atMs: 1, payloadJson: '{"fillId":"f1"}' }],
  ])("refuses %s", (_name, row) => {
    expect(() => decodeOrderEvent(row)).toThrow(OrderEventDecodeError);
  });
});
